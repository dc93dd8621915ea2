/** Bucketed series and period-over-period figures, vendor-neutral: vendors only rename the fields. */
import { emptySeries, planBuckets, type BucketPlan, type Series } from '../engine/buckets.js'
import { compare, type CompareOptions, type Comparison } from '../engine/compare.js'
import { previousWindow, type Window } from '../engine/window.js'
import type { Measure, Scope, TrafficRepository } from '../db/traffic.repo.js'

export interface ChannelSeries { plan: BucketPlan, byChannel: Map<number, Series>, total: number }

/** Counts per channel in every bucket of the window; channels without data get zero series. */
export function seriesByChannel (traffic: TrafficRepository, m: Measure, scope: Scope, w: Window): ChannelSeries {
  const plan = planBuckets(w)
  const byChannel = new Map<number, Series>()
  for (const id of scope.channelIds) byChannel.set(id, emptySeries(plan))
  const total = traffic.fillSeries(m, scope, plan, id => byChannel.get(id))
  return { plan, byChannel, total }
}

/** Counts over all selected channels in every bucket. */
export function seriesTotal (traffic: TrafficRepository, m: Measure, scope: Scope, w: Window): { plan: BucketPlan, series: Series, total: number } {
  const plan = planBuckets(w)
  const series = emptySeries(plan)
  const total = traffic.fillSeries(m, scope, plan, () => series)
  return { plan, series, total }
}

/** Distinct users per bucket; not additive, so every level is counted on its own. */
export function distinctUserSeries (traffic: TrafficRepository, scope: Scope, w: Window): { plan: BucketPlan, series: Series, total: number } {
  const plan = planBuckets(w)
  return { plan, ...traffic.distinctUserSeries(scope, plan) }
}

export interface PeriodComparison extends Comparison {
  current: number
  previous: number
  previousWindow: Window
}

/**
 * Compares a figure with the previous window of equal length. That window "has relative
 * data" when the bot's history had begun before it ended.
 */
export function comparePeriods (
  w: Window,
  firstDataMs: number | null,
  figure: (w: Window) => number,
  opts: CompareOptions,
  current?: number
): PeriodComparison {
  const prev = previousWindow(w)
  const cur = current ?? figure(w)
  const previous = figure(prev)
  const hasRelativeData = firstDataMs !== null && firstDataMs < prev.end
  return { ...compare(cur, previous, hasRelativeData, opts), current: cur, previous, previousWindow: prev }
}
