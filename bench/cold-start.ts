/**
 * Cold start of the compiled server (a development aid): spawns `node dist/src/server.js`
 * on an existing database and times spawn → first 200 of GET /__sandbox/health.
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
import Database from 'better-sqlite3'

const DB = process.env.BENCH_DB ?? 'data/bench-large.db'
const SCENARIO = process.env.BENCH_SCENARIO ?? 'large'
const runs = Number(process.argv[2] ?? 5)
const env = { ...process.env, SANDBOX_DB: DB, SANDBOX_SCENARIO: SCENARIO, SANDBOX_ANCHOR: '2026-03-31', SANDBOX_SEED: '42', PORT: '0', LOG_LEVEL: 'silent' }

async function assertReusable (): Promise<void> {
  if (!existsSync(DB)) throw new Error(`${DB} does not exist: build it first (bench/prepare.ts)`)
  const { SCHEMA_VERSION } = await import('../src/db/schema.js')
  const db = new Database(DB, { readonly: true, fileMustExist: true })
  const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string, value: string }>).map(r => [r.key, r.value]))
  db.close()
  const want: Record<string, string> = { complete: '1', schema_version: String(SCHEMA_VERSION), seed: '42', scenario: SCENARIO, anchor: '2026-03-31' }
  for (const [k, v] of Object.entries(want)) {
    if (meta.get(k) !== v) throw new Error(`${DB}: meta ${k} is ${meta.get(k)}, the server wants ${v}: it would reseed; not starting it`)
  }
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
  const child = spawn(process.execPath, ['dist/src/server.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  try {
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const first = out.split('\n')[0]
        if (out.includes('\n') && !first.includes(': reused ')) {
          reject(new Error(`server did not reuse the database: ${first}`))
        }
        const m = /listening on (http:\/\/\S+)/.exec(out)
        if (m !== null) resolve(m[1])
      })
      child.on('exit', code => reject(new Error(`server exited ${code}: ${out}`)))
    })
    const listening = performance.now() - t0
    while (await health(base) !== 200) await new Promise(resolve => setTimeout(resolve, 5))
    return { total: performance.now() - t0, listening }
  } finally {
    child.kill('SIGKILL')
    await new Promise(resolve => child.once('close', resolve))
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
  await assertReusable()
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
