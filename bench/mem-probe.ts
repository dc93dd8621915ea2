/** Memory split of the server under the mix (a development aid): RSS, V8 heap, external, SQLite. */
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/open.js'
import { buildMix } from './mix.js'
import { credentials, HISTORY_DAYS, type BenchScenario } from './prepare.js'
import { ANCHOR, tenants } from '../test/process-helper.js'

const scenario = (process.env.BENCH_SCENARIO ?? 'default') as BenchScenario
const dbFile = process.env.BENCH_DB ?? `data/bench-${scenario}.db`
const MiB = (n: number) => Math.round(n / 1048576)
const show = (label: string) => {
  const m = process.memoryUsage()
  console.log(`${label.padEnd(34)} rss ${MiB(m.rss)}  heapTotal ${MiB(m.heapTotal)}  heapUsed ${MiB(m.heapUsed)}  external ${MiB(m.external)}  arrayBuffers ${MiB(m.arrayBuffers)}`)
}
show('start')
const config = loadConfig({ ...process.env, SANDBOX_DB: dbFile, SANDBOX_SCENARIO: scenario, SANDBOX_ANCHOR: ANCHOR, SANDBOX_SEED: '42', LOG_LEVEL: 'silent', PORT: '0' })
const opened = openDatabase(dbFile, config)
show('db open')
const app = await buildApp(config, { db: opened.db })
const url = await app.listen({ port: 0, host: '127.0.0.1' })
show('listening')
const creds = await credentials(url, await tenants(url), HISTORY_DAYS[scenario], 500)
const mix = buildMix(creds, { anchor: ANCHOR, historyDays: HISTORY_DAYS[scenario], seed: 1 })
for (const e of mix) {
  const shots = Array.from({ length: Number(process.env.N ?? 300) }, () => e.next())
  // 50 in flight, as the benchmark's connections
  for (let i = 0; i < shots.length; i += 50) {
    await Promise.all(shots.slice(i, i + 50).map(async s => fetch(url + s.path, { method: s.method, headers: s.headers, body: s.body }).then(r => r.arrayBuffer())))
  }
  show(e.name)
}
console.log(opened.db.pragma('cache_size'), 'sqlite cache pages used?')
await app.close()
