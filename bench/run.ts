/** `npm run bench`: seeds or reuses a scenario, starts the real server, drives each endpoint of the fixed mix with varied parameters against the fixed-body ceiling, prints a table and writes bench/results/bench-<scenario>.json. */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { isAbsolute, join } from 'node:path'
import autocannon from 'autocannon'
import { ANCHOR, ROOT, within, type ServerProcess } from '../test/process-helper.js'
import { buildMix, ceilingEndpoint, type Endpoint, type Shot } from './mix.js'
import { HISTORY_DAYS, buildServer, coldStart, cpuBetween, cpuSnapshot, credentials, memory, previousSeed, refreshEva, seed, type BenchScenario, type ColdStart, type SeedRecord } from './prepare.js'

function envInt (name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  return Number(raw)
}

function envScenario (): BenchScenario {
  const raw = process.env.BENCH_SCENARIO ?? 'large'
  if (raw !== 'small' && raw !== 'default' && raw !== 'large') throw new Error(`BENCH_SCENARIO must be small, default or large, got "${raw}"`)
  return raw
}

const SCENARIO = envScenario()
const SECONDS = envInt('BENCH_SECONDS', 10, 1)
const WARMUP_SECONDS = envInt('BENCH_WARMUP_SECONDS', 2, 0)
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 50, 1)
const SEED = envInt('BENCH_SEED', 1, 0)
/** a request slower than this is an autocannon timeout (counted, not a failure: slowness never fails the run) */
const TIMEOUT_SECONDS = envInt('BENCH_TIMEOUT_SECONDS', 30, 1)
/** real Kore session ids gathered per bot for the getMessagesV2 batches */
const POOL = envInt('BENCH_SESSION_POOL', 2000, 10)
/** sequential requests per endpoint before the runs: a check that they answer 200, and the body sizes for the ceiling */
const PROBES = 20
/** seconds of a ceiling run at each endpoint's own mean body size (0 = skip): separates bytes on the wire from data work */
const SIZED_SECONDS = envInt('BENCH_SIZED_CEILING_SECONDS', 3, 0)
const DB = (() => {
  const raw = process.env.BENCH_DB ?? join('data', `bench-${SCENARIO}.db`)
  return isAbsolute(raw) ? raw : join(ROOT, raw)
})()
/** BENCH_ONLY=<part of a name> runs only the matching endpoints (and the ceilings), written apart so the full results stay */
const ONLY = process.env.BENCH_ONLY === undefined || process.env.BENCH_ONLY === '' ? null : process.env.BENCH_ONLY
const FULL_RESULTS = join(ROOT, 'bench', 'results', `bench-${SCENARIO}.json`)
const RESULTS = ONLY === null ? FULL_RESULTS : join(ROOT, 'bench', 'results', `bench-${SCENARIO}-only.json`)
/** The issue's targets (issue 6, acceptance 1–3). */
const TARGETS = { p99Ms: 20, rps: 5000, heavyCeilingRatio: 0.5, seedSeconds: 30, coldStartMs: 1000, rssMiB: SCENARIO === 'large' ? 512 : 256 }
const MiB = 1024 * 1024

const log = (line: string): void => { console.log(`bench: ${line}`) }
const mib = (bytes: number): number => Math.round(bytes / MiB * 10) / 10
const r1 = (x: number): number => Math.round(x * 10) / 10

interface Failure { status: number, body: string }

/** One endpoint's figures from one autocannon run. */
interface Measured {
  name: string
  heavy: boolean
  about: string
  seconds: number
  requests: number
  rps: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
  ok: number
  non2xx: number
  socketErrors: number
  timeouts: number
  meanBodyBytes: number
  statusCodes: Record<string, number>
  firstFailures: Failure[]
  /** how long the server kept serving abandoned requests after the run ended */
  drainMs: number
  /** cores busy during the run: the server, the load generator (autocannon, this process) and every other process */
  cpu: { server: number, loadGenerator: number, others: number, steal: number } | null
}

/** Runs autocannon on one endpoint; every request comes from `endpoint.next()`. */
async function drive (url: string, endpoint: Endpoint, seconds: number, serverPid?: number): Promise<Measured> {
  const before = serverPid === undefined ? null : cpuSnapshot(serverPid)
  let ok = 0
  let bodyBytes = 0
  let answered = 0
  const failures: Failure[] = []
  const request: autocannon.Request = {
    method: 'GET',
    setupRequest: (req: autocannon.Request): autocannon.Request => {
      const shot: Shot = endpoint.next()
      return { ...req, method: shot.method, path: shot.path, headers: shot.headers ?? {}, body: shot.body }
    },
    onResponse: (status: number, body: string) => {
      answered++
      bodyBytes += Buffer.byteLength(body)
      if (status >= 200 && status <= 299) ok++
      else if (failures.length < 5) failures.push({ status, body: body.slice(0, 300) })
    }
  }
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: TIMEOUT_SECONDS, requests: [request] })
  const cpu = before === null || serverPid === undefined ? null : cpuBetween(before, cpuSnapshot(serverPid))
  const statusCodes: Record<string, number> = {}
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = s.count ?? 0
  return {
    name: endpoint.name,
    heavy: endpoint.heavy,
    about: endpoint.about,
    seconds: r.duration,
    requests: r.requests.total,
    rps: Math.round(r.requests.total / r.duration),
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    meanMs: r1(r.latency.average),
    ok,
    non2xx: r.non2xx,
    // autocannon counts timeouts among its errors; they are slowness, reported apart
    socketErrors: r.errors - r.timeouts,
    timeouts: r.timeouts,
    meanBodyBytes: answered === 0 ? 0 : Math.round(bodyBytes / answered),
    statusCodes,
    firstFailures: failures,
    drainMs: 0,
    cpu
  }
}

interface Probe { name: string, ok: number, failed: number, meanBodyBytes: number, meanMs: number, firstFailure: Failure | null }

/** A few sequential requests per endpoint: do they answer 200, how big are the bodies. */
async function probe (url: string, endpoint: Endpoint): Promise<Probe> {
  let ok = 0
  let bytes = 0
  let ms = 0
  let firstFailure: Failure | null = null
  for (let i = 0; i < PROBES; i++) {
    const shot = endpoint.next()
    const t = performance.now()
    const res = await fetch(url + shot.path, { method: shot.method, headers: shot.headers, body: shot.body })
    const body = Buffer.from(await res.arrayBuffer())
    ms += performance.now() - t
    bytes += body.length
    if (res.status >= 200 && res.status <= 299) ok++
    else firstFailure ??= { status: res.status, body: body.toString('utf8', 0, 300) }
  }
  return { name: endpoint.name, ok, failed: PROBES - ok, meanBodyBytes: Math.round(bytes / PROBES), meanMs: r1(ms / PROBES), firstFailure }
}

/**
 * Waits until the server is idle: requests in flight when autocannon stops are abandoned by the
 * client but still served, and would otherwise delay the next run. Idle = /__sandbox/health
 * answers within 20 ms twice in a row. Returns how long that took.
 */
async function settle (url: string): Promise<number> {
  const t0 = performance.now()
  let quick = 0
  while (quick < 2 && performance.now() - t0 < 300_000) {
    const t = performance.now()
    const res = await fetch(`${url}/__sandbox/health`)
    await res.arrayBuffer()
    quick = performance.now() - t < 20 ? quick + 1 : 0
  }
  return Math.round(performance.now() - t0)
}

/** Asks the ceiling for the size whose real body (about 47 bytes an item) comes closest to `target`. */
async function ceilingSize (url: string, target: number): Promise<number> {
  target = Math.max(100, Math.round(target))
  const res = await fetch(`${url}/__sandbox/ceiling?bytes=${target}`)
  const actual = (await res.arrayBuffer()).byteLength
  if (res.status !== 200 || actual === 0) throw new Error(`ceiling: ${res.status}`)
  return Math.min(5_000_000, Math.max(100, Math.round(target * target / actual)))
}

/** The commit measured and the files changed since it (the figures belong to that tree). */
function revision (): { commit: string, changed: string[] } | null {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    const changed = git('status', '--porcelain', '--untracked-files=no').split('\n').filter(l => l.trim() !== '').map(l => l.slice(3))
    return { commit: git('rev-parse', '--short', 'HEAD').trim(), changed }
  } catch {
    return null
  }
}

function median (xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

interface Row extends Measured {
  ceilingRatio: number | null
  /** the ceiling's requests/s at this endpoint's own mean body size (a shorter run), and the ratio to it */
  sizedCeiling: { bytes: number, rps: number, ratio: number, cpu: Measured['cpu'] } | null
}

/** Two decimals, or two significant digits below 0.1 (0.0035, not 0.00). */
const ratioText = (x: number): string => x >= 0.1 ? x.toFixed(2) : String(Number(x.toPrecision(2)))
const ratio = (a: number, b: number): number => b === 0 ? 0 : Number((a / b).toPrecision(3))

function table (rows: Row[]): string {
  const head = ['endpoint', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'non-2xx', 'errors', 'mean body B', '× ceiling', 'same-size ceiling req/s', 'CPU srv/gen/other']
  const body = rows.map(r => [
    r.name + (r.heavy ? ' *' : ''),
    String(r.rps),
    String(r.p50Ms),
    String(r.p90Ms),
    String(r.p99Ms),
    String(r.non2xx),
    String(r.socketErrors + r.timeouts),
    String(r.meanBodyBytes),
    r.ceilingRatio === null ? '' : ratioText(r.ceilingRatio),
    r.sizedCeiling === null ? '' : `${r.sizedCeiling.rps} (${ratioText(r.sizedCeiling.ratio)}×)`,
    r.cpu === null ? '' : `${r.cpu.server.toFixed(2)}/${r.cpu.loadGenerator.toFixed(2)}/${r.cpu.others.toFixed(2)}`
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map(b => b[i].length)))
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join(' | ') + ' |'
  return [line(head), '|' + widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|') + '|', ...body.map(line)].join('\n')
}

async function main (): Promise<number> {
  let server: ServerProcess | null = null
  const stop = (): void => {
    server?.kill('SIGKILL')
    process.exit(130)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  let sampler: NodeJS.Timeout | undefined
  let relogin: NodeJS.Timeout | undefined
  try {
    const startedAt = new Date().toISOString()
    const load = { start: loadavg().map(r1), end: [] as number[] }
    log(`scenario ${SCENARIO}, db ${DB}, anchor ${ANCHOR}; ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per endpoint`)
    log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${load.start.join(' ')}`)
    if (load.start[0] > cpus().length / 2) log(`warning: the machine is busy (load ${load.start[0]} on ${cpus().length} cores); the figures will be low and noisy`)
    const rev = revision()
    if (rev !== null) log(`revision ${rev.commit}${rev.changed.length === 0 ? '' : ` with ${rev.changed.length} changed files`}`)

    const seeded: SeedRecord = await seed(DB, SCENARIO, [previousSeed(FULL_RESULTS), previousSeed(RESULTS)], line => log(line))
    log(seeded.reused
      ? `reused ${DB} (${seeded.sessions} sessions, ${seeded.messages} messages)` + (seeded.builtEarlier === null ? '' : `; built earlier in ${seeded.builtEarlier.seedSeconds} s`)
      : `seeded ${SCENARIO}: ${seeded.sessions} sessions, ${seeded.messages} messages in ${seeded.seedSeconds} s (process ${seeded.wallSeconds} s)`)

    if (!seeded.reused) {
      // kept even if a later step fails, so that the next run (which reuses the file) still knows the build time
      mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true })
      writeFileSync(RESULTS, JSON.stringify({ partial: true, startedAt, seed: seeded }, null, 2) + '\n')
    }
    buildServer()
    const started = await coldStart(DB, SCENARIO)
    server = started.server
    const { url, pid } = server
    const cold: ColdStart = started.cold
    log(`cold start: listening ${cold.listeningMs} ms, health 200 at ${cold.healthMs} ms, first eva 200 at ${cold.firstEvaMs} ms (the request itself ${cold.firstEvaRequestMs} ms)`)

    let peakRss = 0
    const rssSamples: Array<{ s: number, phase: string, rssMiB: number }> = []
    let phase = 'set-up'
    const t0 = Date.now()
    const sample = (): void => {
      const m = memory(pid)
      if (m === null) return
      peakRss = Math.max(peakRss, m.rss)
      rssSamples.push({ s: Math.round((Date.now() - t0) / 100) / 10, phase, rssMiB: mib(m.rss) })
    }
    sample()
    sampler = setInterval(sample, 250)

    const creds = await credentials(url, started.tenants, HISTORY_DAYS[SCENARIO], POOL)
    relogin = setInterval(() => {
      refreshEva(url, started.tenants, creds).catch((err: unknown) => { console.error('bench: eva re-login failed', err) })
    }, 120_000)
    const mix = buildMix(creds, { anchor: ANCHOR, historyDays: HISTORY_DAYS[SCENARIO], seed: SEED })
      .filter(e => ONLY === null || e.name.includes(ONLY))
    log(`session pool: ${creds.kore.map(k => k.sessionIds.length).join(' + ')} Kore session ids; channels ${creds.kore.map(k => k.channels.join('/')).join(', ')}`)

    phase = 'probe'
    const probes: Probe[] = []
    for (const e of mix) {
      const p = await probe(url, e)
      probes.push(p)
      log(`probe ${p.name}: ${p.ok}/${PROBES} ok, ${p.meanBodyBytes} B, ${p.meanMs} ms each` + (p.firstFailure === null ? '' : `; first failure ${p.firstFailure.status} ${p.firstFailure.body}`))
    }
    const probeMedian = median(probes.map(p => p.meanBodyBytes))
    const ceilingBytes = await ceilingSize(url, probeMedian)
    const ceiling = ceilingEndpoint(ceilingBytes)

    const run = async (e: Endpoint, label: string): Promise<Measured> => {
      phase = `${label} warm-up`
      if (WARMUP_SECONDS > 0) {
        await drive(url, e, WARMUP_SECONDS)
        await settle(url)
      }
      phase = label
      const m = await drive(url, e, SECONDS, pid)
      phase = `${label} drain`
      m.drainMs = await settle(url)
      log(`${m.name}: ${m.rps} req/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, ${m.non2xx} non-2xx, ${m.socketErrors} errors, ${m.timeouts} timeouts, ${m.meanBodyBytes} B; ` +
        `CPU cores server ${m.cpu?.server ?? '?'}, load generator ${m.cpu?.loadGenerator ?? '?'}, others ${m.cpu?.others ?? '?'}, stolen ${m.cpu?.steal ?? '?'}; busy ${m.drainMs} ms after the run`)
      for (const f of m.firstFailures) log(`  failure ${f.status}: ${f.body}`)
      return m
    }

    const ceilingFirst = await run(ceiling, 'ceiling (first)')
    const measured: Measured[] = []
    for (const e of mix) measured.push(await run(e, e.name))
    const ceilingLast = await run(ceiling, 'ceiling (last)')
    const sized = new Map<string, NonNullable<Row['sizedCeiling']>>()
    if (SIZED_SECONDS > 0) {
      for (const m of measured) {
        const bytes = await ceilingSize(url, Math.max(100, m.meanBodyBytes))
        phase = `same-size ceiling for ${m.name}`
        await drive(url, ceilingEndpoint(bytes), 1)
        await settle(url)
        const c = await drive(url, ceilingEndpoint(bytes), SIZED_SECONDS, pid)
        await settle(url)
        sized.set(m.name, { bytes: c.meanBodyBytes, rps: c.rps, ratio: ratio(m.rps, c.rps), cpu: c.cpu })
        log(`same-size ceiling for ${m.name}: ${c.meanBodyBytes} B, ${c.rps} req/s, p99 ${c.p99Ms} ms; CPU cores server ${c.cpu?.server ?? '?'}, load generator ${c.cpu?.loadGenerator ?? '?'}, others ${c.cpu?.others ?? '?'}`)
      }
    }
    phase = 'shutdown'
    sample()
    clearInterval(sampler)
    clearInterval(relogin)
    const hwm = memory(pid)?.hwm ?? null

    server.kill('SIGTERM')
    const exit = await within(server.exited, 15_000, 'server exit after SIGTERM').catch(() => null)
    server.kill('SIGKILL')
    load.end = loadavg().map(r1)

    const ceilingRps = (ceilingFirst.rps + ceilingLast.rps) / 2
    const rows: Row[] = [
      ...measured.map(m => ({ ...m, ceilingRatio: ratio(m.rps, ceilingRps), sizedCeiling: sized.get(m.name) ?? null })),
      { ...ceilingFirst, name: `${ceilingFirst.name}, first`, ceilingRatio: null, sizedCeiling: null },
      { ...ceilingLast, name: `${ceilingLast.name}, last`, ceilingRatio: null, sizedCeiling: null }
    ]
    const mixMedianBody = Math.round(median(measured.map(m => m.meanBodyBytes)))
    const failures = [...measured, ceilingFirst, ceilingLast].reduce((n, m) => n + m.non2xx + m.socketErrors, 0)
    const peakRssMiB = mib(Math.max(peakRss, hwm ?? 0))
    const versus = {
      endpoints: measured.map(m => ({
        name: m.name,
        p99: m.p99Ms <= TARGETS.p99Ms,
        rps: m.rps >= TARGETS.rps,
        ceiling: m.heavy ? m.rps / ceilingRps >= TARGETS.heavyCeilingRatio : null
      })),
      seed: seeded.reused ? null : seeded.seedSeconds <= TARGETS.seedSeconds,
      coldStart: cold.firstEvaMs <= TARGETS.coldStartMs,
      rss: peakRssMiB <= TARGETS.rssMiB
    }

    const report = {
      command: `BENCH_SCENARIO=${SCENARIO} BENCH_SECONDS=${SECONDS}${ONLY === null ? '' : ` BENCH_ONLY='${ONLY}'`} npm run bench`,
      startedAt,
      finishedAt: new Date().toISOString(),
      revision: rev,
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memMiB: mib(totalmem()), node: process.version, loadAverage: load },
      scenario: SCENARIO,
      anchor: ANCHOR,
      settings: { connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, sizedCeilingSeconds: SIZED_SECONDS, timeoutSeconds: TIMEOUT_SECONDS, seed: SEED, sessionPool: POOL },
      seed: seeded,
      coldStart: cold,
      memory: {
        peakRssMiB,
        sampledPeakRssMiB: mib(peakRss),
        vmHwmMiB: hwm === null ? null : mib(hwm),
        samples: rssSamples
      },
      ceiling: { bytesAsked: ceilingBytes, probeMedianBodyBytes: probeMedian, mixMedianBodyBytes: mixMedianBody, rps: ceilingRps, first: ceilingFirst, last: ceilingLast },
      probes,
      endpoints: rows.slice(0, measured.length),
      targets: TARGETS,
      versusTargets: versus,
      errors: failures,
      serverExit: exit
    }
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true })
    writeFileSync(RESULTS, JSON.stringify(report, null, 2) + '\n')

    console.log('')
    console.log(`${report.command}  (${cpus().length} cores shared with the load generator; * = aggregation held to ≥ ${TARGETS.heavyCeilingRatio}× ceiling)`)
    console.log(table(rows))
    console.log('')
    const seedLine = seeded.reused
      ? `reused (${seeded.builtEarlier === null ? 'build time unknown' : `built in ${seeded.builtEarlier.seedSeconds} s by an earlier run`})`
      : `${seeded.seedSeconds} s (seed-cli process ${seeded.wallSeconds} s)`
    log(`data: ${seeded.sessions} sessions, ${seeded.messages} messages, ${seeded.bytes === null ? '?' : mib(seeded.bytes)} MiB file; seed ${seedLine}`)
    log(`cold start with the existing database: health 200 at ${cold.healthMs} ms, first eva 200 at ${cold.firstEvaMs} ms`)
    log(`peak RSS ${peakRssMiB} MiB (VmHWM ${hwm === null ? '?' : mib(hwm)} MiB, sampled ${mib(peakRss)} MiB); ceiling body ${ceilingFirst.meanBodyBytes} B (mix median ${mixMedianBody} B), ceiling ${ceilingFirst.rps} → ${ceilingLast.rps} req/s`)
    log(`load average ${load.start.join(' ')} → ${load.end.join(' ')}; server exit ${JSON.stringify(exit)}`)
    log(`${failures === 0 ? 'no errors' : `${failures} errors (non-2xx or socket)`}; results in ${RESULTS}`)
    return failures === 0 ? 0 : 1
  } finally {
    clearInterval(sampler)
    clearInterval(relogin)
    server?.kill('SIGKILL')
  }
}

main().then(code => process.exit(code), (err: unknown) => {
  console.error(err)
  process.exit(1)
})
