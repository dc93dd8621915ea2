/** Entry point of the deterministic seed generator: tenants, catalogue and traffic for one scenario. */
import type { Database } from 'better-sqlite3'
import { historyWindow } from './calendar.js'
import { CatalogueWriter } from './catalogue.js'
import type { BotCatalogue, IdCounters } from './catalogue.js'
import { createRollupInserter } from '../src/db/rollups.js'
import type { RollupsOut } from './rollup-tap.js'
import { TrafficSink } from './sink.js'
import { insertTenants } from './tenant-rows.js'
import { ORGS } from './tenants.js'
import { generateTraffic, type TrafficJob } from './traffic.js'
import { TrafficThread } from './traffic-thread.js'
import { seedKoreAccounts } from './kore-accounts.js'
import { seedKoreDashboards } from './kore-dashboards.js'

export type Scenario = 'empty' | 'small' | 'default' | 'large'

export interface SeedOptions {
  seed: number
  scenario: Scenario
  /** 'YYYY-MM-DD', the last UTC day of history */
  anchor: string
  onProgress?: (phase: string, done: number, total: number) => void
  /**
   * Generate the traffic on a worker thread while this one inserts it (same rows either way).
   * Default: for scenarios of WORKER_MIN_SESSIONS sessions or more, where it pays for the
   * worker's start (~0.3 s).
   */
  workerThread?: boolean
}

export interface SeedStats { orgs: number, bots: number, users: number, sessions: number, messages: number, ms: number }

/** History length (days ending on the anchor, inclusive) and mean sessions per bot per day. */
export const SCENARIOS: Record<Scenario, { days: number, perDay: number }> = {
  empty: { days: 0, perDay: 0 },
  small: { days: 42, perDay: 25 },
  default: { days: 180, perDay: 35 },
  // 1,000,000+ sessions and 6,000,000+ messages over the nine bots
  large: { days: 365, perDay: 320 }
}

/** Expected sessions from which the traffic is generated on a worker thread by default. */
const WORKER_MIN_SESSIONS = 40_000

/**
 * Fills every table but `meta` and `reports` of a freshly created schema (TABLES_SQL, no indexes),
 * the derived rollup tables included (computed from the rows as they are generated: rollup-tap.ts).
 * Same (seed, scenario, anchor) ⇒ identical rows. Foreign keys are switched off while writing
 * (rows reference ids written later in the same batch) and restored afterwards.
 */
export function seedDatabase (db: Database, opts: SeedOptions): SeedStats {
  const started = performance.now()
  const scale = SCENARIOS[opts.scenario]
  if (scale === undefined) throw new Error(`unknown scenario ${String(opts.scenario)}`)
  if (!Number.isInteger(opts.seed)) throw new Error(`seed must be an integer, got ${opts.seed}`)
  const window = historyWindow(opts.anchor, scale.days)
  const progress = opts.onProgress ?? (() => {})

  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
  if (db.inTransaction && foreignKeys === 1) throw new Error('seedDatabase: call it outside a transaction, or switch foreign_keys off first')
  if (!db.inTransaction) db.pragma('foreign_keys = OFF')
  const sink = new TrafficSink(db)
  const botCount = ORGS.reduce((n, org) => n + org.bots.length, 0)
  const threaded = scale.days > 0 && (opts.workerThread ?? scale.days * scale.perDay * botCount >= WORKER_MIN_SESSIONS)
  // started before the tenants and catalogues are written, so the worker boots meanwhile
  let thread: TrafficThread | null = null
  try {
    if (threaded) thread = new TrafficThread()
    progress('tenants', 0, 1)
    const bots = insertTenants(db, opts.seed)
    progress('tenants', 1, 1)

    const ids: IdCounters = { flow: 0, intent: 0, answer: 0, text: 0 }
    const writer = new CatalogueWriter(db, ids)
    const catalogues: BotCatalogue[] = []
    for (const bot of bots) {
      catalogues.push(writer.write(bot, opts.seed))
      progress('catalogue', catalogues.length, bots.length)
    }
    seedKoreDashboards(db, opts.seed)
    seedKoreAccounts(db, opts.seed)

    if (scale.days > 0) {
      const total = bots.length * scale.days
      let done = 0
      const tick = (): void => {
        done++
        if (done % 20 === 0 || done === total) progress('traffic', done, total)
      }
      const insertRollups = createRollupInserter(db)
      const rollups: RollupsOut = (botId, days) => { for (const day of days) insertRollups(botId, day) }
      const job: TrafficJob = { seed: opts.seed, perDay: scale.perDay, window, bots, catalogues }
      if (thread !== null) thread.run(job, sink, rollups, days => { for (let d = done; d < days; d++) tick() })
      else generateTraffic(sink, job, rollups, tick)
    }
    sink.finish()
    return {
      orgs: ORGS.length,
      bots: bots.length,
      users: sink.userId,
      sessions: sink.sessionId,
      messages: sink.messageId,
      ms: Math.round(performance.now() - started)
    }
  } catch (err) {
    sink.abort()
    throw err
  } finally {
    thread?.close()
    if (!db.inTransaction) db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`)
  }
}
