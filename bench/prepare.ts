/** Benchmark set-up: seeds (or reuses) the database file, starts the server and times the cold start, gathers credentials and session ids. */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SCENARIOS } from '../seeds/index.js'
import { ANCHOR, ROOT, evaSessions, startServer, tenants, type ServerProcess, type Tenants } from '../test/process-helper.js'
import type { ChatbotcomAccount, Credentials, EvaBot, KoreBot } from './mix.js'

export type BenchScenario = 'small' | 'default' | 'large'

/** Days of history each scenario generates, ending on the anchor. */
export const HISTORY_DAYS: Record<BenchScenario, number> = { small: SCENARIOS.small.days, default: SCENARIOS.default.days, large: SCENARIOS.large.days }

export interface SeedRecord {
  db: string
  scenario: BenchScenario
  anchor: string
  /** false: this run built the file; true: an existing file was reused */
  reused: boolean
  /** time inside the generator (seed-cli's own figure; a few ms when reused) */
  seedSeconds: number
  /** the whole `seed-cli` process, tsx start-up included */
  wallSeconds: number
  sessions: number
  messages: number
  users: number
  bytes: number | null
  /** when reused: the build time a previous run recorded for this very file, if any */
  builtEarlier: { seedSeconds: number, wallSeconds: number, measuredAt: string } | null
  /** the file's mtime, to recognise it in a later run */
  fileMtime: string | null
}

interface SeedCliStats {
  reused: boolean
  seconds: number
  users: number
  sessions: number
  messages: number
  bytes: number | null
}

/** The child environment: nothing of ours (SANDBOX_*) leaks in, so the server sees the same inputs as the seeder. */
export function cleanEnv (): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: process.env.TMPDIR ?? tmpdir() }
}

/** `npm run seed` as a child process: builds `db` unless a file from the same seed, scenario and anchor is there. */
export async function seed (db: string, scenario: BenchScenario, previous: Array<SeedRecord | null>, log: (line: string) => void): Promise<SeedRecord> {
  const t0 = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/seed-cli.ts', '--scenario', scenario, '--anchor', ANCHOR, '--db', db], {
    cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  let pending = ''
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    out += chunk
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    // progress lines only; the JSON statistics at the end are parsed below
    for (const line of lines) if (line.startsWith('seeding')) log(line)
  })
  child.stderr.on('data', (chunk: string) => { err = (err + chunk).slice(-5000) })
  const code = await new Promise<number | null>(resolve => child.once('close', resolve))
  const wallSeconds = (performance.now() - t0) / 1000
  // the statistics are the last thing printed, a pretty-printed object starting on its own line
  const start = out.startsWith('{') ? 0 : out.lastIndexOf('\n{') + 1
  if (code !== 0 || (start === 0 && !out.startsWith('{'))) throw new Error(`seed-cli failed (exit ${String(code)}):\n${out.slice(-2000)}\n${err}`)
  const stats = JSON.parse(out.slice(start)) as SeedCliStats
  const fileMtime = existsSync(db) ? statSync(db).mtime.toISOString() : null
  // a reused file: the build time an earlier run recorded for this very file (same path and mtime), if any
  const earlier = stats.reused ? previous.find(p => p !== null && p.db === db && p.fileMtime === fileMtime) ?? null : null
  const carried = earlier === null
    ? null
    : earlier.reused ? earlier.builtEarlier : { seedSeconds: earlier.seedSeconds, wallSeconds: earlier.wallSeconds, measuredAt: earlier.fileMtime ?? '' }
  return {
    db,
    scenario,
    anchor: ANCHOR,
    reused: stats.reused,
    seedSeconds: stats.seconds,
    wallSeconds: Math.round(wallSeconds * 1000) / 1000,
    sessions: stats.sessions,
    messages: stats.messages,
    users: stats.users,
    bytes: stats.bytes,
    builtEarlier: carried,
    fileMtime
  }
}

/** The seed record of the previous results file, if it is readable. */
export function previousSeed (resultsFile: string): SeedRecord | null {
  try {
    return (JSON.parse(readFileSync(resultsFile, 'utf8')) as { seed?: SeedRecord }).seed ?? null
  } catch {
    return null
  }
}

export interface ColdStart {
  /** spawn → the `listening on` line */
  listeningMs: number
  /** spawn → first 200 from /__sandbox/health */
  healthMs: number
  /** spawn → first 200 from a real eva request (dashboard/conversations, 90 days), tenants and login included */
  firstEvaMs: number
  /** that eva request alone */
  firstEvaRequestMs: number
}

const round1 = (x: number): number => Math.round(x * 10) / 10

/** Compiles the server (`npm run build`): the benchmark runs what `npm start` runs. */
export function buildServer (): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' })
}

/** Starts the compiled server on the existing file and times the first answers. */
export async function coldStart (db: string, scenario: BenchScenario): Promise<{ server: ServerProcess, cold: ColdStart, tenants: Tenants }> {
  // load the fetch machinery (undici) before the clock starts, so its first use is not counted against the server
  await fetch('http://127.0.0.1:9/').catch(() => null)
  const t0 = performance.now()
  // BENCH_NODE_OPTIONS: V8 flags for the server alone (heap sizes), to compare memory settings
  const nodeOptions = process.env.BENCH_NODE_OPTIONS
  const server = await startServer({ db, scenario, timeoutMs: 600_000, compiled: true, env: nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions } })
  const listeningMs = performance.now() - t0
  let health = await fetch(`${server.url}/__sandbox/health`)
  while (health.status !== 200) {
    await new Promise(resolve => setTimeout(resolve, 5))
    health = await fetch(`${server.url}/__sandbox/health`)
  }
  await health.arrayBuffer()
  const healthMs = performance.now() - t0
  const ten = await tenants(server.url)
  const [eva] = await evaSessions(server.url, ten)
  if (eva === undefined) throw new Error('no eva bot with a user')
  const end = new Date(Date.parse(`${ANCHOR}T00:00:00Z`))
  const start = new Date(end.getTime() - 89 * 86_400_000)
  const t1 = performance.now()
  const res = await fetch(`${server.url}${eva.base}/dashboard/conversations?startDate=${start.toISOString().slice(0, 10)}&endDate=${ANCHOR}&timezone=UTC`, { headers: eva.headers })
  const text = await res.text()
  const t2 = performance.now()
  if (res.status !== 200) throw new Error(`first eva request: ${res.status} ${text.slice(0, 300)}`)
  return {
    server,
    tenants: ten,
    cold: { listeningMs: round1(listeningMs), healthMs: round1(healthMs), firstEvaMs: round1(t2 - t0), firstEvaRequestMs: round1(t2 - t1) }
  }
}

interface KoreSessionsAnswer { total: number, sessions: Array<{ sessionId: string, channel: string }> }

/** Credentials of every bot, the Kore channel types and a pool of real session ids per Kore bot. */
export async function credentials (url: string, ten: Tenants, historyDays: number, poolSize: number): Promise<Credentials> {
  const evaLogins = await evaSessions(url, ten)
  const eva: EvaBot[] = evaLogins.map(s => ({
    base: s.base,
    headers: s.headers,
    channelUuids: ten.eva.bots.find(b => b.botUUID === s.botUUID)?.channels.map(ch => ch.uuid) ?? []
  }))
  const kore: KoreBot[] = []
  const anchorMs = Date.parse(`${ANCHOR}T00:00:00Z`)
  for (const b of ten.kore.bots) {
    const app = ten.kore.apps.find(a => a.kind === 'builder' && a.botIds.includes(b.botId) &&
      ['Bot Sessions', 'Chat History', 'User Engagement Trend'].every(s => a.scopes.includes(s)))
    if (app === undefined) throw new Error(`no Kore builder app with the history and engagement scopes for ${b.botId}`)
    const ids = new Set<string>()
    const channels = new Set<string>()
    // 7-day windows spread over the history, newest first, until the pool is full
    for (let back = 0; back < historyDays && ids.size < poolSize; back += Math.max(7, Math.floor(historyDays / 12))) {
      const day = (d: number): string => new Date(anchorMs - d * 86_400_000).toISOString().slice(0, 10)
      const res = await fetch(`${url}/api/public/bot/${b.botId}/getSessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', auth: app.sampleJwt },
        body: JSON.stringify({ dateFrom: day(back + 6), dateTo: day(back), limit: Math.min(1000, poolSize) })
      })
      if (res.status !== 200) throw new Error(`getSessions for the session pool: ${res.status} ${(await res.text()).slice(0, 300)}`)
      const answer = await res.json() as KoreSessionsAnswer
      for (const s of answer.sessions) {
        if (ids.size < poolSize) ids.add(s.sessionId)
        channels.add(s.channel)
      }
    }
    if (ids.size === 0) throw new Error(`no Kore sessions for ${b.botId}`)
    kore.push({ botId: b.botId, jwt: app.sampleJwt, channels: [...channels], sessionIds: [...ids] })
  }
  const chatbotcom: ChatbotcomAccount[] = ten.chatbotcom.accounts.map(a => ({ token: a.developerToken, storyIds: a.stories.map(s => s.id) }))
  return { eva, kore, chatbotcom }
}

/** Logs in to eva again and replaces the bearer headers in place (tokens live 300 s). */
export async function refreshEva (url: string, ten: Tenants, c: Credentials): Promise<void> {
  const fresh = await evaSessions(url, ten)
  for (const f of fresh) {
    const bot = c.eva.find(b => b.base === f.base)
    if (bot !== undefined) bot.headers.authorization = f.headers.authorization
  }
}

/** VmRSS and VmHWM (the kernel's peak resident set) of a live process, in bytes. */
export function memory (pid: number): { rss: number, hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
    const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)
    if (rss === null || hwm === null) return null
    return { rss: Number(rss[1]) * 1024, hwm: Number(hwm[1]) * 1024 }
  } catch {
    return null
  }
}

/** CPU time in jiffies (USER_HZ = 100 on Linux): the whole machine's busy time, the server's and this process's. */
export interface CpuSnapshot { at: number, busy: number, steal: number, server: number, self: number }

function processJiffies (pid: number | 'self'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // fields after "(comm)": state is the 3rd field, utime and stime the 14th and 15th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return 0
  }
}

export function cpuSnapshot (serverPid: number): CpuSnapshot {
  let busy = 0
  let steal = 0
  try {
    const [user, nice, system, , , irq, softirq, stolen] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
    busy = user + nice + system + irq + softirq
    steal = stolen
  } catch {}
  return { at: performance.now(), busy, steal, server: processJiffies(serverPid), self: processJiffies('self') }
}

/** Cores in use between two snapshots: by the server, by the load generator (this process), by everything else, and stolen by the hypervisor. */
export function cpuBetween (a: CpuSnapshot, b: CpuSnapshot): { server: number, loadGenerator: number, others: number, steal: number } {
  const seconds = (b.at - a.at) / 1000
  const cores = (jiffies: number): number => Math.round(jiffies / 100 / seconds * 100) / 100
  const server = b.server - a.server
  const self = b.self - a.self
  return { server: cores(server), loadGenerator: cores(self), others: Math.max(0, cores(b.busy - a.busy - server - self)), steal: cores(b.steal - a.steal) }
}
