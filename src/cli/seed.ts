/** `seed` (and `npm run seed`): builds a database file, or reuses a matching one, and reports its statistics. */
import { rmSync, statSync } from 'node:fs'
import type { Config } from '../config.js'
import { openDatabase } from '../db/open.js'
import { progressPrinter } from '../progress.js'
import { BIN, parse, type Command } from './command.js'
import { configFromFlags, configHelp, configOptions } from './config-flags.js'

const FLAGS = ['db', 'seed', 'scenario', 'anchor']

/** The statistics `npm run seed` prints as JSON (bench/prepare.ts parses them). */
export interface SeedReport {
  db: string
  seed: number
  scenario: string
  anchor: string
  /** the file was built from the same inputs already, and kept */
  reused: boolean
  seconds: number
  bots: number
  users: number
  sessions: number
  messages: number
  /** null for :memory: */
  bytes: number | null
}

/**
 * Opens or builds `config.db` as the server would (src/db/open.ts), showing progress on
 * `progressOut`. `force` deletes the file first, so it is rebuilt even when it matches.
 */
export function seedFile (config: Readonly<Config>, progressOut: NodeJS.WritableStream, force = false): SeedReport {
  if (force && config.db !== ':memory:') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(config.db + suffix, { force: true })
  }
  const progress = progressPrinter(progressOut)
  const opened = openDatabase(config.db, config, progress)
  progress.end()
  try {
    const count = (table: string): number => (opened.db.prepare(`SELECT COUNT(*) AS c FROM ${table}`).get() as { c: number }).c
    return {
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
  } finally {
    opened.db.close()
  }
}

const HELP = `Usage: ${BIN} seed [flags]

Builds the database file the server would open, and prints its statistics: sessions, messages,
file size and seconds. A file built from the same seed, scenario, anchor and schema version is
reused (--force rebuilds it); any other file at that path is replaced. Progress goes to stderr:
a bar on a terminal, a line per step otherwise. \`large\` takes about 40 s (1M+ sessions, 1.2 GiB).

Flags:
${configHelp(FLAGS)}
  --force         rebuild even when the file matches
  --json          the statistics as JSON (what \`npm run seed\` prints)
  -h, --help      this text

Examples:
  ${BIN} seed --scenario large --db data/large.db
  ${BIN} seed --seed 7 --anchor 2026-03-31 --db /tmp/s7.db --force --json
`

function mib (bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

export function formatReport (r: SeedReport): string {
  const n = (v: number): string => v.toLocaleString('en-US')
  const what = r.reused
    ? `reused ${r.db} (already built from the same inputs; --force rebuilds it)`
    : `seeded ${r.db}`
  return [
    what,
    `  scenario   ${r.scenario}, seed ${r.seed}, anchor ${r.anchor}`,
    `  sessions   ${n(r.sessions)}`,
    `  messages   ${n(r.messages)}`,
    `  users      ${n(r.users)} on ${n(r.bots)} bots`,
    `  file size  ${r.bytes === null ? 'in memory' : mib(r.bytes)}`,
    `  seconds    ${r.seconds.toFixed(1)}${r.reused ? ' (opening the existing file)' : ''}`
  ].join('\n') + '\n'
}

export const seed: Command = async (argv, io) => {
  const parsed = parse('seed', argv, { ...configOptions(FLAGS), force: { type: 'boolean' }, json: { type: 'boolean' } }, HELP, io)
  if (parsed === null) return 0
  const config = configFromFlags(parsed.values, io.env, 'seed')
  const report = seedFile(config, io.progress ?? io.stderr, parsed.values.force === true)
  io.stdout.write(parsed.values.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report))
  return 0
}
