/** Period-over-period comparison of two totals counted from the data. */
import { round2 } from './buckets.js'

export interface Comparison {
  hasRelativeData: boolean
  relativeIncrease: number
  hasIncreased: boolean
}

export interface CompareOptions {
  /** 'percent': 12.5 means +12.5 %; 'ratio': 0.125. */
  scale: 'percent' | 'ratio'
  /** false: the magnitude only, the sign is carried by hasIncreased (eva's reading). */
  signed: boolean
}

/**
 * `hasRelativeData` says whether the previous window lies in the covered history; when it
 * does not, or the previous total is 0, there is no meaningful relative change and it is 0.
 */
export function compare (current: number, previous: number, hasRelativeData: boolean, opts: CompareOptions): Comparison {
  const hasIncreased = current > previous
  if (!hasRelativeData || previous === 0) return { hasRelativeData, relativeIncrease: 0, hasIncreased }
  const change = (current - previous) / previous
  const scaled = opts.scale === 'percent' ? change * 100 : change
  return { hasRelativeData, relativeIncrease: round2(opts.signed ? scaled : Math.abs(scaled)), hasIncreased }
}
