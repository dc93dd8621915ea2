/** The dataset as a whole: its meta rows, data version, and reset to the seeded state. */
import type Database from 'better-sqlite3'
import { seedDatabase, type Scenario } from '../../seeds/index.js'
import { DERIVED_TABLES, MUTABLE_TABLES, SEEDED_TABLES } from './schema.js'

const GET_META = 'SELECT value FROM meta WHERE key = ?'
const SET_META = 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
const BUMP_VERSION = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'"

export function createDatasetRepository (db: Database.Database) {
  const getMeta = db.prepare<[string], { value: string }>(GET_META)
  const setMeta = db.prepare(SET_META)
  const bump = db.prepare(BUMP_VERSION)
  const truncateMutable = MUTABLE_TABLES.map(t => db.prepare(`DELETE FROM ${t}`))
  // the seeder writes the rollups with the traffic, so they go with the rows they derive from
  const truncateSeeded = [...DERIVED_TABLES, ...SEEDED_TABLES].map(t => db.prepare(`DELETE FROM ${t}`))

  function meta (key: string): string | null {
    return getMeta.get(key)?.value ?? null
  }
  // read on every cacheable request (the response cache's key): kept in memory, and this
  // repository is the only writer of the row
  let version: number | undefined

  const clearRunTimeWrites = db.transaction((): void => {
    for (const stmt of truncateMutable) stmt.run()
    bump.run()
    version = undefined
  })

  return {
    meta,
    setMeta (key: string, value: string): void { setMeta.run(key, value) },
    dataVersion (): number {
      if (version === undefined) version = Number(meta('data_version') ?? '0')
      return version
    },
    /** Every write calls this, so caches keyed by the version never serve stale data. */
    bumpDataVersion (): void {
      bump.run()
      version = undefined
    },
    /** A write changed seeded rows (an erasure): the next reset must reseed, not just truncate. */
    markSeededDataChanged (): void { setMeta.run('seeded_data_changed', '1') },
    /**
     * Back to the freshly seeded state. Run-time tables are emptied; when seeded rows were
     * changed the seeded tables are emptied and regenerated from the stored seed, which
     * gives the same rows (and ids) as the first build.
     */
    reset (): void {
      if (meta('seeded_data_changed') !== '1') {
        clearRunTimeWrites()
        return
      }
      db.transaction(() => {
        for (const stmt of truncateMutable) stmt.run()
        for (const stmt of truncateSeeded) stmt.run()
      })()
      seedDatabase(db, {
        seed: Number(meta('seed')),
        scenario: meta('scenario') as Scenario,
        anchor: meta('anchor') ?? ''
      })
      setMeta.run('seeded_data_changed', '0')
      bump.run()
      version = undefined
    }
  }
}

export type DatasetRepository = ReturnType<typeof createDatasetRepository>
