/** Proleptic-Gregorian civil-date arithmetic on day numbers (days since 1970-01-01), no Intl. */

export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000

export interface CivilDate { y: number, m: number, d: number }

/** Day number of a civil date (m 1..12). Howard Hinnant's days_from_civil. */
export function daysFromCivil (y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** Civil date of a day number. Howard Hinnant's civil_from_days. */
export function civilFromDays (days: number): CivilDate {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d }
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday (days: number): number {
  return ((days % 7) + 11) % 7
}

/** Months since year 0: a sortable, dense month key. */
export function monthKey (date: CivilDate): number {
  return date.y * 12 + date.m - 1
}

/** Week of month as java.time's ALIGNED_WEEK_OF_MONTH: days 1–7 → 1, 8–14 → 2, … 29–31 → 5. */
export function weekOfMonth (dayOfMonth: number): number {
  return Math.ceil(dayOfMonth / 7)
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/

/** Day number of `YYYY-MM-DD` (also `YYYY-M-D`), or null when it is not a real date. */
export function parseCivilDate (value: string): number | null {
  const m = ISO_DATE.exec(value)
  if (m === null) return null
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1970) return null
  const days = daysFromCivil(y, mo, d)
  const back = civilFromDays(days)
  return back.m === mo && back.d === d ? days : null
}

export function formatCivilDate (days: number): string {
  const { y, m, d } = civilFromDays(days)
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
