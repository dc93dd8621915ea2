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
import { DAY_MS, HOUR_MS } from './calendar.js'
import type { BucketPlan } from './buckets.js'
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

export function quarterMap (plan: BucketPlan): QuarterMap | null {
  const w: Window = plan.window
  const segments = quarterSegments(w.tz, w.start, w.end)
  if (segments === null) return null
  const { firstDay, lastDay } = utcDayRange(w.start, w.end)
  const n = (lastDay - firstDay + 1) * QUARTERS_PER_DAY
  const map: QuarterMap = {
    firstUtcDay: firstDay,
    lastUtcDay: lastDay,
    hour: new Int32Array(n).fill(-1),
    day: new Int32Array(n).fill(-1),
    week: new Int32Array(n).fill(-1),
    month: new Int32Array(n).fill(-1)
  }
  const origin = firstDay * DAY_MS
  for (const seg of segments) {
    let lastHourStart = Number.NaN
    let hi = -1
    let lastLocalDay = Number.NaN
    let di: [number, number, number] | undefined
    for (let t = seg.start; t < seg.end; t += QUARTER_MS) {
      const local = t + seg.offset
      // the same arithmetic as local-time-sql.ts, so both paths bucket identically
      const localHour = Math.floor(local / HOUR_MS) % 24
      if (localHour < w.startHour || localHour > w.endHour) continue
      const hourStart = t - (((local % HOUR_MS) + HOUR_MS) % HOUR_MS)
      if (hourStart !== lastHourStart) {
        lastHourStart = hourStart
        hi = plan.hourIndex.get(hourStart) ?? -1
      }
      const localDay = Math.floor(local / DAY_MS)
      if (localDay !== lastLocalDay) {
        lastLocalDay = localDay
        di = plan.dayIndex.get(localDay)
      }
      // the plan holds every hour and day the window touches: a miss is a bug, not a filter
      if (hi < 0 || di === undefined) throw new Error(`quarter ${t} has no bucket`)
      const i = (t - origin) / QUARTER_MS
      map.hour[i] = hi
      map.day[i] = di[0]
      map.week[i] = di[1]
      map.month[i] = di[2]
    }
  }
  return map
}
