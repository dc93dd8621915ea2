/**
 * `Date.prototype.toISOString` for UTC ms without a Date: responses format thousands of
 * instants, and the Date allocation plus the generic formatter dominated their CPU time.
 */
import { DAY_MS, civilFromDays } from './calendar.js'

// 0000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z: toISOString writes a plain
// 4-digit year in between and an expanded ±YYYYYY year outside, which the slow path keeps.
const MIN_MS = -62_167_219_200_000
const MAX_MS = 253_402_300_800_000

const pad2: string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'))
const pad3: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))

/** `hh:mm:00.000Z` for every minute of a day. */
const MINUTES: string[] = Array.from({ length: 1440 }, (_, m) => `${pad2[Math.floor(m / 60)]}:${pad2[m % 60]}:00.000Z`)

// day number → `YYYY-MM-DDT`. Responses cluster on few days, but dates are caller-
// controlled, so the cache is bounded (a refill costs one civilFromDays per day).
const MAX_PREFIXES = 10_000
const prefixes = new Map<number, string>()

function dayPrefix (day: number): string {
  let p = prefixes.get(day)
  if (p === undefined) {
    const { y, m, d } = civilFromDays(day)
    p = `${String(y).padStart(4, '0')}-${pad2[m]}-${pad2[d]}T`
    if (prefixes.size >= MAX_PREFIXES) prefixes.clear()
    prefixes.set(day, p)
  }
  return p
}

/** Exactly `new Date(ms).toISOString()`, including its RangeError for invalid instants. */
export function isoString (ms: number): string {
  // Date's TimeClip truncates toward zero before anything else
  const t = Math.trunc(ms)
  if (!(t >= MIN_MS && t < MAX_MS)) return new Date(ms).toISOString()
  const day = Math.floor(t / DAY_MS)
  let rest = t - day * DAY_MS
  // bucket starts are whole minutes: one lookup for the time part (2,160 hour buckets in a 90-day answer)
  if (rest % 60_000 === 0) return dayPrefix(day) + MINUTES[rest / 60_000]
  const milli = rest % 1000
  rest = (rest - milli) / 1000
  const sec = rest % 60
  rest = (rest - sec) / 60
  const min = rest % 60
  const hour = (rest - min) / 60
  return `${dayPrefix(day)}${pad2[hour]}:${pad2[min]}:${pad2[sec]}.${pad3[milli]}Z`
}
