/** Seeded PRNG (sfc32) with the sampling helpers the generator needs; never Math.random. */

/** splitmix32: spreads a small seed into well-mixed state words. */
function splitmix32 (x: number): number {
  x = (x + 0x9e3779b9) | 0
  let z = x
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** Mixes a seed and a stream label into one 32-bit number, so each stream is independent. */
export function deriveSeed (seed: number, stream: string | number): number {
  let h = splitmix32(seed >>> 0 ^ 0x5bd1e995)
  const s = String(stream)
  for (let i = 0; i < s.length; i++) h = splitmix32(h ^ s.charCodeAt(i))
  return h
}

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number
  private spare = NaN

  constructor (seed: number, stream: string | number = 0) {
    const s = deriveSeed(seed, stream)
    this.a = splitmix32(s)
    this.b = splitmix32(this.a)
    this.c = splitmix32(this.b)
    this.d = 1
    // the first outputs of sfc32 are still correlated with the seed
    for (let i = 0; i < 15; i++) this.u32()
  }

  u32 (): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  float (): number {
    return this.u32() / 4294967296
  }

  /** Uniform in [min, max). */
  range (min: number, max: number): number {
    return min + (max - min) * this.float()
  }

  /** Uniform integer in [min, max] inclusive. */
  int (min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1))
  }

  chance (p: number): boolean {
    return this.float() < p
  }

  pick<T> (items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]
  }

  /** Index into a cumulative-weight table (last entry = total). */
  pickCumulative (cumulative: Float64Array | readonly number[]): number {
    const x = this.float() * cumulative[cumulative.length - 1]
    let i = 0
    while (i < cumulative.length - 1 && cumulative[i] <= x) i++
    return i
  }

  weighted<T> (items: readonly T[], weights: readonly number[]): T {
    let total = 0
    for (const w of weights) total += w
    let x = this.float() * total
    for (let i = 0; i < items.length; i++) {
      x -= weights[i]
      if (x < 0) return items[i]
    }
    return items[items.length - 1]
  }

  /** Standard normal (Box-Muller, spare value cached). */
  normal (): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare
      this.spare = NaN
      return s
    }
    const u = 1 - this.float()
    const v = this.float()
    const r = Math.sqrt(-2 * Math.log(u))
    this.spare = r * Math.sin(2 * Math.PI * v)
    return r * Math.cos(2 * Math.PI * v)
  }

  /** Lognormal with the given median. */
  lognormal (median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  /** Number of failures before the first success. */
  geometric (p: number): number {
    return Math.floor(Math.log(1 - this.float()) / Math.log(1 - p))
  }

  /** Fisher-Yates, in place. */
  shuffle<T> (items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1))
      const t = items[i]
      items[i] = items[j]
      items[j] = t
    }
    return items
  }

  hex (chars: number): string {
    let s = ''
    while (s.length < chars) s += this.u32().toString(16).padStart(8, '0')
    return s.slice(0, chars)
  }

  digits (n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) s += String(this.u32() % 10)
    return s
  }
}

/** Running sums of weights: the table `Rng.pickCumulative` draws from. */
export function cumulative (weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length)
  let sum = 0
  weights.forEach((w, i) => { out[i] = sum += w })
  return out
}

/** A plain `() => number` in [0, 1) over one Rng stream: what tests, benches and fault rules draw from. */
export function uniformStream (seed: number, stream: string | number = 0): () => number {
  const rng = new Rng(seed, stream)
  return () => rng.float()
}
