/** Aggregations over sessions and messages, grouped in SQL by local hour, day, week and month. */
import type Database from 'better-sqlite3'
import {
  bindWindow, hourStartSql, localDaySql, localMonthSql, localWeekOfMonthSql, windowFilterSql
} from '../engine/local-time-sql.js'
import type { Window } from '../engine/window.js'
import { createStatementCache } from './statements.js'

/** What to count: conversations (by start), user messages (by delivery), distinct users. */
export type Measure = 'sessions' | 'userMessages'

export interface Scope {
  botId: number
  /** channel ids to include; never empty (an empty filter means every channel of the bot) */
  channelIds: number[]
}

const SOURCES: Record<Measure, { table: string, time: string, extra: string }> = {
  sessions: { table: 'sessions', time: 'started_ms', extra: '' },
  userMessages: { table: 'messages', time: 'ts_ms', extra: 'AND direction = 0' }
}

const IN_CHANNELS = 'channel_id IN (SELECT value FROM json_each(@channels))'

export interface ChannelHourRow { channelId: number, hourStart: number, day: number, value: number }

export function createTrafficRepository (db: Database.Database) {
  const stmt = createStatementCache(db)

  function params (scope: Scope, w: Window): { n: number, p: Record<string, unknown> } {
    const { segments, params } = bindWindow(w)
    return { n: segments.length, p: { ...params, bot: scope.botId, channels: JSON.stringify(scope.channelIds) } }
  }

  function where (m: Measure, n: number): string {
    const s = SOURCES[m]
    return `FROM ${s.table} WHERE bot_id = @bot ${s.extra} AND ${windowFilterSql(s.time, n)} AND ${IN_CHANNELS}`
  }

  return {
    /** Counts per channel and local hour; days, weeks and months are sums of these. */
    countByChannelHour (m: Measure, scope: Scope, w: Window): ChannelHourRow[] {
      const { n, p } = params(scope, w)
      const t = SOURCES[m].time
      return stmt(`count-hour|${m}|${n}`, () => `SELECT channel_id AS channelId, ${hourStartSql(t, n)} AS hourStart,
        ${localDaySql(t, n)} AS day, COUNT(*) AS value ${where(m, n)} GROUP BY channel_id, hourStart`).all(p) as ChannelHourRow[]
    },

    count (m: Measure, scope: Scope, w: Window): number {
      const { n, p } = params(scope, w)
      return (stmt(`count|${m}|${n}`, () => `SELECT COUNT(*) AS c ${where(m, n)}`).get(p) as { c: number }).c
    },

    /** Distinct users who started a conversation, in the window and per bucket of each level. */
    distinctUsers (scope: Scope, w: Window) {
      const { n, p } = params(scope, w)
      const base = where('sessions', n)
      const t = 'started_ms'
      const q = <T>(key: string, sql: () => string): T[] => stmt(`users|${key}|${n}`, sql).all(p) as T[]
      return {
        total: (stmt(`users-total|${n}`, () => `SELECT COUNT(DISTINCT user_id) AS c ${base}`).get(p) as { c: number }).c,
        hours: q<{ key: number, value: number }>('h', () =>
          `SELECT ${hourStartSql(t, n)} AS key, COUNT(DISTINCT user_id) AS value ${base} GROUP BY key`),
        days: q<{ key: number, value: number }>('d', () =>
          `SELECT ${localDaySql(t, n)} AS key, COUNT(DISTINCT user_id) AS value ${base} GROUP BY key`),
        weeks: q<{ key: string, value: number }>('w', () =>
          `SELECT ${localMonthSql(t, n)} || '|' || ${localWeekOfMonthSql(t, n)} AS key, COUNT(DISTINCT user_id) AS value ${base} GROUP BY key`),
        months: q<{ key: string, value: number }>('m', () =>
          `SELECT ${localMonthSql(t, n)} AS key, COUNT(DISTINCT user_id) AS value ${base} GROUP BY key`)
      }
    },

    /** User messages and how many of them reached the confidence threshold. */
    understood (scope: Scope, w: Window): { total: number, understood: number } {
      const { n, p } = params(scope, w)
      const row = stmt(`understood|${n}`, () =>
        `SELECT COUNT(*) AS total, COALESCE(SUM(understood), 0) AS understood ${where('userMessages', n)}`).get(p)
      return row as { total: number, understood: number }
    },

    /** Understood user messages per channel and matched intent. */
    intentHits (scope: Scope, w: Window): Array<{ channelId: number, intentId: number, value: number }> {
      const { n, p } = params(scope, w)
      return stmt(`intent-hits|${n}`, () => `SELECT channel_id AS channelId, intent_id AS intentId, COUNT(*) AS value
        ${where('userMessages', n)} AND understood = 1 GROUP BY channel_id, intent_id`).all(p) as Array<{ channelId: number, intentId: number, value: number }>
    },

    /** Conversations per channel and flow travelled. */
    flowHits (scope: Scope, w: Window): Array<{ channelId: number, flowId: number, value: number }> {
      const { n, p } = params(scope, w)
      return stmt(`flow-hits|${n}`, () => `SELECT channel_id AS channelId, flow_id AS flowId, COUNT(*) AS value
        FROM session_flows WHERE bot_id = @bot AND ${windowFilterSql('started_ms', n)} AND ${IN_CHANNELS}
        GROUP BY channel_id, flow_id`).all(p) as Array<{ channelId: number, flowId: number, value: number }>
    },

    /** Start of the bot's first conversation, or null. */
    firstSessionMs: (() => {
      const s = db.prepare<[number], { first: number | null }>('SELECT MIN(started_ms) AS first FROM sessions WHERE bot_id = ?')
      return (botId: number): number | null => s.get(botId)?.first ?? null
    })()
  }
}

export type TrafficRepository = ReturnType<typeof createTrafficRepository>
