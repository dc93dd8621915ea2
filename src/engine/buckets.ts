/** Zero-filled hour/day/week/month buckets of a window, and how SQL aggregates land in them. */
import { HOUR_MS, civilFromDays, daysFromCivil, weekOfMonth } from './calendar.js'
import { offsetSegments } from './tz.js'
import { dayStart, type Window } from './window.js'

export type Level = 'hours' | 'days' | 'weeks' | 'months'
export const LEVELS: readonly Level[] = ['hours', 'days', 'weeks', 'months']

/** One bucket: its start instant and, for weeks, the month and week-of-month it covers. */
export interface Bucket { date: number, monthDate?: number, weekNumber?: number }

/**
 * The buckets of a window, each level in ascending order, with lookups from the keys
 * SQL produces (hour start instant, local day number, `YYYY-MM`, `YYYY-MM|week`).
 */
export interface BucketPlan {
  window: Window
  hours: Bucket[]
  days: Bucket[]
  weeks: Bucket[]
  months: Bucket[]
  /** local day number → [day index, week index, month index] */
  dayIndex: Map<number, [number, number, number]>
  monthIndexByLabel: Map<string, number>
  weekIndexByLabel: Map<string, number>
}

/**
 * The index of the hour bucket starting at `start`, or −1. Hours are in ascending order, so a
 * binary search: a Map over 2,160 millisecond keys (a 90-day window) cost more to build than
 * the rest of the plan.
 */
export function hourIndexOf (plan: BucketPlan, start: number): number {
  const hours = plan.hours
  let lo = 0
  let hi = hours.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const d = hours[mid].date
    if (d === start) return mid
    if (d < start) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

function monthLabel (y: number, m: number): string {
  return `${y}-${String(m).padStart(2, '0')}`
}

/** Every bucket the window touches: hours only inside the hour-of-day filter; days, weeks, months whole. */
export function planBuckets (w: Window): BucketPlan {
  const plan: BucketPlan = {
    window: w,
    hours: [],
    days: [],
    weeks: [],
    months: [],
    dayIndex: new Map(),
    monthIndexByLabel: new Map(),
    weekIndexByLabel: new Map()
  }
  // hours: local clock hours are real hours, so walk the instants segment by segment; an hour
  // met by two segments (at an offset change) is one bucket, and the list is in time order
  const starts: number[] = []
  for (const seg of offsetSegments(w.tz, w.start, w.end)) {
    const frac = ((seg.offset % HOUR_MS) + HOUR_MS) % HOUR_MS
    let t = seg.start - (((seg.start + frac) % HOUR_MS) + HOUR_MS) % HOUR_MS
    for (; t < seg.end; t += HOUR_MS) {
      const localHour = Math.floor((t + seg.offset) / HOUR_MS) % 24
      const h = localHour < 0 ? localHour + 24 : localHour
      if (h < w.startHour || h > w.endHour) continue
      starts.push(t)
    }
  }
  starts.sort((a, b) => a - b)
  for (let i = 0; i < starts.length; i++) if (i === 0 || starts[i] !== starts[i - 1]) plan.hours.push({ date: starts[i] })
  for (let day = w.firstDay; day <= w.lastDay; day++) {
    const c = civilFromDays(day)
    const ml = monthLabel(c.y, c.m)
    let mi = plan.monthIndexByLabel.get(ml)
    const monthStart = mi === undefined ? dayStart(w.tz, daysFromCivil(c.y, c.m, 1)) : plan.months[mi].date
    if (mi === undefined) {
      mi = plan.months.length
      plan.monthIndexByLabel.set(ml, mi)
      plan.months.push({ date: monthStart })
    }
    const wk = weekOfMonth(c.d)
    const wl = `${ml}|${wk}`
    let wi = plan.weekIndexByLabel.get(wl)
    if (wi === undefined) {
      wi = plan.weeks.length
      plan.weekIndexByLabel.set(wl, wi)
      plan.weeks.push({ date: monthStart, monthDate: monthStart, weekNumber: wk })
    }
    plan.dayIndex.set(day, [plan.days.length, wi, mi])
    plan.days.push({ date: dayStart(w.tz, day) })
  }
  return plan
}

export type Series = Record<Level, number[]>

export function emptySeries (plan: BucketPlan): Series {
  return {
    hours: new Array<number>(plan.hours.length).fill(0),
    days: new Array<number>(plan.days.length).fill(0),
    weeks: new Array<number>(plan.weeks.length).fill(0),
    months: new Array<number>(plan.months.length).fill(0)
  }
}

/** An additive SQL aggregate per local hour: `hourStart` and its local `day`. */
export interface HourRow { hourStart: number, day: number, value: number }

/**
 * Adds hour-level counts into every level. Counts are additive, so SQL groups once
 * per hour and days, weeks and months are sums of hours: the totals of every level
 * agree by construction.
 */
export function addHourRows (plan: BucketPlan, series: Series, rows: Iterable<HourRow>): void {
  for (const r of rows) {
    const hi = hourIndexOf(plan, r.hourStart)
    const di = plan.dayIndex.get(r.day)
    // SQL filtered on the same window, so both lookups hit; a miss would be a bug upstream
    if (hi < 0 || di === undefined) throw new Error(`bucket miss at ${r.hourStart}`)
    series.hours[hi] += r.value
    series.days[di[0]] += r.value
    series.weeks[di[1]] += r.value
    series.months[di[2]] += r.value
  }
}

/** Keyed per-level rows for non-additive values (distinct counts). */
export interface LevelRows {
  hours: Iterable<{ key: number, value: number }>
  days: Iterable<{ key: number, value: number }>
  weeks: Iterable<{ key: string, value: number }>
  months: Iterable<{ key: string, value: number }>
}

export function setLevelRows (plan: BucketPlan, series: Series, rows: LevelRows): void {
  for (const r of rows.hours) {
    const i = hourIndexOf(plan, r.key)
    series.hours[lookup(i < 0 ? undefined : i, r.key)] = r.value
  }
  for (const r of rows.days) series.days[lookup(plan.dayIndex.get(r.key)?.[0], r.key)] = r.value
  for (const r of rows.weeks) series.weeks[lookup(plan.weekIndexByLabel.get(r.key), r.key)] = r.value
  for (const r of rows.months) series.months[lookup(plan.monthIndexByLabel.get(r.key), r.key)] = r.value
}

function lookup (i: number | undefined, key: unknown): number {
  if (i === undefined) throw new Error(`bucket miss at ${String(key)}`)
  return i
}

/** Mean of a series over its buckets, zero buckets included, to 2 decimals. */
export function average (values: number[]): number {
  if (values.length === 0) return 0
  return round2(values.reduce((a, b) => a + b, 0) / values.length)
}

export function round2 (x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100
}
