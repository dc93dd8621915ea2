/** Kore User Engagement Trend: distinct and new users per local day and hour, and over the period, in SQL. */
import type Database from 'better-sqlite3'
import { bindWindow, localDaySql, localHourSql } from '../engine/local-time-sql.js'
import { QUARTERS_PER_DAY, quarterGrid } from '../engine/quarters.js'
import { channelLookup, distinctUsers, type ActivityFilter, type DistinctCounts } from '../engine/rollup-fold.js'
import type { Window } from '../engine/window.js'
import { createRollupRepository } from './rollup.repo.js'
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

/**
 * Per quarter of the window's UTC days: the local day (from the window's first), the local
 * (day, hour) as dense keys, and the whole window as one key; −1 outside the window. Null
 * when off the quarter grid.
 */
function engagementKeys (w: Window) {
  const grid = quarterGrid(w)
  if (grid === null) return null
  const day = new Int32Array(grid.size).fill(-1)
  const hour = new Int32Array(grid.size).fill(-1)
  const whole = new Int32Array(grid.size).fill(-1)
  for (const span of grid.spans) {
    let lq = span.localQuarter
    for (let i = span.from; i < span.to; i++, lq++) {
      const qd = lq % QUARTERS_PER_DAY
      const d = (lq - qd) / QUARTERS_PER_DAY - w.firstDay
      day[i] = d
      hour[i] = d * 24 + (qd >> 2)
      whole[i] = 0
    }
  }
  return { firstUtcDay: grid.firstUtcDay, lastUtcDay: grid.lastUtcDay, days: w.lastDay - w.firstDay + 1, day, hour, whole }
}

function activityFilter (f: EngagementFilter): ActivityFilter {
  return {
    channels: f.channelIds === null ? null : channelLookup(f.channelIds),
    interactive: f.interactive,
    closed: f.status === null ? null : f.status === 'closed' ? 1 : 0
  }
}

export function createEngagementRepository (db: Database.Database, opts: { rollups: boolean } = { rollups: true }) {
  const stmt = createStatementCache(db)
  const rollup = opts.rollups ? createRollupRepository(db) : null

  /**
   * Distinct and new users per local day or hour and over the window, in one pass over the
   * activity rollup (the buckets nest in the window: rollup-fold.ts); null to use SQL.
   */
  function fromActivity (botId: number, w: Window, f: EngagementFilter, level: 'day' | 'hour'): { counts: DistinctCounts, totals: UserCounts } | null {
    const keys = rollup === null ? null : engagementKeys(w)
    if (rollup === null || keys === null) return null
    const size = level === 'day' ? keys.days : keys.days * 24
    const rows = rollup.activity(botId, keys.firstUtcDay, keys.lastUtcDay)
    const counts = distinctUsers(rows, keys.firstUtcDay, [{ keys: keys[level], size }, { keys: keys.whole, size: 1 }], activityFilter(f))
    return { counts, totals: { users: counts.users[1][0], newUsers: counts.newUsers[1][0] } }
  }

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

  function totals (botId: number, w: Window, f: EngagementFilter): UserCounts {
    const { n, p } = bind(botId, w, f)
    return stmt(`totals|${n}`, () => `SELECT COUNT(DISTINCT user_id) AS users, ${NEW_USERS} AS newUsers ${base}`).get(p) as UserCounts
  }

  return {
    /** Local days (day numbers in the window's zone) that have users, and the window's totals. */
    byDay (botId: number, w: Window, f: EngagementFilter): { totals: UserCounts, days: DayCounts[] } {
      const r = fromActivity(botId, w, f, 'day')
      if (r !== null) {
        const days: DayCounts[] = []
        r.counts.users[0].forEach((users, i) => { if (users > 0) days.push({ day: w.firstDay + i, users, newUsers: r.counts.newUsers[0][i] }) })
        return { totals: r.totals, days }
      }
      const { n, p } = bind(botId, w, f)
      const days = stmt(`day|${n}`, () => `SELECT ${localDaySql('started_ms', n)} AS day, COUNT(DISTINCT user_id) AS users,
        ${NEW_USERS} AS newUsers ${base} GROUP BY day`).all(p) as DayCounts[]
      return { totals: totals(botId, w, f), days }
    },

    /** Local (day, hour of day) pairs that have users (a repeated fall-back hour is one bucket), and the window's totals. */
    byHour (botId: number, w: Window, f: EngagementFilter): { totals: UserCounts, hours: HourCounts[] } {
      const r = fromActivity(botId, w, f, 'hour')
      if (r !== null) {
        const hours: HourCounts[] = []
        r.counts.users[0].forEach((users, i) => {
          if (users > 0) hours.push({ day: w.firstDay + Math.floor(i / 24), hour: i % 24, users, newUsers: r.counts.newUsers[0][i] })
        })
        return { totals: r.totals, hours }
      }
      const { n, p } = bind(botId, w, f)
      const hours = stmt(`hour|${n}`, () => `SELECT ${localDaySql('started_ms', n)} AS day, ${localHourSql('started_ms', n)} AS hour,
        COUNT(DISTINCT user_id) AS users, ${NEW_USERS} AS newUsers ${base} GROUP BY day, hour`).all(p) as HourCounts[]
      return { totals: totals(botId, w, f), hours }
    }
  }
}

export type EngagementRepository = ReturnType<typeof createEngagementRepository>
