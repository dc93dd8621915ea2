/** Opens the sandbox database: reuses a file built from the same inputs, else seeds a new one. */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { generateKeyPairSync } from 'node:crypto'
import { availableParallelism } from 'node:os'
import Database from 'better-sqlite3'
import { seedDatabase, type SeedStats } from '../../seeds/index.js'
import type { Scenario } from '../config.js'
import { INDEX_STATEMENTS, SCHEMA_VERSION, TABLES_SQL } from './schema.js'

export interface DatasetSpec { seed: number, scenario: Scenario, anchor: string }

export interface OpenResult {
  db: Database.Database
  /** null when an existing file was reused */
  stats: SeedStats | null
  ms: number
}

const FINGERPRINT_KEYS = ['schema_version', 'seed', 'scenario', 'anchor'] as const

function fingerprint (spec: DatasetSpec): Record<(typeof FINGERPRINT_KEYS)[number], string> {
  return { schema_version: String(SCHEMA_VERSION), seed: String(spec.seed), scenario: spec.scenario, anchor: spec.anchor }
}

export type ProgressFn = (phase: string, done: number, total: number) => void

/**
 * Creates tables, seeds, then indexes (faster than indexing row by row) and writes the
 * meta rows last, so a half-built database never passes the fingerprint check.
 */
export function buildInto (db: Database.Database, spec: DatasetSpec, onProgress?: ProgressFn): SeedStats {
  db.exec(TABLES_SQL)
  const stats = seedDatabase(db, { ...spec, onProgress })
  // CREATE INDEX is a third of a `large` build: one step per index keeps a progress bar moving
  INDEX_STATEMENTS.forEach((statement, i) => {
    onProgress?.('indexes', i, INDEX_STATEMENTS.length)
    db.exec(statement)
  })
  onProgress?.('indexes', INDEX_STATEMENTS.length, INDEX_STATEMENTS.length)
  // the rollups were written with the traffic (seeds/rollup-tap.ts)
  analyze(db)
  // Keycloak signs with RS256; the key lives with the data so tokens survive restarts.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
  db.transaction(() => {
    for (const [k, v] of Object.entries(fingerprint(spec))) insert.run(k, v)
    insert.run('data_version', '1')
    insert.run('eva_jwt_private', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())
    insert.run('eva_jwt_public', publicKey.export({ type: 'spki', format: 'pem' }).toString())
    insert.run('complete', '1')
  })()
  return stats
}

/**
 * ANALYZE reads at most this many rows per index once messages pass FULL_ANALYZE_ROWS. A full
 * ANALYZE was about 5 s of a 37-s `large` build; bounded, it takes about 0.5 s, and the plans
 * are no worse there: of the 488 analytics statements the query-plans test prepares, 480 get
 * the same plan on `large` and the other 8 a faster one (16.4 s → 4.0 s in all, measured with
 * bench/plan-diff.ts). On `default` the same bound changed 23 plans, one of them 70× slower,
 * so the smaller datasets, quick to analyze anyway, keep the full statistics.
 */
const ANALYSIS_LIMIT = 100_000
const FULL_ANALYZE_ROWS = 2_000_000

export function analyze (db: Database.Database): void {
  const messages = (db.prepare('SELECT COALESCE(MAX(rowid), 0) AS n FROM messages').get() as { n: number }).n
  db.pragma(`analysis_limit = ${messages > FULL_ANALYZE_ROWS ? ANALYSIS_LIMIT : 0}`)
  db.exec('ANALYZE')
  db.pragma('analysis_limit = 0')
}

function configure (db: Database.Database, file: boolean): void {
  if (file) db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('temp_store = MEMORY')
  db.pragma('cache_size = -65536')
  // a memory database keeps its build connection: no sorter threads at run time
  db.pragma('threads = 0')
}

/** Whether `db` was built completely from `spec` under this SCHEMA_VERSION (its meta rows say so). */
export function matches (db: Database.Database, spec: DatasetSpec): boolean {
  try {
    const rows = db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string, value: string }>
    const meta = new Map(rows.map(r => [r.key, r.value]))
    if (meta.get('complete') !== '1') return false
    const want = fingerprint(spec)
    return FINGERPRINT_KEYS.every(k => meta.get(k) === want[k])
  } catch {
    return false
  }
}

/**
 * Helper threads CREATE INDEX may sort with (SQLite's own, not Node's). Capped: each one may hold
 * a sorted run of up to cache_size in memory while the main thread fills the next.
 */
const SORT_THREADS = Math.min(4, availableParallelism())

/**
 * Settings of the connection that builds a database: nothing is journaled or synced (a failed
 * build is thrown away), and CREATE INDEX, most of a `large` build after the inserts, gets help.
 */
export function bulkPragmas (db: Database.Database): void {
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  // SQLite switches its sorter's helper threads off when temp storage is in memory, so the
  // sorted runs of CREATE INDEX go to temp files (OS cache): the main thread then does about
  // a third less of the index build's work on `large`. Small sorts never leave memory.
  db.pragma('temp_store = FILE')
  db.pragma(`threads = ${SORT_THREADS}`)
  db.pragma('cache_size = -262144')
  // index builds and ANALYZE read every table and index: mapped pages spare a copy per page
  db.pragma('mmap_size = 2147418112')
}

/** An in-memory database seeded from `spec`. */
export function buildMemoryDatabase (spec: DatasetSpec, onProgress?: ProgressFn): OpenResult {
  const t0 = performance.now()
  const db = new Database(':memory:')
  bulkPragmas(db)
  const stats = buildInto(db, spec, onProgress)
  configure(db, false)
  return { db, stats, ms: performance.now() - t0 }
}

/**
 * Opens `path` (or memory). A file whose meta matches the spec is reused as is; any other
 * file is replaced by one built beside it and renamed into place, so a crash mid-build
 * never leaves a half-seeded database under the configured name.
 */
export function openDatabase (path: string, spec: DatasetSpec, onProgress?: ProgressFn): OpenResult {
  if (path === ':memory:') return buildMemoryDatabase(spec, onProgress)
  const t0 = performance.now()
  if (existsSync(path)) {
    const existing = new Database(path)
    if (matches(existing, spec)) {
      configure(existing, true)
      return { db: existing, stats: null, ms: performance.now() - t0 }
    }
    existing.close()
  }
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.building-${process.pid}`
  rmSync(tmp, { force: true })
  const fresh = new Database(tmp)
  try {
    bulkPragmas(fresh)
    const stats = buildInto(fresh, spec, onProgress)
    fresh.close()
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true })
    renameSync(tmp, path)
    const db = new Database(path)
    configure(db, true)
    return { db, stats, ms: performance.now() - t0 }
  } catch (err) {
    if (fresh.open) fresh.close()
    rmSync(tmp, { force: true })
    throw err
  }
}
