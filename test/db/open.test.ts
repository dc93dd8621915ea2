/** A database file is reused when built from the same inputs and rebuilt otherwise. */
import { mkdtempSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { openDatabase } from '../../src/db/open.js'
import { ANCHOR } from '../helper.js'

t.test('reuse on the same seed, scenario and anchor; rebuild on any change', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'cas-open-'))
  const file = join(dir, 'nested', 'sandbox.db')
  const spec = { seed: 42, scenario: 'small' as const, anchor: ANCHOR }
  const first = openDatabase(file, spec)
  t.not(first.stats, null, 'seeded')
  const sessions = (first.db.prepare('SELECT COUNT(*) AS c FROM sessions').get() as { c: number }).c
  first.db.close()
  const again = openDatabase(file, spec)
  t.equal(again.stats, null, 'reused')
  t.equal((again.db.prepare('SELECT COUNT(*) AS c FROM sessions').get() as { c: number }).c, sessions)
  t.equal(again.db.pragma('journal_mode', { simple: true }), 'wal')
  again.db.close()
  const other = openDatabase(file, { ...spec, seed: 7 })
  t.not(other.stats, null, 'another seed rebuilds')
  t.equal((other.db.prepare("SELECT value FROM meta WHERE key = 'seed'").get() as { value: string }).value, '7')
  other.db.close()
  const empty = openDatabase(file, { ...spec, scenario: 'empty' })
  t.equal(empty.stats?.sessions, 0)
  empty.db.close()
  t.notOk(existsSync(`${file}.building-${process.pid}`), 'no half-built file left behind')
})
