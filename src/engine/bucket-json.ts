/**
 * JSON text of bucket lists, written directly. A 90-day window has 2,160 hourly buckets per
 * series; building an object per bucket and handing them to the schema serializer was most
 * of the CPU time (and the garbage) of the largest analytics answers. The text is exactly
 * what the route's schema serializer writes for the same values: keys in schema order,
 * integers as JSON numbers, dates as ISO strings that need no escaping
 * (test/bucket-json.test.ts checks it against fast-json-stringify).
 */
import type { BucketPlan, Level, Series } from './buckets.js'
import { isoString } from './iso.js'

/** Per level and bucket, the object's text up to its value: `{"date":"…","value":`. */
export type PlanJson = Record<Level, string[]>

export interface BucketKeys {
  /** key of the bucket start (eva `date`, ChatBot.com `date`) */
  date: string
  /** week buckets: keys of the month start and the week number, or null to write weeks like the other levels */
  week: { monthDate: string, weekNumber: string } | null
}

export const EVA_BUCKET_KEYS: BucketKeys = { date: 'date', week: { monthDate: 'monthDate', weekNumber: 'weekNumber' } }

/** The plan's bucket prefixes, shared by every series of the answer. */
export function planJson (plan: BucketPlan, keys: BucketKeys = EVA_BUCKET_KEYS): PlanJson {
  const dated = (date: number): string => `{"${keys.date}":"${isoString(date)}","value":`
  return {
    hours: plan.hours.map(b => dated(b.date)),
    days: plan.days.map(b => dated(b.date)),
    weeks: plan.weeks.map(b => keys.week === null
      ? dated(b.date)
      : `{"${keys.week.monthDate}":"${isoString(b.monthDate ?? b.date)}","${keys.week.weekNumber}":${b.weekNumber ?? 1},"value":`),
    months: plan.months.map(b => dated(b.date))
  }
}

/** `[{…,"value":n},…]` for one level. */
export function levelJson (prefixes: string[], values: number[]): string {
  let out = '['
  for (let i = 0; i < prefixes.length; i++) {
    if (i > 0) out += ','
    out += prefixes[i] + String(values[i]) + '}'
  }
  return out + ']'
}

/** `"hours":[…],"days":[…],"weeks":[…],"months":[…]` (no braces: callers add their own fields). */
export function levelsJson (p: PlanJson, s: Series): string {
  return `"hours":${levelJson(p.hours, s.hours)},"days":${levelJson(p.days, s.days)},"weeks":${levelJson(p.weeks, s.weeks)},"months":${levelJson(p.months, s.months)}`
}
