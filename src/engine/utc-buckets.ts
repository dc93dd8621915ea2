/** Calendar buckets aligned to UTC (hour, day, month, year): the bucket list and its SQL key. */
import { DAY_MS, HOUR_MS, civilFromDays, daysFromCivil } from './calendar.js'

export type UtcDimension = 'hour' | 'day' | 'month' | 'year'

/** Start (UTC ms) of the bucket that contains `t`. */
export function bucketStart (dim: UtcDimension, t: number): number {
  if (dim === 'hour') return Math.floor(t / HOUR_MS) * HOUR_MS
  const day = Math.floor(t / DAY_MS)
  if (dim === 'day') return day * DAY_MS
  const c = civilFromDays(day)
  return daysFromCivil(c.y, dim === 'month' ? c.m : 1, 1) * DAY_MS
}

/** Start of the bucket after the one starting at `start`. */
export function nextBucket (dim: UtcDimension, start: number): number {
  if (dim === 'hour') return start + HOUR_MS
  if (dim === 'day') return start + DAY_MS
  const c = civilFromDays(Math.floor(start / DAY_MS))
  if (dim === 'month') return daysFromCivil(c.m === 12 ? c.y + 1 : c.y, c.m === 12 ? 1 : c.m + 1, 1) * DAY_MS
  return daysFromCivil(c.y + 1, 1, 1) * DAY_MS
}

/** Bucket starts from the one containing `from` to the one containing `to` (inclusive instants). */
export function bucketStarts (dim: UtcDimension, from: number, to: number, max: number): number[] | null {
  const out: number[] = []
  for (let b = bucketStart(dim, from); b <= to; b = nextBucket(dim, b)) {
    if (out.length >= max) return null
    out.push(b)
  }
  return out
}

/**
 * SQL for the bucket start (UTC ms) of column `col`: integer arithmetic for hours and
 * days, strftime for months and years (their lengths vary).
 */
export function bucketStartSql (dim: UtcDimension, col: string): string {
  if (dim === 'hour') return `((${col} / 3600000) * 3600000)`
  if (dim === 'day') return `((${col} / 86400000) * 86400000)`
  const fmt = dim === 'month' ? "'%Y-%m-01'" : "'%Y-01-01'"
  return `(CAST(unixepoch(strftime(${fmt}, ${col} / 1000, 'unixepoch')) AS INTEGER) * 1000)`
}

/**
 * The index in `starts` (from bucketStarts) of the bucket starting at `bucket`, or undefined.
 * Hour and day buckets are evenly spaced, so the index is arithmetic (a Map over thousands of
 * millisecond keys cost more than the rest of an answer); months and years are few.
 */
export function bucketIndexer (dim: UtcDimension, starts: number[]): (bucket: number) => number | undefined {
  const step = dim === 'hour' ? HOUR_MS : dim === 'day' ? DAY_MS : 0
  if (step === 0) {
    const index = new Map(starts.map((s, i) => [s, i]))
    return bucket => index.get(bucket)
  }
  return (bucket) => {
    const i = (bucket - starts[0]) / step
    return Number.isInteger(i) && i >= 0 && i < starts.length ? i : undefined
  }
}
