/** The dataset as a whole: its meta rows, data version and reset to the seeded state. */
import type Database from 'better-sqlite3'
import { MUTABLE_TABLES } from './schema.js'

const GET_META = 'SELECT value FROM meta WHERE key = ?'
const SET_META = 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
const BUMP_VERSION = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'"

export function createDatasetRepository (db: Database.Database) {
  const getMeta = db.prepare<[string], { value: string }>(GET_META)
  const setMeta = db.prepare(SET_META)
  const bump = db.prepare(BUMP_VERSION)
  const truncates = MUTABLE_TABLES.map(t => db.prepare(`DELETE FROM ${t}`))

  function meta (key: string): string | null {
    return getMeta.get(key)?.value ?? null
  }

  return {
    meta,
    setMeta (key: string, value: string): void { setMeta.run(key, value) },
    dataVersion (): number { return Number(meta('data_version') ?? '0') },
    /** Every write calls this, so caches keyed by the version never serve stale data. */
    bumpDataVersion (): void { bump.run() },
    /** Back to the seeded state: run-time writes are dropped (seeded rows are never modified yet). */
    reset: db.transaction((): void => {
      for (const stmt of truncates) stmt.run()
      bump.run()
    })
  }
}

export type DatasetRepository = ReturnType<typeof createDatasetRepository>
