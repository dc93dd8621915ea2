/** Soak: mixed traffic across the three vendors against the real server (default scenario); fails on any error or on RSS growth over 10 %. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { ANCHOR, ROOT, evaSessions, rssBytes, startServer, tempDir, tenants, within, type EvaSession, type ServerProcess } from '../test/process-helper.js'
import { SCENARIOS } from '../seeds/index.js'
import { uniformStream } from '../seeds/prng.js'

function envInt (name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  return Number(raw)
}

const SECONDS = envInt('SOAK_SECONDS', 60, 1)
const WARMUP_SECONDS = envInt('SOAK_WARMUP_SECONDS', 10, 1)
const CONNECTIONS = envInt('SOAK_CONNECTIONS', 20, 1)
const SEED = envInt('SOAK_SEED', 1, 0)
const MAX_GROWTH = 1.10
const SCENARIO = 'default'
/** days of history in the default scenario, ending on the anchor */
const HISTORY_DAYS = SCENARIOS[SCENARIO].days
const RESULTS = join(ROOT, 'bench', 'results', 'soak.json')
const MiB = 1024 * 1024

const random = uniformStream(SEED)
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1))

const anchorMs = Date.parse(`${ANCHOR}T00:00:00Z`)
/** The UTC day `back` days before the anchor, YYYY-MM-DD. */
const day = (back: number): string => new Date(anchorMs - back * 86_400_000).toISOString().slice(0, 10)
/** A window of `span` days (1 = one day) somewhere in the history. */
function window (maxSpan: number): [string, string] {
  const span = between(1, maxSpan)
  const end = between(0, HISTORY_DAYS - span)
  return [day(end + span - 1), day(end)]
}

interface KindStats { ok: number, failed: number }

/** Per request kind: answers counted by onResponse, and the first failures kept for diagnosis. */
const stats = new Map<string, KindStats>()
const failures: Array<{ kind: string, status: number, body: string }> = []

function counted (kind: string, request: autocannon.Request): autocannon.Request {
  stats.set(kind, { ok: 0, failed: 0 })
  return {
    ...request,
    onResponse: (status: number, body: string) => {
      const s = stats.get(kind) as KindStats
      if (status >= 200 && status <= 299) {
        s.ok++
      } else {
        s.failed++
        if (failures.length < 10) failures.push({ kind, status, body: body.slice(0, 300) })
      }
    }
  }
}

interface Credentials {
  eva: EvaSession[]
  kore: Array<{ botId: string, jwt: string }>
  chatbotcom: string[]
}

/** The mix: one of each kind per cycle of every connection, parameters drawn from the seeded PRNG. */
function mix (c: Credentials): autocannon.Request[] {
  const json = { 'content-type': 'application/json' }
  return [
    counted('eva dashboard/conversations', {
      method: 'GET',
      setupRequest: req => {
        const s = pick(c.eva)
        const [from, to] = window(31)
        const hours = random() < 0.25 ? `&startHour=${between(0, 11)}&endHour=${between(12, 23)}` : '&startHour=0&endHour=23'
        const tz = pick(['UTC', 'America/Sao_Paulo', 'Europe/Madrid', '+05:30'])
        return { ...req, path: `${s.base}/dashboard/conversations?startDate=${from}&endDate=${to}${hours}&timezone=${encodeURIComponent(tz)}`, headers: s.headers }
      }
    }),
    counted('eva messages/list', {
      method: 'GET',
      setupRequest: req => {
        const s = pick(c.eva)
        const [from, to] = window(7)
        const filter = pick(['', '&nlpResponseFilters=FOUND', '&nlpResponseFilters=NONE'])
        return { ...req, path: `${s.base}/messages/list?startDate=${from}&endDate=${to}&startHour=0&endHour=23&page=${between(1, 5)}&size=20${filter}`, headers: s.headers }
      }
    }),
    counted('kore getSessions', {
      method: 'POST',
      setupRequest: req => {
        const k = pick(c.kore)
        const [dateFrom, dateTo] = window(7)
        const query = random() < 0.3 ? '?containmentType=selfService' : ''
        return { ...req, path: `/api/public/bot/${k.botId}/getSessions${query}`, headers: { ...json, auth: k.jwt }, body: JSON.stringify({ dateFrom, dateTo, limit: pick([10, 50, 100]) }) }
      }
    }),
    counted('kore userEngagementTrend', {
      method: 'POST',
      setupRequest: req => {
        const k = pick(c.kore)
        const [from, to] = window(30)
        const tz = pick(['UTC', 'America/New_York', 'Asia/Kolkata'])
        const agg = pick(['daily', 'daily', 'hourly'])
        const [start, end] = agg === 'hourly' ? [to, to] : [from, to]
        return { ...req, path: `/api/public/bot/${k.botId}/v2/userEngagementTrend?aggregation_type=${agg}&start_date=${start}&end_date=${end}&timeZoneOffset=${encodeURIComponent(tz)}`, headers: { auth: k.jwt } }
      }
    }),
    counted('chatbotcom conversations', {
      method: 'GET',
      setupRequest: req => {
        const [from, to] = window(60)
        const extra = pick(['', '&group=source', '&dimension=hour', '&dimension=day'])
        return { ...req, path: `/reports/conversations?from=${from}&to=${to}${extra}`, headers: { authorization: `Bearer ${pick(c.chatbotcom)}` } }
      }
    }),
    counted('chatbotcom heatmap', {
      method: 'GET',
      setupRequest: req => {
        const [from, to] = window(90)
        return { ...req, path: `/reports/conversations.heatmap?from=${from}&to=${to}&offset=${between(-12, 12) * 60}`, headers: { authorization: `Bearer ${pick(c.chatbotcom)}` } }
      }
    })
  ]
}

async function cannon (url: string, seconds: number, requests: autocannon.Request[]): Promise<autocannon.Result> {
  return await autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 10, requests })
}

const mib = (bytes: number): number => Math.round(bytes / MiB * 10) / 10
const errorsOf = (r: autocannon.Result): number => r.errors + r.non2xx

async function main (): Promise<number> {
  const tmp = process.env.SOAK_DB === undefined ? tempDir('cas-soak-') : null
  const db = process.env.SOAK_DB ?? join(tmp?.dir ?? '.', 'sandbox.db')
  let server: ServerProcess | null = null
  const stop = (): void => {
    server?.kill('SIGKILL')
    tmp?.remove()
    process.exit(130)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  let sampler: NodeJS.Timeout | undefined
  let relogin: NodeJS.Timeout | undefined
  try {
    const t0 = Date.now()
    server = await startServer({ db, scenario: SCENARIO, timeoutMs: 300_000 })
    const { pid, url } = server
    console.log(`soak: server pid ${pid} on ${url} (scenario ${SCENARIO}, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`)
    const ten = await tenants(url)
    const creds: Credentials = {
      eva: await evaSessions(url, ten),
      kore: ten.kore.bots.map(b => {
        const app = ten.kore.apps.find(a => a.kind === 'builder' && a.botIds.includes(b.botId) && a.scopes.includes('Bot Sessions') && a.scopes.includes('User Engagement Trend'))
        if (app === undefined) throw new Error(`no Kore builder app for ${b.botId}`)
        return { botId: b.botId, jwt: app.sampleJwt }
      }),
      chatbotcom: ten.chatbotcom.accounts.map(a => a.developerToken)
    }
    // eva access tokens live 300 s: log in again every 2 minutes, so any SOAK_SECONDS works
    relogin = setInterval(() => {
      evaSessions(url, ten).then(fresh => {
        fresh.forEach((f, i) => { creds.eva[i].headers = f.headers })
      }, (err: unknown) => { console.error('soak: eva re-login failed', err) })
    }, 120_000)
    const requests = mix(creds)

    const samples: Array<{ s: number, rssMiB: number }> = []
    const started = Date.now()
    sampler = setInterval(() => {
      const rss = rssBytes(pid)
      if (rss !== null) samples.push({ s: Math.round((Date.now() - started) / 1000), rssMiB: mib(rss) })
    }, 1000)
    const rssStart = rssBytes(pid) ?? 0

    console.log(`soak: warm-up ${WARMUP_SECONDS} s, ${CONNECTIONS} connections`)
    const warm = await cannon(url, WARMUP_SECONDS, requests)
    const rssWarm = rssBytes(pid) ?? 0
    console.log(`soak: warm-up ${Math.round(warm.requests.average)} req/s, ${errorsOf(warm)} errors, RSS ${mib(rssWarm)} MiB; main run ${SECONDS} s`)
    const run = await cannon(url, SECONDS, requests)
    const rssEnd = rssBytes(pid) ?? 0
    clearInterval(sampler)
    clearInterval(relogin)

    server.kill('SIGTERM')
    const exit = await within(server.exited, 15_000, 'server exit after SIGTERM').catch(() => null)
    server.kill('SIGKILL')

    const ratio = rssWarm === 0 ? Infinity : rssEnd / rssWarm
    const errors = errorsOf(warm) + errorsOf(run)
    const pass = errors === 0 && ratio <= MAX_GROWTH
    const during = samples.filter(x => x.s >= WARMUP_SECONDS)
    const report = {
      command: `SOAK_SECONDS=${SECONDS} npm run soak`,
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', node: process.version },
      scenario: SCENARIO,
      anchor: ANCHOR,
      seed: SEED,
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      seconds: SECONDS,
      requests: {
        total: run.requests.total,
        perSecond: Math.round(run.requests.average),
        perSecondMin: run.requests.min,
        perSecondMax: run.requests.max,
        byKind: Object.fromEntries(stats)
      },
      latencyMs: { p50: run.latency.p50, p90: run.latency.p90, p99: run.latency.p99, mean: run.latency.average, max: run.latency.max },
      errors: {
        total: errors,
        warmup: { socket: warm.errors, timeouts: warm.timeouts, non2xx: warm.non2xx },
        run: { socket: run.errors, timeouts: run.timeouts, non2xx: run.non2xx },
        statusCodes: run.statusCodeStats ?? {},
        firstFailures: failures
      },
      rss: {
        startMiB: mib(rssStart),
        afterWarmupMiB: mib(rssWarm),
        endMiB: mib(rssEnd),
        ratio: Math.round(ratio * 1000) / 1000,
        limit: MAX_GROWTH,
        minDuringRunMiB: during.length === 0 ? null : Math.min(...during.map(x => x.rssMiB)),
        maxDuringRunMiB: during.length === 0 ? null : Math.max(...during.map(x => x.rssMiB)),
        samples
      },
      serverExit: exit,
      pass
    }
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true })
    writeFileSync(RESULTS, JSON.stringify(report, null, 2) + '\n')

    console.log(`soak: ${run.requests.total} requests in ${SECONDS} s = ${report.requests.perSecond} req/s; latency p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms`)
    console.log(`soak: errors ${errors} (socket ${warm.errors + run.errors}, timeouts ${warm.timeouts + run.timeouts}, non-2xx ${warm.non2xx + run.non2xx})`)
    for (const [kind, s] of stats) console.log(`soak:   ${kind}: ${s.ok} ok, ${s.failed} failed`)
    for (const f of failures) console.log(`soak:   failure ${f.kind}: ${f.status} ${f.body}`)
    console.log(`soak: RSS ${mib(rssStart)} MiB at start, ${mib(rssWarm)} MiB after warm-up, ${mib(rssEnd)} MiB at the end: ratio ${report.rss.ratio} (limit ${MAX_GROWTH})`)
    console.log(`soak: server exit after SIGTERM: ${JSON.stringify(exit)}`)
    console.log(`soak: ${pass ? 'PASS' : 'FAIL'}; results in ${RESULTS}`)
    return pass ? 0 : 1
  } finally {
    clearInterval(sampler)
    clearInterval(relogin)
    server?.kill('SIGKILL')
    tmp?.remove()
  }
}

main().then(code => process.exit(code), (err: unknown) => {
  console.error(err)
  process.exit(1)
})
