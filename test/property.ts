/** Property-test plumbing: a printed, replayable seed, a run count, and a small seeded PRNG. */

import { uniformStream } from '../seeds/prng.js'

interface Commenter { comment: (...args: unknown[]) => void }

/** Seeded draws in [0, 1) for request parameters: the same seed gives the same sequence. */
export function rng (seed: number): () => number {
  return uniformStream(seed)
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
