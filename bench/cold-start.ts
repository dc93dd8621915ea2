/**
 * Cold start of the compiled server (a development aid): spawns what `npm start` runs
 * (test/process-helper.ts startServer) on an existing database and times spawn → first 200
 * of GET /__sandbox/health.
 *
 *   npm run build && node --import tsx bench/cold-start.ts [runs]
 *
 * Refuses to start the server unless the database's fingerprint matches, so it can never
 * reseed (and replace) the file; the server's first stdout line must say "reused".
 * With COLD_PHASES=1 it also splits the time in-process (imports, buildApp, ready, listen).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { request } from 'node:http'
import { resolve as resolvePath } from 'node:path'
import Database from 'better-sqlite3'
import type { Scenario } from '../src/config.js'
import { matches } from '../src/db/open.js'
import { ANCHOR, startServer } from '../test/process-helper.js'

// absolute: the server runs in the repository's root, whatever this process's directory
const DB = resolvePath(process.env.BENCH_DB ?? 'data/bench-large.db')
const SCENARIO = (process.env.BENCH_SCENARIO ?? 'large') as Scenario
const runs = Number(process.argv[2] ?? 5)
const env = { ...process.env, SANDBOX_DB: DB, SANDBOX_SCENARIO: SCENARIO, SANDBOX_ANCHOR: ANCHOR, SANDBOX_SEED: '42', PORT: '0', LOG_LEVEL: 'silent' }

function assertReusable (): void {
  if (!existsSync(DB)) throw new Error(`${DB} does not exist: build it first (bench/prepare.ts)`)
  const db = new Database(DB, { readonly: true, fileMustExist: true })
  const reusable = matches(db, { seed: 42, scenario: SCENARIO, anchor: ANCHOR })
  db.close()
  if (!reusable) throw new Error(`${DB} was not built completely from seed 42, scenario ${SCENARIO}, anchor ${ANCHOR} under this schema version: the server would reseed it; not starting it`)
}

function health (base: string): Promise<number> {
  return new Promise(resolve => {
    const req = request(`${base}/__sandbox/health`, res => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)) })
    req.on('error', () => resolve(0))
    req.end()
  })
}

/** ms from spawn to the first 200 of /__sandbox/health, and when stdout named the address. */
async function once (): Promise<{ total: number, listening: number }> {
  const t0 = performance.now()
  const server = await startServer({ db: DB, scenario: SCENARIO, compiled: true, env: { SANDBOX_SEED: '42' } })
  try {
    const listening = performance.now() - t0
    const first = server.stdout().split('\n')[0]
    if (!first.includes(': reused ')) throw new Error(`server did not reuse the database: ${first}`)
    while (await health(server.url) !== 200) await new Promise(resolve => setTimeout(resolve, 5))
    return { total: performance.now() - t0, listening }
  } finally {
    server.kill('SIGKILL')
    await server.exited
  }
}

/** The phases in a fresh process, from the compiled modules `npm start` runs. */
const PHASES_SCRIPT = `
const t0 = performance.now()
const { buildApp } = await import('./dist/src/app.js')
const { loadConfig } = await import('./dist/src/config.js')
const { openDatabase } = await import('./dist/src/db/open.js')
const { SchemaCompilation } = await import('./dist/src/schema-compilation.js')
const t1 = performance.now()
const config = loadConfig(process.env)
const opened = openDatabase(config.db, config)
if (opened.stats !== null) throw new Error('reseeded')
const t2 = performance.now()
// as src/server.ts does: schemas compile on first use, then in the background
const schemas = new SchemaCompilation()
const app = await buildApp(config, { db: opened.db, schemaCompilation: schemas })
const t3 = performance.now()
await app.ready()
const t4 = performance.now()
await app.listen({ port: 0, host: '127.0.0.1' })
const t5 = performance.now()
const res = await app.inject('/__sandbox/health')
const t6 = performance.now()
await schemas.warm()
const t7 = performance.now()
const f = x => Math.round(x)
console.log('phases: process start→script ' + f(t0) + ' ms, imports ' + f(t1 - t0) + ', open db ' + f(t2 - t1) + ', buildApp ' + f(t3 - t2) +
  ', ready ' + f(t4 - t3) + ', listen ' + f(t5 - t4) + ', first health ' + f(t6 - t5) + ' (' + res.statusCode + '); then background compilation ' + f(t7 - t6))
await app.close()
`

{
  assertReusable()
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const totals: number[] = []
  const listens: number[] = []
  for (let i = 0; i < runs; i++) {
    const r = await once()
    totals.push(r.total)
    listens.push(r.listening)
    console.log(`run ${i + 1}: first 200 after ${r.total.toFixed(0)} ms (address printed after ${r.listening.toFixed(0)} ms)`)
  }
  console.log(`median: first 200 after ${median(totals).toFixed(0)} ms, address after ${median(listens).toFixed(0)} ms`)
  if (process.env.COLD_PHASES === '1') {
    for (let i = 0; i < runs; i++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', PHASES_SCRIPT], { env, stdio: ['ignore', 'inherit', 'inherit'] })
      await new Promise(resolve => child.once('close', resolve))
    }
  }
}
