/**
 * The traffic generated on a worker thread (default and large) is row for row the traffic generated
 * inline (small, the tests), and the rollups written with it are byte for byte a rebuild from SQL.
 */
import { createHash } from 'node:crypto'
import t from 'tap'
import Database from 'better-sqlite3'
import { seedDatabase } from '../seeds/index.js'
import { createRollupWriter } from '../src/db/rollups.js'
import { INDEXES_SQL, TABLES_SQL } from '../src/db/schema.js'

const TABLES = ['users', 'sessions', 'session_flows', 'messages', 'message_entities', 'texts', 'rollup_quarters', 'rollup_activity']

function digest (db: Database.Database, tables: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const table of tables) {
    const h = createHash('sha256')
    // rollup_quarters needs its third key column for a total order; texts has two columns
    const order = db.prepare(`SELECT * FROM ${table}`).columns().length > 2 ? '1, 2, 3' : '1, 2'
    // BLOBs as hex: JSON.stringify of a Buffer would do too, but slowly
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).raw(true).iterate() as Iterable<unknown[]>) {
      h.update(JSON.stringify(row.map(v => Buffer.isBuffer(v) ? v.toString('hex') : v)))
    }
    out[table] = h.digest('hex')
  }
  return out
}

function seeded (workerThread: boolean): Database.Database {
  const db = new Database(':memory:')
  db.exec(TABLES_SQL)
  seedDatabase(db, { seed: 7, scenario: 'small', anchor: '2026-03-31', workerThread })
  return db
}

t.test('worker-thread and inline generation write the same rows, rollups included', async t => {
  const threaded = seeded(true)
  const inline = seeded(false)
  t.same(digest(threaded, TABLES), digest(inline, TABLES))
  t.ok((threaded.prepare('SELECT COUNT(*) AS n FROM rollup_activity').get() as { n: number }).n > 0, 'the rollups are written')
  threaded.close()
  inline.close()
})

t.test('the rollups written while seeding are those a rebuild from SQL writes', async t => {
  for (const workerThread of [true, false]) {
    const db = seeded(workerThread)
    db.exec(INDEXES_SQL)
    const written = digest(db, ['rollup_quarters', 'rollup_activity'])
    createRollupWriter(db).rebuildAll()
    t.same(digest(db, ['rollup_quarters', 'rollup_activity']), written, `byte-equal (${workerThread ? 'worker thread' : 'inline'})`)
    db.close()
  }
})
