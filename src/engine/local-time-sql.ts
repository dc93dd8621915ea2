/** SQL fragments that turn a UTC-ms column into local time, with the zone's offsets bound as parameters. */
import { offsetSegments, type OffsetSegment } from './tz.js'
import type { Window } from './window.js'

/**
 * Local time of `col` as `col + offset`, where the offset comes from a CASE over the
 * window's constant-offset segments. The segment count is part of the statement's
 * shape (a window crossing one DST change has 2); the boundaries and offsets are bound
 * as `@tz_t1…` / `@tz_o0…`, so a prepared statement serves every zone with that count.
 */
export function localMsSql (col: string, segments: number): string {
  // better-sqlite3 binds JS numbers as REAL: the CAST keeps the arithmetic integral, so
  // `/ 86400000` is an integer day number and not a fraction
  if (segments <= 1) return `(${col} + CAST(@tz_o0 AS INTEGER))`
  const whens: string[] = []
  for (let i = 1; i < segments; i++) whens.push(`WHEN ${col} < @tz_t${i} THEN @tz_o${i - 1}`)
  return `(${col} + CAST(CASE ${whens.join(' ')} ELSE @tz_o${segments - 1} END AS INTEGER))`
}

/** The start (UTC ms) of the local clock hour containing `col`. */
export function hourStartSql (col: string, segments: number): string {
  return `(${col} - ${localMsSql(col, segments)} % 3600000)`
}

/** The local day number (days since 1970-01-01 in the zone) of `col`. */
export function localDaySql (col: string, segments: number): string {
  return `(${localMsSql(col, segments)} / 86400000)`
}

/** The local hour of day (0–23) of `col`. */
export function localHourSql (col: string, segments: number): string {
  return `((${localMsSql(col, segments)} / 3600000) % 24)`
}

/** `YYYY-MM` of `col` in local time; distinct counts per month need it in SQL. */
export function localMonthSql (col: string, segments: number): string {
  return `strftime('%Y-%m', ${localMsSql(col, segments)} / 1000, 'unixepoch')`
}

/** Week of month (1–5, days 1–7 = week 1) of `col` in local time. */
export function localWeekOfMonthSql (col: string, segments: number): string {
  return `((CAST(strftime('%d', ${localMsSql(col, segments)} / 1000, 'unixepoch') AS INTEGER) + 6) / 7)`
}

/** The window filter on `col`: inside [start, end) and inside the local hour window. */
export function windowFilterSql (col: string, segments: number): string {
  return `${col} >= @w_start AND ${col} < @w_end AND ${localHourSql(col, segments)} BETWEEN @w_sh AND @w_eh`
}

export interface LocalTimeBinding {
  segments: OffsetSegment[]
  params: Record<string, number>
}

/** The window's segments and every parameter the fragments above refer to. */
export function bindWindow (w: Window): LocalTimeBinding {
  const segments = offsetSegments(w.tz, w.start, Math.max(w.end, w.start + 1))
  const params: Record<string, number> = {
    w_start: w.start,
    w_end: w.end,
    w_sh: w.startHour,
    w_eh: w.endHour
  }
  segments.forEach((s, i) => {
    params[`tz_o${i}`] = s.offset
    if (i > 0) params[`tz_t${i}`] = s.start
  })
  return { segments, params }
}
