/** Time model: the history window, bots' local days (with real tz offsets) and daily/hourly rhythm. */
import { cumulative, type Rng } from './prng.js'

export const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

export interface HistoryWindow {
  days: number
  /** first instant of the history: (anchor − days + 1) 00:00:00.000 UTC */
  startMs: number
  /** last instant: anchor 23:59:59.999 UTC */
  endMs: number
}

export function historyWindow (anchor: string, days: number): HistoryWindow {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(anchor)
  if (m === null) throw new Error(`anchor must be YYYY-MM-DD, got ${anchor}`)
  const anchorMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  if (Number.isNaN(anchorMs) || new Date(anchorMs).toISOString().slice(0, 10) !== anchor) throw new Error(`invalid anchor ${anchor}`)
  return { days, startMs: anchorMs - (days - 1) * DAY_MS, endMs: anchorMs + DAY_MS - 1 }
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** local wall clock − UTC, in ms, at the given instant. */
export function tzOffsetMs (tz: string, utcMs: number): number {
  let f = formatters.get(tz)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    formatters.set(tz, f)
  }
  const p: Record<string, number> = {}
  for (const part of f.formatToParts(utcMs)) if (part.type !== 'literal') p[part.type] = Number(part.value)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return wall - Math.floor(utcMs / 1000) * 1000
}

export interface LocalDay {
  /** days since the window's first UTC day: −1 … days */
  index: number
  /** 0 = Sunday */
  weekday: number
  /** the local midnight's wall clock read as if it were UTC */
  wallMs: number
  offsetMs: number
  /** the offset changes during this day (DST): convert each instant on its own */
  dst: boolean
}

/** Every local day of `tz` that overlaps the window. */
export function localDays (tz: string, w: HistoryWindow): LocalDay[] {
  const wallDay = (ms: number): number => Math.floor((ms + tzOffsetMs(tz, ms)) / DAY_MS) * DAY_MS
  const first = wallDay(w.startMs)
  const last = wallDay(w.endMs)
  const out: LocalDay[] = []
  for (let wall = first; wall <= last; wall += DAY_MS) {
    const atStart = tzOffsetMs(tz, wall - tzOffsetMs(tz, wall))
    const atEnd = tzOffsetMs(tz, wall + DAY_MS - 1 - atStart)
    out.push({ index: Math.round((wall - w.startMs) / DAY_MS), weekday: new Date(wall).getUTCDay(), wallMs: wall, offsetMs: atStart, dst: atStart !== atEnd })
  }
  return out
}

/** UTC instant of a wall-clock time `localMs` after the local midnight of `day`. */
export function localToUtc (tz: string, day: LocalDay, localMs: number): number {
  const wall = day.wallMs + localMs
  if (!day.dst) return wall - day.offsetMs
  return wall - tzOffsetMs(tz, wall - day.offsetMs)
}

/** Relative sessions per local hour: quiet night, late-morning and mid-afternoon peaks. */
const WEEKDAY_HOURS = [0.3, 0.18, 0.12, 0.1, 0.1, 0.2, 0.5, 1.1, 1.9, 2.6, 2.9, 2.9, 2.4, 2.3, 2.6, 2.7, 2.5, 2.1, 1.7, 1.6, 1.6, 1.4, 1.0, 0.6]
const WEEKEND_HOURS = [0.5, 0.3, 0.2, 0.12, 0.1, 0.12, 0.25, 0.5, 1.0, 1.6, 2.1, 2.3, 2.3, 2.2, 2.1, 2.0, 1.9, 1.8, 1.7, 1.7, 1.7, 1.5, 1.1, 0.8]

export const HOURS_CUMULATIVE = { weekday: cumulative(WEEKDAY_HOURS), weekend: cumulative(WEEKEND_HOURS) }

/** A wall-clock time of day (ms after local midnight) drawn from the diurnal profile. */
export function drawLocalTime (rng: Rng, weekend: boolean): number {
  const hour = rng.pickCumulative(weekend ? HOURS_CUMULATIVE.weekend : HOURS_CUMULATIVE.weekday)
  return hour * HOUR_MS + Math.floor(rng.float() * HOUR_MS)
}

export interface VolumeModel { expected: (day: LocalDay) => number }

/**
 * Expected sessions on a local day: base × growth trend × seasonal wobble × weekday rhythm ×
 * lognormal noise × campaign spikes, normalised so the window averages `perDay`.
 */
export function volumeModel (rng: Rng, w: HistoryWindow, perDay: number, weekendFactors: [number, number]): VolumeModel {
  const days = w.days
  const firstWeekday = new Date(w.startMs).getUTCDay()
  const growth = rng.range(0.3, 0.6)
  const phase1 = rng.range(0, 2 * Math.PI)
  const phase2 = rng.range(0, 2 * Math.PI)
  const weekdayFactor = [weekendFactors[1], 1.05, 1.03, 1, 0.98, 0.93, weekendFactors[0]]
  const campaigns = new Map<number, number>()
  for (let n = rng.int(1, 3); n > 0; n--) {
    const day = rng.int(0, Math.max(0, days - 1))
    const lift = rng.range(1.8, 2.5)
    campaigns.set(day, lift)
    if (!campaigns.has(day + 1)) campaigns.set(day + 1, 1 + (lift - 1) * 0.35)
  }
  const profile = (index: number, weekday: number): number => {
    const t = days > 1 ? Math.min(1, Math.max(0, index / (days - 1))) : 1
    const wobble = 1 + 0.06 * Math.sin(2 * Math.PI * index / 91 + phase1) + 0.03 * Math.sin(2 * Math.PI * index / 30.4 + phase2)
    return (1 + growth * t) * wobble * weekdayFactor[weekday]
  }
  let mean = 0
  for (let i = 0; i < days; i++) mean += profile(i, (firstWeekday + i) % 7)
  mean /= Math.max(1, days)
  const sigma = 0.15
  return {
    expected: (day: LocalDay): number => {
      const noise = Math.exp(sigma * rng.normal() - sigma * sigma / 2)
      return perDay / mean * profile(day.index, day.weekday) * noise * (campaigns.get(day.index) ?? 1)
    }
  }
}

/** Poisson draw (normal approximation for large means). */
export function poisson (rng: Rng, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()))
  const limit = Math.exp(-lambda)
  let k = 0
  let p = rng.float()
  while (p > limit) {
    k++
    p *= rng.float()
  }
  return k
}
