/** Analytics windows: what a request's dates, hours and zone select, and the period before it. */
import { DAY_MS, parseCivilDate } from './calendar.js'
import { localToUtc, offsetAt } from './tz.js'

/**
 * A window of time in one zone. `start` is inclusive and `end` exclusive (UTC ms);
 * `firstDay`/`lastDay` are the local day numbers it touches; the hour filter keeps
 * events whose local hour of day is within [startHour, endHour].
 */
export interface Window {
  tz: string
  start: number
  end: number
  firstDay: number
  lastDay: number
  startHour: number
  endHour: number
  /** true when the request named whole calendar days (see parseInstant). */
  calendar: boolean
}

/** A parsed request date: an instant, and the calendar day it names when it is a bare date. */
export interface ParsedInstant { ms: number, day: number | null }

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * Parses `YYYY-MM-DD` or an ISO-8601 date-time (`Z`, an offset, or none for UTC).
 * A bare date, or a date-time at exactly midnight UTC (`…T00:00:00.000Z`, the form the
 * eva client sends), names a calendar day; the day is then resolved in the request's zone.
 */
export function parseInstant (value: string): ParsedInstant | null {
  const day = parseCivilDate(value)
  if (day !== null) return { ms: day * DAY_MS, day }
  const m = ISO_INSTANT.exec(value)
  if (m === null) return null
  const dateDay = parseCivilDate(m[1])
  const h = Number(m[2])
  const min = Number(m[3])
  const s = Number(m[4] ?? '0')
  if (dateDay === null || h > 23 || min > 59 || s > 59) return null
  const ms = Number((m[5] ?? '0').padEnd(3, '0').slice(0, 3))
  let offset = 0
  const zone = m[6]
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const oh = Number(digits.slice(0, 2))
    const om = Number(digits.slice(2, 4))
    if (oh > 14 || om > 59) return null
    offset = sign * (oh * 60 + om) * 60_000
  }
  const instant = dateDay * DAY_MS + ((h * 60 + min) * 60 + s) * 1000 + ms - offset
  const midnightUtc = instant === dateDay * DAY_MS && offset === 0
  return { ms: instant, day: midnightUtc ? dateDay : null }
}

/** UTC instant at which local day `day` starts in `tz`. */
export function dayStart (tz: string, day: number): number {
  return localToUtc(tz, day * DAY_MS)
}

/** Local day number of instant `utc` in `tz`. */
export function localDay (tz: string, utc: number): number {
  return Math.floor((utc + offsetAt(tz, utc)) / DAY_MS)
}

export interface WindowInput {
  tz: string
  from: ParsedInstant
  to: ParsedInstant
  startHour: number
  endHour: number
}

/**
 * Builds the window. When both ends name calendar days the window is those whole
 * local days; otherwise both ends are instants and `to` is inclusive to the millisecond.
 * Returns null when the window is empty or reversed.
 */
export function makeWindow (input: WindowInput): Window | null {
  const { tz, from, to, startHour, endHour } = input
  if (from.day !== null && to.day !== null) {
    if (to.day < from.day) return null
    return calendarWindow(tz, from.day, to.day, startHour, endHour)
  }
  if (to.ms < from.ms) return null
  return {
    tz,
    start: from.ms,
    end: to.ms + 1,
    firstDay: localDay(tz, from.ms),
    lastDay: localDay(tz, to.ms),
    startHour,
    endHour,
    calendar: false
  }
}

export function calendarWindow (tz: string, firstDay: number, lastDay: number, startHour = 0, endHour = 23): Window {
  return {
    tz,
    start: dayStart(tz, firstDay),
    end: dayStart(tz, lastDay + 1),
    firstDay,
    lastDay,
    startHour,
    endHour,
    calendar: true
  }
}

/**
 * The period of equal length that ends where `w` starts: the same number of calendar
 * days for a calendar window (so DST does not shift it by an hour), else the same
 * number of milliseconds.
 */
export function previousWindow (w: Window): Window {
  if (w.calendar) {
    const n = w.lastDay - w.firstDay + 1
    return calendarWindow(w.tz, w.firstDay - n, w.firstDay - 1, w.startHour, w.endHour)
  }
  const len = w.end - w.start
  const start = w.start - len
  return {
    ...w,
    start,
    end: w.start,
    firstDay: localDay(w.tz, start),
    lastDay: localDay(w.tz, w.start - 1)
  }
}

/** The dates that, sent back as a request, select exactly `w` again. */
export function windowBounds (w: Window): { startDate: string, endDate: string } {
  if (w.calendar) {
    return {
      startDate: new Date(w.firstDay * DAY_MS).toISOString(),
      endDate: new Date(w.lastDay * DAY_MS).toISOString()
    }
  }
  return { startDate: new Date(w.start).toISOString(), endDate: new Date(w.end - 1).toISOString() }
}
