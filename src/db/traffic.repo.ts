/** Aggregations over sessions and messages, grouped in SQL by local hour, day, week and month. */
import type Database from 'better-sqlite3'
import {
  bindWindow, hourStartSql, localDaySql, localMonthSql, localWeekOfMonthSql, windowFilterSql
} from '../engine/local-time-sql.js'
import { addHourRows, emptySeries, setLevelRows, type BucketPlan, type Series } from '../engine/buckets.js'
import { quarterMap } from '../engine/quarters.js'
import { channelLookup, distinctUsers as scanDistinct, foldCounts, sumCounts, windowQuarters } from '../engine/rollup-fold.js'
import type { Window } from '../engine/window.js'
import { createRollupRepository, type QuarterColumn } from './rollup.repo.js'
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

/** The rollup column of each measure. */
const COLUMN: Record<Measure, QuarterColumn> = { sessions: 'sessions', userMessages: 'user_messages' }

const IN_CHANNELS = 'channel_id IN (SELECT value FROM json_each(@channels))'

export interface ChannelHourRow { channelId: number, hourStart: number, day: number, value: number }

export interface TrafficOptions {
  /** answer from the rollup tables where the window is on the quarter grid (SANDBOX_ROLLUPS) */
  rollups: boolean
}

export function createTrafficRepository (db: Database.Database, opts: TrafficOptions = { rollups: true }) {
  const stmt = createStatementCache(db)
  const rollup = opts.rollups ? createRollupRepository(db) : null

  function params (scope: Scope, w: Window): { n: number, p: Record<string, unknown> } {
    const { segments, params } = bindWindow(w)
    return { n: segments.length, p: { ...params, bot: scope.botId, channels: JSON.stringify(scope.channelIds) } }
  }

  function where (m: Measure, n: number): string {
    const s = SOURCES[m]
    return `FROM ${s.table} WHERE bot_id = @bot ${s.extra} AND ${windowFilterSql(s.time, n)} AND ${IN_CHANNELS}`
  }

  const repo = {
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
      const q = rollup === null ? null : windowQuarters(w)
      if (rollup !== null && q !== null) {
        const rows = rollup.userMessages(scope.botId, scope.channelIds, q.firstUtcDay, q.lastUtcDay)
        return { total: sumCounts(q.firstUtcDay, q.keys, rows, 3), understood: sumCounts(q.firstUtcDay, q.keys, rows, 4) }
      }
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

    /**
     * Adds counts into the series of each channel (`seriesOf` returns the same series for
     * every channel to get a total) at every level of the plan; returns the total added.
     * Conversations come from the quarter rollups when the window allows, else from SQL.
     */
    fillSeries (m: Measure, scope: Scope, plan: BucketPlan, seriesOf: (channelId: number) => Series | undefined): number {
      const map = rollup === null ? null : quarterMap(plan)
      if (rollup !== null && map !== null) {
        return foldCounts(map, rollup.counts(COLUMN[m], scope.botId, scope.channelIds, map.firstUtcDay, map.lastUtcDay), 3, seriesOf)
      }
      let total = 0
      for (const row of repo.countByChannelHour(m, scope, plan.window)) {
        const s = seriesOf(row.channelId)
        if (s === undefined) continue
        addHourRows(plan, s, [row])
        total += row.value
      }
      return total
    },

    /** The number of conversations or user messages in the window. */
    total (m: Measure, scope: Scope, w: Window): number {
      const q = rollup === null ? null : windowQuarters(w)
      if (rollup !== null && q !== null) {
        return sumCounts(q.firstUtcDay, q.keys, rollup.counts(COLUMN[m], scope.botId, scope.channelIds, q.firstUtcDay, q.lastUtcDay), 3)
      }
      return repo.count(m, scope, w)
    },

    /** Distinct users per bucket of every level, and over the window. */
    distinctUserSeries (scope: Scope, plan: BucketPlan): { series: Series, total: number } {
      const series = emptySeries(plan)
      const map = rollup === null ? null : quarterMap(plan)
      if (rollup !== null && map !== null) {
        const rows = rollup.activity(scope.botId, map.firstUtcDay, map.lastUtcDay)
        const whole = map.hour.map(h => h < 0 ? -1 : 0)
        const c = scanDistinct(rows, map.firstUtcDay, [
          { keys: map.hour, size: plan.hours.length },
          { keys: map.day, size: plan.days.length },
          { keys: map.week, size: plan.weeks.length },
          { keys: map.month, size: plan.months.length },
          { keys: whole, size: 1 }
        ], { channels: channelLookup(scope.channelIds), interactive: null, closed: null })
        series.hours = Array.from(c.users[0])
        series.days = Array.from(c.users[1])
        series.weeks = Array.from(c.users[2])
        series.months = Array.from(c.users[3])
        return { series, total: c.users[4][0] }
      }
      const rows = repo.distinctUsers(scope, plan.window)
      setLevelRows(plan, series, rows)
      return { series, total: rows.total }
    },

    /** Distinct users over the window. */
    distinctUserTotal (scope: Scope, w: Window): number {
      const q = rollup === null ? null : windowQuarters(w)
      if (rollup !== null && q !== null) {
        const rows = rollup.activity(scope.botId, q.firstUtcDay, q.lastUtcDay)
        return scanDistinct(rows, q.firstUtcDay, [{ keys: q.keys, size: 1 }],
          { channels: channelLookup(scope.channelIds), interactive: null, closed: null }).users[0][0]
      }
      return repo.distinctUsers(scope, w).total
    },

    /** Start of the bot's first conversation, or null. */
    firstSessionMs: (() => {
      const s = db.prepare<[number], { first: number | null }>('SELECT MIN(started_ms) AS first FROM sessions WHERE bot_id = ?')
      return (botId: number): number | null => s.get(botId)?.first ?? null
    })()
  }
  return repo
}

export type TrafficRepository = ReturnType<typeof createTrafficRepository>
