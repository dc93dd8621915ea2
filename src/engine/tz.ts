/** Time-zone offsets as constant-offset segments, so SQL can bucket local time without per-row JS. */
import { daysFromCivil } from './calendar.js'

const HOUR = 3_600_000
const MINUTE = 60_000
const SECOND = 1_000
const DAY = 86_400_000

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

// en-US with these options formats as `3/31/2026, 14:05:09`; format() and a regex
// cost a third of formatToParts, which matters when a year's table takes ~1,500 probes
const EN_US = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/

/** The offset ICU reports for `tz` at `utc` (whole seconds: the formatter drops the ms). */
function probeOffset (tz: string, utc: number): number {
  const f = formatter(tz)
  const m = EN_US.exec(f.format(utc))
  let wall: number
  // Only meaningful for Gregorian years from 1583 on: ICU's en-US calendar is Julian
  // before the 1582 cutover and Date.UTC maps years 0–99 to 1900–1999. Kept as it was
  // for those years; the cached tables below never cover them.
  if (m !== null) {
    wall = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]))
  } else {
    // an ICU whose en-US pattern differs: read the parts instead
    const p: Record<string, number> = {}
    for (const part of f.formatToParts(utc)) {
      if (part.type !== 'literal') p[part.type] = Number(part.value)
    }
    wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  }
  const secondFloor = utc - ((utc % SECOND) + SECOND) % SECOND
  return wall - secondFloor
}

/**
 * One UTC year of a zone: segment i is [starts[i], starts[i + 1]) (the last ends at
 * `end`) with offsets[i]. Adjacent segments have different offsets.
 */
interface YearTable { start: number, end: number, starts: number[], offsets: number[] }

// Offsets change at most a few times a year; probing every 6 hours finds every change,
// then a binary search pins it to the second (tzdb transitions are on whole seconds;
// every one since 1972 is on a whole minute).
const PROBE = 6 * HOUR

/** The zone's transitions inside [start, end), probed once per (zone, year) and then cached. */
function computeYear (tz: string, start: number, end: number): YearTable {
  const starts = [start]
  const offsets = [probeOffset(tz, start)]
  let t = start
  let current = offsets[0]
  while (t < end) {
    const next = Math.min(t + PROBE, end)
    // probe `end` too (it is the next year's first instant) so a change in the last
    // interval is found here; one landing exactly on `end` belongs to the next year
    let o = probeOffset(tz, next)
    // more than one change inside one probe interval: keep splitting until caught up
    while (o !== current) {
      let lo = t
      let hi = next // offset(lo) = current, offset(hi) != current
      while (hi - lo > SECOND) {
        const mid = lo + Math.floor((hi - lo) / 2 / SECOND) * SECOND
        if (probeOffset(tz, mid) === current) lo = mid
        else hi = mid
      }
      if (hi >= end) break
      current = probeOffset(tz, hi)
      starts.push(hi)
      offsets.push(current)
      t = hi
      o = probeOffset(tz, next)
    }
    t = next
  }
  return { start, end, starts, offsets }
}

// (zone, UTC year) → table. A table costs about 1,500 ICU probes (a few ms) once, and
// then serves every window and offsetAt in that year. Zone names and dates are
// caller-controlled, so the cache is bounded; the hot path uses a handful of entries.
const MAX_YEAR_TABLES = 2_000
const yearTables = new Map<string, YearTable>()
// the table each zone used last: consecutive lookups are nearly always in the same year
const lastTable = new Map<string, YearTable>()

const AVG_YEAR = 365.2425 * DAY
// Years with cached tables: where probeOffset is exact (Gregorian, 4-digit years).
// Outside them every call probes ICU, exactly as before the tables existed.
const MIN_MS = -11_676_096_000_000 // 1600-01-01T00:00Z
const MAX_MS = 253_402_300_800_000 // 10000-01-01T00:00Z

function yearStart (y: number): number {
  return daysFromCivil(y, 1, 1) * DAY
}

function tableAt (tz: string, utc: number): YearTable {
  const last = lastTable.get(tz)
  if (last !== undefined && utc >= last.start && utc < last.end) return last
  let y = 1970 + Math.floor(utc / AVG_YEAR)
  let start = yearStart(y)
  if (utc < start) start = yearStart(--y)
  else if (utc >= yearStart(y + 1)) start = yearStart(++y)
  const key = `${tz}|${y}`
  let table = yearTables.get(key)
  if (table === undefined) {
    table = computeYear(tz, start, yearStart(y + 1))
    if (yearTables.size >= MAX_YEAR_TABLES) {
      yearTables.clear()
      lastTable.clear()
    }
    yearTables.set(key, table)
  }
  if (lastTable.size >= MAX_YEAR_TABLES) lastTable.clear()
  lastTable.set(tz, table)
  return table
}

/** Offset (ms) of `tz` at instant `utc`: local wall time = utc + offset. */
export function offsetAt (tz: string, utc: number): number {
  const fixed = fixedOffset(tz)
  if (fixed !== null) return fixed
  // outside years 1600–9999 (or not an instant) ask ICU directly rather than cache a table
  if (!(utc >= MIN_MS && utc < MAX_MS)) return probeOffset(tz, utc)
  const { starts, offsets } = tableAt(tz, utc)
  let i = starts.length - 1
  while (starts[i] > utc) i--
  return offsets[i]
}

/** Constant-offset segments covering [from, to), in order, adjacent segments merged. */
export function offsetSegments (tz: string, from: number, to: number): OffsetSegment[] {
  const fixed = fixedOffset(tz)
  if (fixed !== null) return [{ start: from, end: to, offset: fixed }]
  if (!(from >= MIN_MS && to <= MAX_MS && from < to)) return probeSegments(tz, from, to)
  const out: OffsetSegment[] = []
  let t = from
  while (t < to) {
    const table = tableAt(tz, t)
    const { starts, offsets } = table
    for (let i = 0; i < starts.length; i++) {
      const segEnd = i + 1 < starts.length ? starts[i + 1] : table.end
      if (segEnd <= t) continue
      const end = Math.min(segEnd, to)
      const prev = out.length > 0 ? out[out.length - 1] : undefined
      // a year boundary is not a transition: continue the previous segment across it
      if (prev !== undefined && prev.offset === offsets[i]) prev.end = end
      else out.push({ start: t, end, offset: offsets[i] })
      t = end
      if (t >= to) break
    }
  }
  return out
}

/**
 * Segments found by probing [from, to) itself, as before the tables existed: only for
 * windows outside years 1600–9999 (or empty ones), which no table covers.
 */
function probeSegments (tz: string, from: number, to: number): OffsetSegment[] {
  const out: OffsetSegment[] = []
  let segStart = from
  let segOffset = probeOffset(tz, from)
  let t = from
  while (t < to) {
    const next = Math.min(t + PROBE, to)
    const o = next < to ? probeOffset(tz, next) : segOffset
    if (o !== segOffset) {
      let lo = t
      let hi = next // offset(lo) = segOffset, offset(hi) != segOffset
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE
        if (mid === lo) break
        if (probeOffset(tz, mid) === segOffset) lo = mid
        else hi = mid
      }
      out.push({ start: segStart, end: hi, offset: segOffset })
      segStart = hi
      segOffset = probeOffset(tz, hi)
    }
    t = next
  }
  out.push({ start: segStart, end: to, offset: segOffset })
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
  const c1 = local - o1
  const c2 = local - o2
  const lo = Math.min(c1, c2)
  const hi = Math.max(c1, c2)
  if (offsetAt(tz, lo) + lo === local) return lo
  if (offsetAt(tz, hi) + hi === local) return hi
  // In a gap the wall time never occurs: shift it later by the gap's length, as
  // java.time does, which maps a gap's first minute onto the transition instant.
  return local - Math.min(o1, o2)
}
