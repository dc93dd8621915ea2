/** Spawns the real server (`node --import tsx src/server.ts`) as a child process, for the crash, shutdown and soak runs. */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const ANCHOR = '2026-03-31'

export interface Exit { code: number | null, signal: NodeJS.Signals | null }

export interface ServerProcess {
  child: ChildProcess
  pid: number
  port: number
  /** http://127.0.0.1:port */
  url: string
  /** settles when the process has exited (never rejects) */
  exited: Promise<Exit>
  /** null while running */
  exit: () => Exit | null
  stdout: () => string
  stderr: () => string
  /** sends a signal unless the process has already exited */
  kill: (signal: NodeJS.Signals) => void
}

export interface StartOptions {
  /** SQLite file (SANDBOX_DB) */
  db: string
  scenario?: 'empty' | 'small' | 'default' | 'large'
  /** more environment variables (SANDBOX_KORE_JOB_DELAY_MS, …) */
  env?: Record<string, string>
  /** longest wait for the `listening on` line */
  timeoutMs?: number
  /** run the compiled server (`dist/src/server.js`, what `npm start` runs; build it first) rather than the sources through tsx */
  compiled?: boolean
}

/** The node flags of `npm start` (package.json), so the compiled server runs as it would in production. */
function startFlags (): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  const words = pkg.scripts.start.split(/\s+/)
  return words.slice(1, words.indexOf('dist/src/server.js'))
}

/** A fresh directory under the OS temp dir, removed by the returned function. */
export function tempDir (prefix: string): { dir: string, remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * A temporary folder with a database path for spawned servers: every server pushed on `running`
 * is killed, and the folder removed, when `t` ends.
 */
export function serverSandbox (t: { teardown: (fn: () => Promise<void>) => void }, prefix: string): { dir: string, db: string, running: ServerProcess[] } {
  const { dir, remove } = tempDir(prefix)
  const running: ServerProcess[] = []
  t.teardown(async () => {
    for (const s of running) {
      s.kill('SIGKILL')
      await within(s.exited, 5000, 'teardown kill').catch(() => {})
    }
    remove()
  })
  return { dir, db: join(dir, 'sandbox.db'), running }
}

/**
 * Starts the server on an ephemeral loopback port and resolves once it prints
 * `listening on http://…`; rejects (after killing the child) when it exits or the
 * timeout passes first. The caller kills it (SIGKILL/SIGTERM) and awaits `exited`.
 */
export async function startServer (opts: StartOptions): Promise<ServerProcess> {
  const entry = opts.compiled === true ? [...startFlags(), 'dist/src/server.js'] : ['--import', 'tsx', 'src/server.ts']
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TMPDIR: process.env.TMPDIR ?? tmpdir(),
      PORT: '0',
      HOST: '127.0.0.1',
      SANDBOX_DB: opts.db,
      SANDBOX_SCENARIO: opts.scenario ?? 'small',
      SANDBOX_ANCHOR: ANCHOR,
      LOG_LEVEL: 'silent',
      ...opts.env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  let exit: Exit | null = null
  const exited = new Promise<Exit>(resolve => {
    child.once('exit', (code, signal) => {
      exit = { code, signal }
      resolve(exit)
    })
    // a spawn failure emits 'error' and maybe no 'exit'
    child.once('error', () => {
      exit ??= { code: null, signal: null }
      resolve(exit)
    })
  })
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => { err = (err + chunk).slice(-20_000) })
  const kill = (signal: NodeJS.Signals): void => {
    if (exit === null && child.exitCode === null && child.signalCode === null) child.kill(signal)
  }

  const timeoutMs = opts.timeoutMs ?? 60_000
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no "listening on" line within ${timeoutMs} ms`), timeoutMs)
    function fail (why: string): void {
      clearTimeout(timer)
      kill('SIGKILL')
      reject(new Error(`server did not start: ${why}\nstdout: ${out.slice(-2000)}\nstderr: ${err.slice(-2000)}`))
    }
    child.stdout?.on('data', (chunk: string) => {
      out = (out + chunk).slice(-20_000)
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m !== null) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    })
    exited.then(e => fail(`exited early (code ${String(e.code)}, signal ${String(e.signal)})`), () => {})
  })
  if (child.pid === undefined) throw new Error('no pid')
  return {
    child,
    pid: child.pid,
    port,
    url: `http://127.0.0.1:${port}`,
    exited,
    exit: () => exit,
    stdout: () => out,
    stderr: () => err,
    kill
  }
}

/** Resident set size of a live process in bytes, from /proc/<pid>/status (null when unreadable). */
export function rssBytes (pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m === null ? null : Number(m[1]) * 1024
  } catch {
    return null
  }
}

/** Awaits `p`, or rejects after `ms` milliseconds. */
export async function within<T> (p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([p, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Credentials from /__sandbox/tenants, in the shape the runs use. */
export interface Tenants {
  eva: {
    users: Array<{ username: string, password: string, realm: string, botUUIDs: string[] }>
    bots: Array<{ orgUUID: string, envUUID: string, botUUID: string, realm: string, name: string, channels: Array<{ uuid: string, name: string }> }>
  }
  kore: {
    apps: Array<{ clientId: string, kind: 'builder' | 'admin', botIds: string[], scopes: string[], sampleJwt: string }>
    bots: Array<{ botId: string, name: string, userIds: string[] }>
  }
  chatbotcom: {
    accounts: Array<{ name: string, developerToken: string, clientToken: string, stories: Array<{ id: string, name: string }> }>
  }
}

export async function tenants (url: string): Promise<Tenants> {
  const res = await fetch(`${url}/__sandbox/tenants`)
  if (res.status !== 200) throw new Error(`tenants: ${res.status}`)
  return await res.json() as Tenants
}

/** An eva bot with a user who may read it, logged in: its path prefix and bearer header. */
export interface EvaSession { base: string, headers: Record<string, string>, botUUID: string }

export async function evaSessions (url: string, t: Tenants): Promise<EvaSession[]> {
  const out: EvaSession[] = []
  for (const bot of t.eva.bots) {
    const user = t.eva.users.find(u => u.botUUIDs.includes(bot.botUUID))
    if (user === undefined) continue
    const res = await fetch(`${url}/auth/realms/${user.realm}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'eva-cockpit', username: user.username, password: user.password }).toString()
    })
    if (res.status !== 200) throw new Error(`eva login ${user.username}: ${res.status} ${await res.text()}`)
    const token = (await res.json() as { access_token: string }).access_token
    out.push({
      base: `/eva-dashboard/org/${bot.orgUUID}/env/${bot.envUUID}/bot/${bot.botUUID}`,
      headers: { authorization: `Bearer ${token}` },
      botUUID: bot.botUUID
    })
  }
  return out
}
