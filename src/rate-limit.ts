/** Sliding-window rate limits on the sandbox clock (opt-in per vendor). */
import type { Clock } from './clock.js'

export interface Limit { windowMs: number, max: number, message: string }

/** Denied: the limit's message and when (seconds) a request would next be allowed. */
export interface Denial { message: string, retryAfter: number }

/**
 * Remembers request times per key, no more than the largest limit's `max` of them, so
 * memory is bounded by keys × max whatever the traffic.
 */
export function createRateLimiter (clock: Clock) {
  const hits = new Map<string, number[]>()
  return {
    hit (key: string, limits: Limit[]): Denial | null {
      const now = clock.now()
      const longest = Math.max(...limits.map(l => l.windowMs))
      const keep = Math.max(...limits.map(l => l.max))
      const times = (hits.get(key) ?? []).filter(t => t > now - longest)
      for (const l of limits) {
        const inWindow = times.filter(t => t > now - l.windowMs)
        if (inWindow.length >= l.max) {
          hits.set(key, times)
          return { message: l.message, retryAfter: Math.max(1, Math.ceil((inWindow[inWindow.length - l.max] + l.windowMs - now) / 1000)) }
        }
      }
      times.push(now)
      hits.set(key, times.slice(-keep))
      return null
    },
    clear (): void { hits.clear() }
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>
