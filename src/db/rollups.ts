/**
 * The derived rollup tables (see schema.ts): DayRollup accumulates one bot's UTC day, which the
 * seeder fills as it generates the traffic (seeds/rollup-tap.ts) and createRollupWriter from
 * SQL, for a range of days of one bot after a write (an erasure) changed them. Both go through
 * DayRollup, so a rebuilt day is byte-for-byte the day a fresh build would have written.
 */
import type Database from 'better-sqlite3'
import { DAY_MS } from '../engine/calendar.js'
import { QUARTER_MS, QUARTERS_PER_DAY } from '../engine/quarters.js'
import { ACTIVITY_RECORD, FLAG_CLOSED, FLAG_INTERACTIVE, FLAG_NEW_USER } from '../engine/rollup-fold.js'

const MAX_CHANNEL_ID = 0xffff

type SessionRow = [channelId: number, startedMs: number, paid: number, messages: number,
  userId: number, interactive: number, closed: number, newUser: number]

interface ChannelDay { sessions: Uint32Array, paid: Uint32Array, messages: Uint32Array, userMessages: Uint32Array, understood: Uint32Array }

function channelDay (): ChannelDay {
  const a = (): Uint32Array => new Uint32Array(QUARTERS_PER_DAY)
  return { sessions: a(), paid: a(), messages: a(), userMessages: a(), understood: a() }
}

function pack (counts: Uint32Array): Buffer {
  const b = Buffer.allocUnsafe(QUARTERS_PER_DAY * 4)
  for (let q = 0; q < QUARTERS_PER_DAY; q++) b.writeUInt32LE(counts[q], q * 4)
  return b
}

/** A rollup_quarters row as stored, without its bot and day: channel, then the five 96-count BLOBs (rollup.repo.ts QuarterRow is the read form). */
export type StoredQuarterRow = [channelId: number, sessions: Uint8Array, paid: Uint8Array, messages: Uint8Array, userMessages: Uint8Array, understood: Uint8Array]

/** One bot's UTC day in the stored form: quarter rows by channel id, and the activity records (null without conversations). */
export interface DayRows { day: number, quarters: StoredQuarterRow[], activity: Uint8Array | null }

/**
 * One bot's UTC day of rollups, accumulated from its conversations (given in start order, ties
 * in id order: the order of the activity records) and its user messages (any order). Both the
 * rebuild from SQL (createRollupWriter) and the seed generator (seeds/rollup-tap.ts) write
 * through this, so a seeded day and a rebuilt day are the same bytes.
 */
export class DayRollup {
  private readonly channels = new Map<number, ChannelDay>()
  /** activity records, four numbers each: user, quarter, flags, channel */
  private readonly records: number[] = []

  constructor (readonly day: number) {}

  private channel (id: number): ChannelDay {
    let c = this.channels.get(id)
    if (c === undefined) this.channels.set(id, c = channelDay())
    return c
  }

  conversation (channelId: number, startedMs: number, paid: number, messages: number, userId: number, interactive: boolean, closed: boolean, newUser: boolean): void {
    if (channelId > MAX_CHANNEL_ID) throw new Error(`channel id ${channelId} does not fit an activity record`)
    const q = this.quarter(startedMs)
    const c = this.channel(channelId)
    c.sessions[q]++
    c.paid[q] += paid
    c.messages[q] += messages
    this.records.push(userId, q, (interactive ? FLAG_INTERACTIVE : 0) | (closed ? FLAG_CLOSED : 0) | (newUser ? FLAG_NEW_USER : 0), channelId)
  }

  /** `count` user messages of a channel in quarter `q` of the day, `understood` of them understood. */
  userMessages (channelId: number, q: number, count: number, understood: number): void {
    const c = this.channel(channelId)
    c.userMessages[q] += count
    c.understood[q] += understood
  }

  /** One user message delivered at `tsMs` (within the day). */
  userMessage (channelId: number, tsMs: number, understood: number): void {
    this.userMessages(channelId, this.quarter(tsMs), 1, understood)
  }

  /** The quarter of the day `ms` (within it) falls in. */
  private quarter (ms: number): number {
    return Math.floor((ms - this.day * DAY_MS) / QUARTER_MS)
  }

  rows (): DayRows {
    const quarters = [...this.channels.keys()].sort((a, b) => a - b).map((id): StoredQuarterRow => {
      const c = this.channels.get(id) as ChannelDay
      return [id, pack(c.sessions), pack(c.paid), pack(c.messages), pack(c.userMessages), pack(c.understood)]
    })
    const n = this.records.length / 4
    if (n === 0) return { day: this.day, quarters, activity: null }
    const activity = Buffer.alloc(n * ACTIVITY_RECORD)
    for (let k = 0, r = 0; k < n; k++, r += 4) {
      const o = k * ACTIVITY_RECORD
      activity.writeUInt32LE(this.records[r], o)
      activity[o + 4] = this.records[r + 1]
      activity[o + 5] = this.records[r + 2]
      activity.writeUInt16LE(this.records[r + 3], o + 6)
    }
    return { day: this.day, quarters, activity }
  }
}

/** A BLOB parameter from a buffer that may have crossed a thread (a plain Uint8Array then). */
const blob = (b: Uint8Array): Buffer => Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength)

/** Writes days of rollups (the caller has deleted what was there). */
export function createRollupInserter (db: Database.Database) {
  const insertQuarters = db.prepare(`INSERT INTO rollup_quarters (bot_id, day, channel_id, sessions, paid, messages, user_messages, understood)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertActivity = db.prepare('INSERT INTO rollup_activity (bot_id, day, data) VALUES (?, ?, ?)')
  return (botId: number, rows: DayRows): void => {
    for (const [channelId, ...columns] of rows.quarters) insertQuarters.run(botId, rows.day, channelId, ...columns.map(blob))
    if (rows.activity !== null) insertActivity.run(botId, rows.day, blob(rows.activity))
  }
}

export function createRollupWriter (db: Database.Database) {
  // sessions_by_bot_time gives the start order; the other columns come from the table
  const sessions = db.prepare(`SELECT channel_id, started_ms, paid, user_msgs + bot_msgs,
    user_id, interactive, status = 'closed', is_new_user
    FROM sessions WHERE bot_id = ? AND started_ms >= ? AND started_ms < ? ORDER BY started_ms`).raw(true)
  // the sessions of one UTC day, read whole: better-sqlite3 allows no writes while a statement iterates
  // user messages are counted by SQLite itself (messages_by_bot_time covers the query); the
  // quarter is integer arithmetic on the column alone, as bound JS numbers may arrive as REAL
  const userMessages = db.prepare(`SELECT channel_id, (ts_ms / ${QUARTER_MS}) % ${QUARTERS_PER_DAY} AS q, COUNT(*), SUM(understood)
    FROM messages WHERE bot_id = @bot AND direction = 0 AND ts_ms >= @dayStart AND ts_ms < @dayEnd GROUP BY channel_id, q`).raw(true)
  const insert = createRollupInserter(db)
  const deleteQuarters = db.prepare('DELETE FROM rollup_quarters WHERE bot_id = ? AND day BETWEEN ? AND ?')
  const deleteActivity = db.prepare('DELETE FROM rollup_activity WHERE bot_id = ? AND day BETWEEN ? AND ?')
  const bots = db.prepare('SELECT id FROM bots ORDER BY id').pluck()
  // A conversation's messages lie between its start and its end, which may be the next day;
  // conversations last well under a day (the generator's are under an hour), hence the
  // one-day look-back that keeps the range search on sessions_by_bot_time short.
  const span = db.prepare(`SELECT MIN(started_ms) / ${DAY_MS}, MAX(ended_ms) / ${DAY_MS} FROM sessions
    WHERE bot_id = @bot AND started_ms >= @start - ${DAY_MS} AND started_ms < @end AND ended_ms >= @start`).raw(true)

  /** Writes the rollups of one bot and UTC day `d` (nothing when it has no traffic). */
  function writeDay (botId: number, d: number): void {
    const rows = sessions.all(botId, d * DAY_MS, (d + 1) * DAY_MS) as SessionRow[]
    const counted = userMessages.all({ bot: botId, dayStart: d * DAY_MS, dayEnd: (d + 1) * DAY_MS }) as Array<[number, number, number, number]>
    if (rows.length === 0 && counted.length === 0) return
    const day = new DayRollup(d)
    for (const [channelId, q, n, understood] of counted) day.userMessages(channelId, q, n, understood)
    for (const [channelId, startedMs, paid, messages, userId, interactive, closed, newUser] of rows) {
      day.conversation(channelId, startedMs, paid, messages, userId, interactive === 1, closed === 1, newUser === 1)
    }
    insert(botId, day.rows())
  }

  /** Writes the rollups of `botId` for UTC days [firstDay, lastDay]; the caller has deleted them. */
  function build (botId: number, firstDay: number, lastDay: number): void {
    const [lo, hi] = span.get({ bot: botId, start: firstDay * DAY_MS, end: (lastDay + 1) * DAY_MS }) as [number | null, number | null]
    if (lo === null || hi === null) return
    for (let d = Math.max(lo, firstDay); d <= Math.min(hi, lastDay); d++) writeDay(botId, d)
  }

  const rebuildDays = db.transaction((botId: number, firstDay: number, lastDay: number): void => {
    deleteQuarters.run(botId, firstDay, lastDay)
    deleteActivity.run(botId, firstDay, lastDay)
    build(botId, firstDay, lastDay)
  })

  return {
    /** Recomputes the UTC days [firstDay, lastDay] of one bot (inside the caller's transaction if any). */
    rebuildDays,

    /** Recomputes every rollup (the tests' reference for what the seeder writes). */
    rebuildAll (onProgress?: (done: number, total: number) => void): void {
      const ids = bots.all() as number[]
      db.transaction(() => {
        db.prepare('DELETE FROM rollup_quarters').run()
        db.prepare('DELETE FROM rollup_activity').run()
        ids.forEach((id, i) => {
          build(id, 0, Math.floor(8.64e15 / DAY_MS) - 1)
          onProgress?.(i + 1, ids.length)
        })
      })()
    }
  }
}

export type RollupWriter = ReturnType<typeof createRollupWriter>
