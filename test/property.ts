/** Property-test plumbing: a printed, replayable seed, a run count, and a small seeded PRNG. */

interface Commenter { comment: (...args: unknown[]) => void }

/** mulberry32: tiny, fast, good enough to draw request parameters reproducibly. */
export function rng (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * The seed (PROPERTY_SEED, else time-derived) and run count (PROPERTY_RUNS, else the
 * file's default), printed so a failing run can be replayed exactly.
 */
export function propertyRun (t: Commenter, defaultRuns: number): { SEED: number, RUNS: number } {
  const SEED = Number(process.env.PROPERTY_SEED ?? Date.now() % 100000)
  const RUNS = Number(process.env.PROPERTY_RUNS ?? defaultRuns)
  t.comment(`property seed ${SEED} (replay with PROPERTY_SEED=${SEED}), ${RUNS} runs`)
  return { SEED, RUNS }
}
