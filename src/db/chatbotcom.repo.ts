/** ChatBot.com report aggregations: conversations per UTC bucket, weekday × hour, and interaction triggers. */
import type Database from 'better-sqlite3'
import { DAY_MS, HOUR_MS } from '../engine/calendar.js'
import { QUARTER_MS, QUARTERS_PER_DAY, utcDayRange } from '../engine/quarters.js'
import { bucketStart, bucketStartSql, type UtcDimension } from '../engine/utc-buckets.js'
import { createRollupRepository } from './rollup.repo.js'
import { createStatementCache } from './statements.js'

/** Stories (bots) and channels (story × source) a report covers; an inclusive UTC-ms range. */
export interface ReportScope { botIds: number[], channelIds: number[], from: number, to: number }

export interface BucketRow { bucket: number, botId: number, channelId: number, conversations: number, paid: number, messages: number }

const SCOPE_SQL = 'bot_id IN (SELECT value FROM json_each(@bots)) AND channel_id IN (SELECT value FROM json_each(@channels))'

function bind (s: ReportScope): Record<string, unknown> {
  return { bots: JSON.stringify(s.botIds), channels: JSON.stringify(s.channelIds), from: s.from, to: s.to }
}

/** The UTC days of an inclusive range on the quarter grid (and an offset of whole quarters), else null. */
function onGrid (s: ReportScope, offsetMs = 0): { first: number, last: number } | null {
  if (s.from % QUARTER_MS !== 0 || (s.to + 1) % QUARTER_MS !== 0 || offsetMs % QUARTER_MS !== 0 || s.to < s.from) return null
  const { firstDay, lastDay } = utcDayRange(s.from, s.to + 1)
  return { first: firstDay, last: lastDay }
}

/**
 * The quarters [q0, q1] of UTC day `day` inside the scope's inclusive range, as int32 values
 * (`| 0`) so the loops over them stay on V8's integer paths.
 */
function quartersOf (day: number, s: ReportScope): [number, number] {
  const dayStart = day * DAY_MS
  return [
    Math.max(0, (s.from - dayStart) / QUARTER_MS) | 0,
    Math.min(QUARTERS_PER_DAY - 1, (s.to + 1 - dayStart) / QUARTER_MS - 1) | 0
  ]
}

export function createChatbotcomRepository (db: Database.Database, opts: { rollups: boolean } = { rollups: true }) {
  const stmt = createStatementCache(db)
  const rollup = opts.rollups ? createRollupRepository(db) : null
  const heatmap = db.prepare(`SELECT (((started_ms + @offset) / 86400000) + 4) % 7 AS weekday,
    ((started_ms + @offset) / 3600000) % 24 AS hour, COUNT(*) AS value
    FROM sessions WHERE ${SCOPE_SQL} AND started_ms BETWEEN @from AND @to GROUP BY weekday, hour`)
  const triggers = db.prepare(`SELECT answer_id AS answerId, COUNT(*) AS value FROM messages
    WHERE bot_id IN (SELECT value FROM json_each(@bots)) AND direction = 1 AND ts_ms BETWEEN @from AND @to
    AND answer_id IS NOT NULL GROUP BY answer_id`)

  return {
    /**
     * Per bucket, story and channel (in no particular order): conversations, paid
     * conversations and their messages. Messages are counted with the conversation they
     * belong to (by its start), so a bucket never has fewer messages than conversations.
     */
    byBucket (dim: UtcDimension, s: ReportScope): BucketRow[] {
      const grid = rollup === null ? null : onGrid(s)
      if (rollup !== null && grid !== null) {
        // The quarter rollups, folded into the GROUP BY's rows. A rollup row is one (bot, day,
        // channel), so hour and day buckets come from one row each and need no grouping;
        // months and years gather many rows and are grouped by (bucket, channel).
        const out: BucketRow[] = []
        const groups = new Map<number, BucketRow>()
        for (const row of rollup.triples(s.botIds, s.channelIds, grid.first, grid.last)) {
          const [botId, day, channelId, sessions, paid, messages] = row
          const dayStart = day * DAY_MS
          const [q0, q1] = quartersOf(day, s)
          let g: BucketRow | null = null
          if (dim !== 'hour') {
            const bucket = dim === 'day' ? dayStart : bucketStart(dim, dayStart)
            const key = (bucket / DAY_MS) * 65536 + channelId // a channel belongs to one bot
            g = groups.get(key) ?? null
            if (g === null) {
              g = { bucket, botId, channelId, conversations: 0, paid: 0, messages: 0 }
              groups.set(key, g)
              out.push(g)
            }
          }
          for (let q = q0; q <= q1; q++) {
            const n = sessions[q]
            if (n === 0) continue // paid and messages belong to conversations: zero with them
            if (dim === 'hour' && (g === null || g.bucket !== dayStart + (q >> 2) * HOUR_MS)) {
              g = { bucket: dayStart + (q >> 2) * HOUR_MS, botId, channelId, conversations: 0, paid: 0, messages: 0 }
              out.push(g)
            }
            const cell = g as BucketRow
            cell.conversations += n
            cell.paid += paid[q]
            cell.messages += messages[q]
          }
        }
        return out
      }
      return stmt(`bucket|${dim}`, () => `SELECT ${bucketStartSql(dim, 'started_ms')} AS bucket, bot_id AS botId,
        channel_id AS channelId, COUNT(*) AS conversations, SUM(paid) AS paid, SUM(user_msgs + bot_msgs) AS messages
        FROM sessions WHERE ${SCOPE_SQL} AND started_ms BETWEEN @from AND @to
        GROUP BY bucket, bot_id, channel_id`).all(bind(s)) as BucketRow[]
    },

    /** Conversations per weekday (0 = Sunday) and hour of `started_ms + offsetMs`. */
    heatmap (s: ReportScope, offsetMs: number): Array<{ weekday: number, hour: number, value: number }> {
      const grid = rollup === null ? null : onGrid(s, offsetMs)
      if (rollup !== null && grid !== null) {
        const cells = new Float64Array(7 * 24)
        // local quarter numbers, integer arithmetic: the offset is whole quarters (onGrid); the
        // same cells as the SQL's truncating divisions, since no session precedes the epoch
        const shift = offsetMs / QUARTER_MS
        for (const bot of s.botIds) {
          for (const row of rollup.counts('sessions', bot, s.channelIds, grid.first, grid.last)) {
            const counts = row[3]
            const [q0, q1] = quartersOf(row[1], s)
            let lq = (row[1] * QUARTERS_PER_DAY + q0 + shift) | 0
            for (let q = q0; q <= q1; q++, lq++) {
              const v = counts[q]
              if (v === 0) continue
              const qd = lq % QUARTERS_PER_DAY
              const weekday = (((lq - qd) / QUARTERS_PER_DAY | 0) + 4) % 7
              cells[weekday * 24 + (qd >> 2)] += v
            }
          }
        }
        const out: Array<{ weekday: number, hour: number, value: number }> = []
        cells.forEach((value, i) => { if (value > 0) out.push({ weekday: Math.floor(i / 24), hour: i % 24, value }) })
        return out
      }
      return heatmap.all({ ...bind(s), offset: offsetMs }) as Array<{ weekday: number, hour: number, value: number }>
    },

    /** Bot answers given in the range, per answer (each answer belongs to one interaction). */
    triggers (s: ReportScope): Array<{ answerId: number, value: number }> {
      return triggers.all(bind(s)) as Array<{ answerId: number, value: number }>
    }
  }
}

export type ChatbotcomRepository = ReturnType<typeof createChatbotcomRepository>
