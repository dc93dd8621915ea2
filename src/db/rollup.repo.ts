/**
 * Reads the rollup tables (schema.ts, src/db/rollups.ts) for a window's UTC days.
 *
 * The tables are the source of truth; what requests read is a mirror of one bot's rows as
 * typed arrays, loaded by primary-key range on the bot's first use and dropped whenever the
 * data version moves (every write bumps it, an erasure included). A 90-day window is then
 * 360 array views instead of 360 rows of five BLOBs each copied out of SQLite, which was
 * most of the time of the aggregations. One mirror per database, shared by every repository.
 * Size: 96 × 4 bytes × 5 columns per (bot, channel, day): 12 MiB for `default`, 25 MiB for `large`.
 */
import type Database from 'better-sqlite3'
import { QUARTERS_PER_DAY as QUARTERS } from '../engine/quarters.js'

/** The additive quarter columns. */
export type QuarterColumn = 'sessions' | 'paid' | 'messages' | 'user_messages' | 'understood'
const COLUMNS: readonly QuarterColumn[] = ['sessions', 'paid', 'messages', 'user_messages', 'understood']

/** [bot id, UTC day, channel id, …96 counts per requested column] */
export type QuarterRow = [botId: number, day: number, channelId: number, ...counts: Uint32Array[]]
/** [UTC day, activity records as pairs of words: user id, then quarter | flags << 8 | channel id << 16] */
export type ActivityRow = [day: number, records: Uint32Array]

interface BotMirror {
  firstDay: number
  days: number
  /** channel id → slot */
  slots: Map<number, number>
  /** per column: [((day − firstDay) × channels + slot) × 96 + quarter]; a (day, channel) without a row is all zeros */
  counts: Record<QuarterColumn, Uint32Array>
  /** (day, channel) pairs that have a row, as a bitmap over the same index */
  present: Uint8Array
  /** per day − firstDay: that day's activity records (empty when none), decoded to words */
  activity: Uint32Array[]
}

const EMPTY = new Uint32Array(0)

/** The stored 8-byte records (user uint32 LE, quarter, flags, channel uint16 LE) as two words each. */
function words (data: Buffer): Uint32Array {
  const out = new Uint32Array((data.length / 8) * 2)
  for (let o = 0, w = 0; o < data.length; o += 8, w += 2) {
    out[w] = data.readUInt32LE(o)
    out[w + 1] = data[o + 4] | (data[o + 5] << 8) | (data.readUInt16LE(o + 6) << 16)
  }
  return out
}

function createMirror (db: Database.Database) {
  const version = db.prepare("SELECT value FROM meta WHERE key = 'data_version'").pluck()
  const span = db.prepare('SELECT MIN(day), MAX(day) FROM rollup_quarters WHERE bot_id = ?').raw(true)
  const channels = db.prepare('SELECT id FROM channels WHERE bot_id = ? ORDER BY id').pluck()
  const rows = db.prepare(`SELECT day, channel_id, ${COLUMNS.join(', ')} FROM rollup_quarters WHERE bot_id = ?`).raw(true)
  const activity = db.prepare('SELECT day, data FROM rollup_activity WHERE bot_id = ?').raw(true)
  const bots = new Map<number, BotMirror>()
  let loadedAt: unknown = null

  function load (botId: number): BotMirror {
    const [lo, hi] = span.get(botId) as [number | null, number | null]
    const firstDay = lo ?? 0
    const days = lo === null || hi === null ? 0 : hi - lo + 1
    const ids = channels.all(botId) as number[]
    const slots = new Map(ids.map((id, i) => [id, i]))
    const cells = days * ids.length
    const counts = Object.fromEntries(COLUMNS.map(c => [c, new Uint32Array(cells * QUARTERS)])) as Record<QuarterColumn, Uint32Array>
    const present = new Uint8Array(cells)
    for (const [day, channelId, ...blobs] of rows.iterate(botId) as IterableIterator<[number, number, ...Buffer[]]>) {
      const slot = slots.get(channelId)
      if (slot === undefined) continue // a channel the catalogue does not know: nothing can ask for it
      const cell = (day - firstDay) * ids.length + slot
      present[cell] = 1
      COLUMNS.forEach((c, k) => {
        const b = blobs[k]
        const out = counts[c]
        for (let q = 0; q < QUARTERS; q++) out[cell * QUARTERS + q] = b.readUInt32LE(q * 4)
      })
    }
    const acts = new Array<Uint32Array>(days).fill(EMPTY)
    for (const [day, data] of activity.iterate(botId) as IterableIterator<[number, Buffer]>) {
      if (day >= firstDay && day < firstDay + days) acts[day - firstDay] = words(data)
    }
    return { firstDay, days, slots, counts, present, activity: acts }
  }

  return (botId: number): BotMirror => {
    const v = version.get()
    if (v !== loadedAt) {
      bots.clear()
      loadedAt = v
    }
    let m = bots.get(botId)
    if (m === undefined) {
      m = load(botId)
      bots.set(botId, m)
    }
    return m
  }
}

const mirrors = new WeakMap<Database.Database, ReturnType<typeof createMirror>>()

export function createRollupRepository (db: Database.Database) {
  let mirror = mirrors.get(db)
  if (mirror === undefined) {
    mirror = createMirror(db)
    mirrors.set(db, mirror)
  }
  const botMirror = mirror

  /** Rows of (day, channel) that exist, in day then channel-id order, with views of the columns asked for. */
  function rowsOf (botId: number, channelIds: number[], first: number, last: number, cols: QuarterColumn[]): QuarterRow[] {
    const m = botMirror(botId)
    const n = m.slots.size
    const wanted = [...new Set(channelIds)].sort((a, b) => a - b)
      .map(id => [id, m.slots.get(id)] as const).filter((p): p is readonly [number, number] => p[1] !== undefined)
    const out: QuarterRow[] = []
    const from = Math.max(first, m.firstDay)
    const to = Math.min(last, m.firstDay + m.days - 1)
    for (let day = from; day <= to; day++) {
      const base = (day - m.firstDay) * n
      for (const [id, slot] of wanted) {
        const cell = base + slot
        if (m.present[cell] !== 1) continue
        const row: QuarterRow = [botId, day, id]
        for (const c of cols) row.push(m.counts[c].subarray(cell * QUARTERS, (cell + 1) * QUARTERS))
        out.push(row)
      }
    }
    return out
  }

  return {
    /** One count column of the bot's chosen channels over UTC days [first, last]. */
    counts (c: QuarterColumn, botId: number, channelIds: number[], first: number, last: number): QuarterRow[] {
      return rowsOf(botId, channelIds, first, last, [c])
    },

    /** User messages and understood ones: [bot, day, channel, user_messages, understood]. */
    userMessages (botId: number, channelIds: number[], first: number, last: number): QuarterRow[] {
      return rowsOf(botId, channelIds, first, last, ['user_messages', 'understood'])
    },

    /** Conversations, paid conversations and their messages, for several bots: [bot, day, channel, sessions, paid, messages]. */
    triples (botIds: number[], channelIds: number[], first: number, last: number): QuarterRow[] {
      const out: QuarterRow[] = []
      for (const bot of botIds) for (const r of rowsOf(bot, channelIds, first, last, ['sessions', 'paid', 'messages'])) out.push(r)
      return out
    },

    /** The activity records of UTC days [first, last], day by day in order (days without any omitted). */
    activity (botId: number, first: number, last: number): ActivityRow[] {
      const m = botMirror(botId)
      const out: ActivityRow[] = []
      for (let day = Math.max(first, m.firstDay); day <= Math.min(last, m.firstDay + m.days - 1); day++) {
        const data = m.activity[day - m.firstDay]
        if (data.length > 0) out.push([day, data])
      }
      return out
    }
  }
}

export type RollupRepository = ReturnType<typeof createRollupRepository>
