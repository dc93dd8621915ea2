/** `npm run seed [-- --scenario large --seed 42 --anchor 2026-11-21 --db data/large.db]`: builds a database file and prints its statistics. */
import { statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadConfig } from './config.js'
import { openDatabase } from './db/open.js'
import { progressPrinter } from './progress.js'

const { values } = parseArgs({
  options: {
    scenario: { type: 'string' },
    seed: { type: 'string' },
    anchor: { type: 'string' },
    db: { type: 'string' }
  }
})
const config = loadConfig({
  ...process.env,
  ...(values.scenario !== undefined && { SANDBOX_SCENARIO: values.scenario }),
  ...(values.seed !== undefined && { SANDBOX_SEED: values.seed }),
  ...(values.anchor !== undefined && { SANDBOX_ANCHOR: values.anchor }),
  ...(values.db !== undefined && { SANDBOX_DB: values.db })
})
const opened = openDatabase(config.db, config, progressPrinter(process.stdout))
const count = (table: string): number => (opened.db.prepare(`SELECT COUNT(*) AS c FROM ${table}`).get() as { c: number }).c
const stats = {
  db: config.db,
  seed: config.seed,
  scenario: config.scenario,
  anchor: config.anchor,
  reused: opened.stats === null,
  seconds: Math.round(opened.ms) / 1000,
  bots: count('bots'),
  users: count('users'),
  sessions: count('sessions'),
  messages: count('messages'),
  bytes: config.db === ':memory:' ? null : statSync(config.db).size
}
opened.db.close()
console.log(JSON.stringify(stats, null, 2))
