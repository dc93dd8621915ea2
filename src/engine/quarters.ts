/**
 * Quarter-hour maps: where each 15-minute UTC quarter of a window lands among its buckets.
 *
 * The rollups (src/db/rollups.ts) count per UTC quarter. Every zone offset in use today is
 * a whole number of quarters (+05:30, +05:45, +12:45 included) and DST changes happen on
 * quarter marks, so a local hour, day, week or month is a union of whole quarters and the
 * rollup answers exactly. When a window, an offset or a transition is not on a quarter mark
 * (historic LMT offsets, a caller's 7-minute offset), `quarterMap` returns null and the
 * caller falls back to SQL over the raw rows.
 */
import { DAY_MS } from './calendar.js'
import { hourIndexOf, type BucketPlan } from './buckets.js'
import { offsetSegments, type OffsetSegment } from './tz.js'
import type { Window } from './window.js'

export const QUARTER_MS = 15 * 60_000
export const QUARTERS_PER_DAY = 96

const onQuarter = (ms: number): boolean => ms % QUARTER_MS === 0

/** The UTC day numbers whose quarters cover [start, end). */
export function utcDayRange (start: number, end: number): { firstDay: number, lastDay: number } {
  return { firstDay: Math.floor(start / DAY_MS), lastDay: Math.floor((end - 1) / DAY_MS) }
}

/**
 * For every quarter of the UTC days covering the window (index = (utcDay − firstUtcDay) × 96
 * + quarter of day), the index of its hour, day, week and month bucket in `plan`, or −1 when
 * the quarter is outside the window or its local hour is outside the hour-of-day filter.
 */
export interface QuarterMap {
  firstUtcDay: number
  lastUtcDay: number
  hour: Int32Array
  day: Int32Array
  week: Int32Array
  month: Int32Array
}

/** The window's constant-offset segments, or null when anything is off the quarter grid. */
export function quarterSegments (tz: string, start: number, end: number): OffsetSegment[] | null {
  if (!onQuarter(start) || !onQuarter(end) || end <= start) return null
  const segments = offsetSegments(tz, start, end)
  for (const s of segments) if (!onQuarter(s.offset) || !onQuarter(s.start)) return null
  return segments
}

/**
 * A window on the quarter grid: the UTC days its quarters lie in and, per constant-offset
 * segment, the quarter indices [from, to) it covers (index = (UTC day − firstUtcDay) × 96 +
 * quarter of day) with the local quarter number (quarters since the local epoch) of `from`.
 * Every walk over a window's quarters starts here: local quarter `lq` has local hour
 * (lq % 96) >> 2 and local day (lq − lq % 96) / 96, the same instants as local-time-sql.ts's
 * divisions because offsets and segment starts are whole quarters. Null when off the grid.
 */
export interface QuarterGrid {
  firstUtcDay: number
  lastUtcDay: number
  /** quarters in the UTC days covered: the length of any per-quarter array */
  size: number
  spans: Array<{ from: number, to: number, localQuarter: number }>
}

export function quarterGrid (w: Window): QuarterGrid | null {
  const segments = quarterSegments(w.tz, w.start, w.end)
  if (segments === null) return null
  const { firstDay, lastDay } = utcDayRange(w.start, w.end)
  const origin = firstDay * DAY_MS
  // `| 0`: int32 values (every one here is far below 2^31), so the walks index typed arrays
  // on V8's fast path instead of with doubles
  const spans = segments.map(seg => ({
    from: ((seg.start - origin) / QUARTER_MS) | 0,
    to: ((seg.end - origin) / QUARTER_MS) | 0,
    localQuarter: ((seg.start + seg.offset) / QUARTER_MS) | 0
  }))
  return { firstUtcDay: firstDay, lastUtcDay: lastDay, size: (lastDay - firstDay + 1) * QUARTERS_PER_DAY, spans }
}

export function quarterMap (plan: BucketPlan): QuarterMap | null {
  const w: Window = plan.window
  const grid = quarterGrid(w)
  if (grid === null) return null
  const n = grid.size
  const map: QuarterMap = {
    firstUtcDay: grid.firstUtcDay,
    lastUtcDay: grid.lastUtcDay,
    hour: new Int32Array(n).fill(-1),
    day: new Int32Array(n).fill(-1),
    week: new Int32Array(n).fill(-1),
    month: new Int32Array(n).fill(-1)
  }
  const { hour, day, week, month } = map
  const origin = grid.firstUtcDay * DAY_MS
  for (const span of grid.spans) {
    let lq = span.localQuarter
    let lastHourStart = Number.NaN
    let hi = -1
    // hour starts only grow within a segment: walk the plan's hours instead of searching them
    const hours = plan.hours
    let hp = 0
    let lastLocalDay = Number.NaN
    let di: [number, number, number] | undefined
    for (let i = span.from; i < span.to; i++, lq++) {
      const qd = lq % QUARTERS_PER_DAY
      const localHour = qd >> 2
      if (localHour < w.startHour || localHour > w.endHour) continue
      const hourStart = origin + (i - (qd & 3)) * QUARTER_MS
      if (hourStart !== lastHourStart) {
        if (!(hourStart > lastHourStart)) hp = Math.max(0, hourIndexOf(plan, hourStart)) // a segment's first hour
        lastHourStart = hourStart
        while (hp < hours.length && hours[hp].date < hourStart) hp++
        hi = hp < hours.length && hours[hp].date === hourStart ? hp : -1
      }
      const localDay = ((lq - qd) / QUARTERS_PER_DAY) | 0
      if (localDay !== lastLocalDay) {
        lastLocalDay = localDay
        di = plan.dayIndex.get(localDay)
      }
      // the plan holds every hour and day the window touches: a miss is a bug, not a filter
      if (hi < 0 || di === undefined) throw new Error(`quarter ${origin + i * QUARTER_MS} has no bucket`)
      hour[i] = hi
      day[i] = di[0]
      week[i] = di[1]
      month[i] = di[2]
    }
  }
  return map
}
