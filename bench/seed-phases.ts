/** Times each phase of a seed build (a development aid): tables, seeding (traffic and rollups), each index, ANALYZE. */
import Database from 'better-sqlite3'
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { seedDatabase } from '../seeds/index.js'
import { analyze, bulkPragmas } from '../src/db/open.js'
import { INDEX_STATEMENTS, TABLES_SQL } from '../src/db/schema.js'

const file = process.env.SEED_PHASES_DB ?? '/tmp/sp/large.db'
mkdirSync(dirname(file), { recursive: true })
rmSync(file, { force: true })
const T0 = performance.now()
const db = new Database(file)
// the build's own connection settings (src/db/open.ts buildInto)
bulkPragmas(db)
const t = (label: string, f: () => void): void => { const t0 = performance.now(); f(); console.log(label.padEnd(12), ((performance.now() - t0) / 1000).toFixed(2), 's') }
t('tables', () => db.exec(TABLES_SQL))
const statements = INDEX_STATEMENTS
// EARLY=name,name: indexes created before the inserts (kept up row by row) instead of after
const early = new Set((process.env.EARLY ?? '').split(',').filter(Boolean))
const isEarly = (stmt: string): boolean => [...early].some(n => stmt.includes(` ${n} `))
for (const stmt of statements.filter(isEarly)) t('early ' + stmt.slice(0, 50).replace(/\s+/g, ' '), () => db.exec(stmt))
t('traffic', () => seedDatabase(db, { seed: 42, scenario: (process.env.SEED_SCENARIO ?? 'large') as 'large', anchor: '2026-03-31' }))
for (const stmt of statements.filter(x => !isEarly(x))) t(stmt.slice(0, 60).replace(/\s+/g, ' '), () => db.exec(stmt))
t('analyze', () => analyze(db))
const total = performance.now() - T0
console.log('total', (total / 1000).toFixed(2), 's; file', (statSync(file).size / 2 ** 20).toFixed(0), 'MiB')
db.close()
