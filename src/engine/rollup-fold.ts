/**
 * Folds rollup rows into buckets. The rows are already aggregated in SQL (one per bot,
 * channel and UTC day, built by src/db/rollups.ts); what is left is arithmetic over at
 * most 96 counts a row, laid out by a quarter map (quarters.ts). Distinct users are the
 * exception the issue foresaw: not additive, so they are counted from the compact
 * per-conversation activity records with one stamp array per level.
 */
import type { Series } from './buckets.js'
import { QUARTERS_PER_DAY, quarterGrid, type QuarterMap } from './quarters.js'
import type { Window } from './window.js'

/** A rollup row: [bot id, UTC day, channel id, …96 counts per column]. */
export type CountRow = [number, number, number, ...Uint32Array[]]

/**
 * Adds the counts in column `col` of each row into the series of its channel (channels
 * without a series are skipped) at every level; returns the total added.
 */
export function foldCounts (map: QuarterMap, rows: CountRow[], col: number, seriesOf: (channelId: number) => Series | undefined): number {
  let total = 0
  for (const row of rows) {
    const s = seriesOf(row[2])
    if (s === undefined) continue
    const counts = row[col] as Uint32Array
    const base = (row[1] - map.firstUtcDay) * QUARTERS_PER_DAY
    for (let q = 0; q < QUARTERS_PER_DAY; q++) {
      const i = base + q
      const h = map.hour[i]
      if (h < 0) continue
      const v = counts[q]
      if (v === 0) continue
      s.hours[h] += v
      s.days[map.day[i]] += v
      s.weeks[map.week[i]] += v
      s.months[map.month[i]] += v
      total += v
    }
  }
  return total
}

/**
 * Which quarters of the window's UTC days count: 0 inside the window and the hour-of-day
 * filter, −1 elsewhere (a one-bucket key array). Null when off the quarter grid.
 */
export function windowQuarters (w: Window): { firstUtcDay: number, lastUtcDay: number, keys: Int32Array } | null {
  const grid = quarterGrid(w)
  if (grid === null) return null
  const keys = new Int32Array(grid.size).fill(-1)
  for (const span of grid.spans) {
    let lq = span.localQuarter
    for (let i = span.from; i < span.to; i++, lq++) {
      const hour = (lq % QUARTERS_PER_DAY) >> 2
      if (hour >= w.startHour && hour <= w.endHour) keys[i] = 0
    }
  }
  return { firstUtcDay: grid.firstUtcDay, lastUtcDay: grid.lastUtcDay, keys }
}

/** Sum of column `col` over the quarters whose key is ≥ 0. */
export function sumCounts (firstUtcDay: number, keys: Int32Array, rows: CountRow[], col: number): number {
  let total = 0
  for (const row of rows) {
    const counts = row[col] as Uint32Array
    const base = (row[1] - firstUtcDay) * QUARTERS_PER_DAY
    for (let q = 0; q < QUARTERS_PER_DAY; q++) if (keys[base + q] >= 0) total += counts[q]
  }
  return total
}

/** Flags of an activity record (byte 5); see src/db/rollups.ts. */
export const FLAG_INTERACTIVE = 1
export const FLAG_CLOSED = 2
export const FLAG_NEW_USER = 4
export const ACTIVITY_RECORD = 8

export interface ActivityFilter {
  /** by channel id: 1 = counted; null = every channel */
  channels: Uint8Array | null
  interactive: 0 | 1 | null
  closed: 0 | 1 | null
}

/** One level of buckets: a key (0 … size − 1) per quarter index, −1 = not counted. */
export interface DistinctLevel { keys: Int32Array, size: number }

export interface DistinctCounts {
  /** per level, distinct users per key */
  users: Int32Array[]
  /** per level, users whose first-ever conversation (is_new_user) counted there */
  newUsers: Int32Array[]
}

// Stamps, interleaved per user: stamps[user * n + level] = base of the level + key of the
// last bucket the user was counted in at that level (n levels). Records come in time order
// and buckets are contiguous in time, so a user seen again in the same bucket carries the
// same stamp. Bases only grow, so stamps left by earlier scans never match; on overflow every
// array is cleared and the bases restart. Interleaving puts a record's stamps in one cache
// line: the arrays are as long as there are users, and most records are a user's first in
// the window, so separate arrays cost a cache miss per level.
const stampsByStride = new Map<number, Int32Array>()
let nextBase = 1

function stampsFor (stride: number, user: number): Int32Array {
  const old = stampsByStride.get(stride)
  if (old !== undefined && old.length >= (user + 1) * stride) return old
  const bigger = new Int32Array(Math.max(old === undefined ? 1024 * stride : old.length * 2, (user + 1) * stride))
  if (old !== undefined) bigger.set(old)
  stampsByStride.set(stride, bigger)
  return bigger
}

/**
 * Distinct users per key of every level over activity rows [UTC day, records] given in day
 * order. The first level's keys also gate the others (all levels share the window), and each
 * level's buckets must nest in the next one's (hour ⊂ day ⊂ week ⊂ month ⊂ window): records
 * come in time order and buckets are contiguous, so a user whose stamp already marks a bucket
 * was counted in every coarser bucket that holds it, and the scan of its levels stops there.
 */
export function distinctUsers (rows: Array<[number, Uint32Array]>, firstUtcDay: number, levels: DistinctLevel[], f: ActivityFilter): DistinctCounts {
  const span = levels.reduce((a, l) => a + l.size, 0)
  if (nextBase + span >= 0x7fffffff) {
    for (const s of stampsByStride.values()) s.fill(0)
    nextBase = 1
  }
  const n = levels.length
  const bases = Int32Array.from(levels, (l) => {
    const b = nextBase
    nextBase += l.size
    return b
  })
  const keys = levels.map(l => l.keys)
  const users = levels.map(l => new Int32Array(l.size))
  const newUsers = levels.map(l => new Int32Array(l.size))
  let st = stampsFor(n, 0)
  let cap = st.length / n
  const gate = keys[0]
  const channels = f.channels
  for (const [day, recs] of rows) {
    const base = (day - firstUtcDay) * QUARTERS_PER_DAY
    for (let o = 0; o < recs.length; o += 2) {
      const meta = recs[o + 1]
      const i = base + (meta & 0xff)
      if (gate[i] < 0) continue
      const flags = (meta >>> 8) & 0xff
      if (f.interactive !== null && ((flags & FLAG_INTERACTIVE) !== 0 ? 1 : 0) !== f.interactive) continue
      if (f.closed !== null && ((flags & FLAG_CLOSED) !== 0 ? 1 : 0) !== f.closed) continue
      if (channels !== null && channels[meta >>> 16] !== 1) continue
      const user = recs[o]
      if (user >= cap) {
        st = stampsFor(n, user)
        cap = st.length / n
      }
      // a user already counted in this bucket is counted in the buckets that contain it
      const at = user * n
      for (let l = 0; l < n; l++) {
        const key = keys[l][i]
        const stamp = bases[l] + key
        if (st[at + l] === stamp) break
        st[at + l] = stamp
        users[l][key]++
      }
      // a user has one first-ever conversation, so new users need no de-duplication
      if ((flags & FLAG_NEW_USER) !== 0) for (let l = 0; l < n; l++) newUsers[l][keys[l][i]]++
    }
  }
  return { users, newUsers }
}

/** A channel filter as a lookup array. */
export function channelLookup (channelIds: number[]): Uint8Array {
  const out = new Uint8Array(Math.max(0, ...channelIds) + 1)
  for (const id of channelIds) out[id] = 1
  return out
}
