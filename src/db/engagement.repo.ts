/** Kore User Engagement Trend: distinct and new users per local day and hour, and over the period, in SQL. */
import type Database from 'better-sqlite3'
import { bindWindow, localDaySql, localHourSql } from '../engine/local-time-sql.js'
import type { Window } from '../engine/window.js'
import { createStatementCache } from './statements.js'

/** Which sessions count; null = no restriction on that field. */
export interface EngagementFilter {
  interactive: 0 | 1 | null
  status: 'active' | 'closed' | null
  /** channel ids of the bot; an empty list matches nothing */
  channelIds: number[] | null
}

export interface UserCounts { users: number, newUsers: number }
export interface DayCounts extends UserCounts { day: number }
export interface HourCounts extends DayCounts { hour: number }

/**
 * A user counts on a day (hour) when one of their matching sessions starts then; they are
 * new there when that session is their first ever with the bot (`is_new_user`), so each
 * user is new at most once and only where their first session matches the filters.
 */
const NEW_USERS = 'COUNT(DISTINCT CASE WHEN is_new_user = 1 THEN user_id END)'

export function createEngagementRepository (db: Database.Database) {
  const stmt = createStatementCache(db)

  function bind (botId: number, w: Window, f: EngagementFilter) {
    const { segments, params } = bindWindow(w)
    return {
      n: segments.length,
      p: {
        ...params,
        bot: botId,
        interactive: f.interactive,
        status: f.status,
        channels: f.channelIds === null ? null : JSON.stringify(f.channelIds)
      }
    }
  }

  // the window is whole local days, so the bounds alone select it (no hour-of-day filter)
  const base = `FROM sessions WHERE bot_id = @bot AND started_ms >= @w_start AND started_ms < @w_end
    AND (@interactive IS NULL OR interactive = @interactive)
    AND (@status IS NULL OR status = @status)
    AND (@channels IS NULL OR channel_id IN (SELECT value FROM json_each(@channels)))`

  return {
    totals (botId: number, w: Window, f: EngagementFilter): UserCounts {
      const { n, p } = bind(botId, w, f)
      return stmt(`totals|${n}`, () => `SELECT COUNT(DISTINCT user_id) AS users, ${NEW_USERS} AS newUsers ${base}`).get(p) as UserCounts
    },

    /** Local days (day numbers in the window's zone) that have users. */
    byDay (botId: number, w: Window, f: EngagementFilter): DayCounts[] {
      const { n, p } = bind(botId, w, f)
      return stmt(`day|${n}`, () => `SELECT ${localDaySql('started_ms', n)} AS day, COUNT(DISTINCT user_id) AS users,
        ${NEW_USERS} AS newUsers ${base} GROUP BY day`).all(p) as DayCounts[]
    },

    /** Local (day, hour of day) pairs that have users; a repeated fall-back hour is one bucket. */
    byHour (botId: number, w: Window, f: EngagementFilter): HourCounts[] {
      const { n, p } = bind(botId, w, f)
      return stmt(`hour|${n}`, () => `SELECT ${localDaySql('started_ms', n)} AS day, ${localHourSql('started_ms', n)} AS hour,
        COUNT(DISTINCT user_id) AS users, ${NEW_USERS} AS newUsers ${base} GROUP BY day, hour`).all(p) as HourCounts[]
    }
  }
}

export type EngagementRepository = ReturnType<typeof createEngagementRepository>
