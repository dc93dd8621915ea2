/** The traffic generated on a worker thread (default and large) is row for row the traffic generated inline (small, the tests). */
import { createHash } from 'node:crypto'
import t from 'tap'
import Database from 'better-sqlite3'
import { seedDatabase } from '../seeds/index.js'
import { TABLES_SQL } from '../src/db/schema.js'

function digest (workerThread: boolean): Record<string, string> {
  const db = new Database(':memory:')
  db.exec(TABLES_SQL)
  seedDatabase(db, { seed: 7, scenario: 'small', anchor: '2026-03-31', workerThread })
  const out: Record<string, string> = {}
  for (const table of ['users', 'sessions', 'session_flows', 'messages', 'message_entities', 'texts']) {
    const h = createHash('sha256')
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw(true).iterate()) h.update(JSON.stringify(row))
    out[table] = h.digest('hex')
  }
  db.close()
  return out
}

t.test('worker-thread and inline generation write the same rows', async t => {
  t.same(digest(true), digest(false))
})
