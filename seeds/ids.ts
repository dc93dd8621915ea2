/** Vendor-looking external ids (UUID v4, Mongo ObjectId) drawn from the seeded PRNG. */
import type { Rng } from './prng.js'

/** A UUID v4 string (version and variant nibbles set like a real one). */
export function uuid (rng: Rng): string {
  const h = rng.hex(32)
  const variant = '89ab'[rng.u32() & 3]
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** 24 random hex chars, for ids that have no time component of interest. */
export function hex24 (rng: Rng): string {
  return rng.hex(24)
}

/**
 * Mongo ObjectIds the way a server mints them: creation second, a per-process random part
 * and an increasing counter, which makes them unique per generator without a lookup.
 */
export class ObjectIdMaker {
  private readonly process: string
  private counter: number

  constructor (rng: Rng) {
    this.process = rng.hex(10)
    this.counter = rng.u32() & 0xffff
  }

  make (ms: number): string {
    this.counter = (this.counter + 1) & 0xffffff
    const seconds = Math.floor(ms / 1000) >>> 0
    return seconds.toString(16).padStart(8, '0') + this.process + this.counter.toString(16).padStart(6, '0')
  }
}
