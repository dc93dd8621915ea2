/** Sequential per-endpoint timing and a CPU profile of the mix, in one process (a development aid). */
import { Session } from 'node:inspector/promises'
import { writeFileSync } from 'node:fs'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/open.js'
import { buildMix } from './mix.js'
import { credentials, HISTORY_DAYS, type BenchScenario } from './prepare.js'
import { ANCHOR, tenants } from '../test/process-helper.js'

const scenario = (process.env.BENCH_SCENARIO ?? 'large') as BenchScenario
const dbFile = process.env.BENCH_DB ?? `data/bench-${scenario}.db`
const n = Number(process.env.PROFILE_REQUESTS ?? 200)
const only = process.env.BENCH_ONLY
const config = loadConfig({ ...process.env, SANDBOX_DB: dbFile, SANDBOX_SCENARIO: scenario, SANDBOX_ANCHOR: ANCHOR, SANDBOX_SEED: '42', LOG_LEVEL: 'silent', PORT: '0' })
const opened = openDatabase(dbFile, config)
const app = await buildApp(config, { db: opened.db })
const url = await app.listen({ port: 0, host: '127.0.0.1' })
const ten = await tenants(url)
const creds = await credentials(url, ten, HISTORY_DAYS[scenario], 500)
const mix = buildMix(creds, { anchor: ANCHOR, historyDays: HISTORY_DAYS[scenario], seed: 1 }).filter(e => only === undefined || e.name.includes(only))
const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.start')
for (const e of mix) {
  let bytes = 0
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  for (let i = 0; i < n; i++) {
    const s = e.next()
    const res = await app.inject({ method: s.method, url: s.path, headers: s.headers, payload: s.body })
    if (res.statusCode !== 200) throw new Error(`${e.name}: ${res.statusCode} ${res.body.slice(0, 200)}`)
    bytes += res.rawPayload.length
  }
  const ms = (performance.now() - t0) / n
  const c = process.cpuUsage(c0)
  // CPU time moves less than wall time when other processes share the cores
  const cpu = (c.user + c.system) / 1000 / n
  console.log(`${e.name.padEnd(40)} ${ms.toFixed(2).padStart(8)} ms/req  ${cpu.toFixed(2).padStart(8)} CPU ms/req  ${Math.round(bytes / n)} B`)
}
const { profile } = await session.post('Profiler.stop')
writeFileSync(process.env.PROFILE_OUT ?? '/tmp/prof/mix.cpuprofile', JSON.stringify(profile))
await app.close()
