/** Time-zone offsets as constant-offset segments, so SQL can bucket local time without per-row JS. */

const HOUR = 3_600_000
const MINUTE = 60_000

/** [start, end) in UTC ms during which local time = UTC + offset. */
export interface OffsetSegment { start: number, end: number, offset: number }

const FIXED_OFFSET = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/

const formatters = new Map<string, Intl.DateTimeFormat>()

/**
 * Accepts an IANA zone (`Asia/Kolkata`), `UTC`/`Z`, or a fixed offset (`+05:30`, `-0300`,
 * `UTC+2`): the eva docs allow "an IANA id or an offset". Returns a canonical name, or
 * null when the value is not a zone.
 */
export function normalizeTimeZone (value: string): string | null {
  const v = value.trim()
  if (v === '' || v.length > 64) return null
  if (v === 'Z' || v.toUpperCase() === 'UTC' || v.toUpperCase() === 'GMT') return 'UTC'
  const m = FIXED_OFFSET.exec(v)
  if (m !== null) {
    const h = Number(m[2])
    const min = Number(m[3] ?? '0')
    if (h > 14 || min > 59) return null
    if (h === 0 && min === 0) return 'UTC'
    return `${m[1]}${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`
  }
  try {
    // keep the caller's spelling: ICU would rename Asia/Kolkata to Asia/Calcutta
    formatter(v)
    return v
  } catch {
    return null
  }
}

function fixedOffset (tz: string): number | null {
  if (tz === 'UTC') return 0
  if (tz[0] !== '+' && tz[0] !== '-') return null
  const sign = tz[0] === '-' ? -1 : 1
  return sign * (Number(tz.slice(1, 3)) * HOUR + Number(tz.slice(4, 6)) * MINUTE)
}

function formatter (tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz)
  if (f === undefined) {
    if (formatters.size > 500) formatters.clear() // spellings are caller-controlled: keep the cache bounded
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
    formatters.set(tz, f)
  }
  return f
}

/** Offset (ms) of `tz` at instant `utc`: local wall time = utc + offset. */
export function offsetAt (tz: string, utc: number): number {
  const fixed = fixedOffset(tz)
  if (fixed !== null) return fixed
  const p: Record<string, number> = {}
  for (const part of formatter(tz).formatToParts(utc)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value)
  }
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  const secondFloor = utc - ((utc % 1000) + 1000) % 1000
  return wall - secondFloor
}

// Offsets change at most a few times a year; probing every 6 hours finds every change,
// then a binary search pins it to the minute (all real transitions are on minute marks).
const PROBE = 6 * HOUR
const segmentCache = new Map<string, OffsetSegment[]>()

/** Constant-offset segments covering [from, to), in order, adjacent segments merged. */
export function offsetSegments (tz: string, from: number, to: number): OffsetSegment[] {
  const fixed = fixedOffset(tz)
  if (fixed !== null) return [{ start: from, end: to, offset: fixed }]
  const key = `${tz}|${from}|${to}`
  const cached = segmentCache.get(key)
  if (cached !== undefined) return cached
  const out: OffsetSegment[] = []
  let segStart = from
  let segOffset = offsetAt(tz, from)
  let t = from
  while (t < to) {
    const next = Math.min(t + PROBE, to)
    const o = next < to ? offsetAt(tz, next) : segOffset
    if (o !== segOffset) {
      let lo = t
      let hi = next // offset(lo) = segOffset, offset(hi) != segOffset
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE
        if (mid === lo) break
        if (offsetAt(tz, mid) === segOffset) lo = mid
        else hi = mid
      }
      out.push({ start: segStart, end: hi, offset: segOffset })
      segStart = hi
      segOffset = offsetAt(tz, hi)
    }
    t = next
  }
  out.push({ start: segStart, end: to, offset: segOffset })
  if (segmentCache.size > 500) segmentCache.clear()
  segmentCache.set(key, out)
  return out
}

/** Local wall-clock ms (wall time read as if it were UTC) → UTC instant in `tz`.
 * A wall time inside a spring-forward gap is moved later by the gap's length; an
 * ambiguous fall-back wall time maps to its earlier occurrence. */
export function localToUtc (tz: string, local: number): number {
  const fixed = fixedOffset(tz)
  if (fixed !== null) return local - fixed
  // try the offsets in force a day either side; keep the earliest exact match
  const o1 = offsetAt(tz, local - 14 * HOUR)
  const o2 = offsetAt(tz, local + 14 * HOUR)
  const candidates = [local - o1, local - o2].sort((a, b) => a - b)
  for (const c of candidates) {
    if (offsetAt(tz, c) + c === local) return c
  }
  // In a gap the wall time never occurs: shift it later by the gap's length, as
  // java.time does, which maps a gap's first minute onto the transition instant.
  return local - Math.min(o1, o2)
}
