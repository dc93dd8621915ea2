/**
 * The CLI's commands in-process through main() (help, usage errors and exit codes, seed, openapi,
 * token with a given secret), the seeding progress printer, and `serve` as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import jwt from 'jsonwebtoken'
import t from 'tap'
import { parse as parseYaml } from 'yaml'
import { main } from '../src/cli.js'
import type { Io } from '../src/cli/command.js'
import type { Tenants } from '../src/cli/control-plane.js'
import { progressPrinter } from '../src/progress.js'
import { ANCHOR, build } from './helper.js'
import { ROOT, tempDir, within } from './process-helper.js'

const COMMANDS = ['serve', 'seed', 'credentials', 'token', 'openapi']

class Capture extends Writable {
  text = ''
  isTTY?: boolean
  columns?: number
  override _write (chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString()
    done()
  }
}

async function run (argv: string[], env: Record<string, string> = {}): Promise<{ code: number, stdout: string, stderr: string }> {
  const stdout = new Capture()
  const stderr = new Capture()
  const io: Io = { stdout, stderr, env }
  const code = await main(argv, io)
  return { code, stdout: stdout.text, stderr: stderr.text }
}

const noStack = /\n\s+at /
const BIN = join(ROOT, 'bin/chatbot-analytics-sandbox.js')

interface Served { child: ChildProcess, url: string, out: () => string, exited: Promise<number | null>, closed: Promise<void> }

/** Spawns a command that ends up running `serve`, and resolves once it listens. */
async function serveChild (t: { teardown: (fn: () => void) => void }, command: string, args: string[], env: Record<string, string>): Promise<Served> {
  const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  // the whole group, shell and server, whatever the test did
  t.teardown(() => { try { process.kill(-(child.pid ?? 0), 'SIGKILL') } catch {} })
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  const closed = new Promise<void>(resolve => child.stdout.once('end', () => resolve()))
  let out = ''
  child.stdout.setEncoding('utf8')
  const url = await within(new Promise<string>(resolve => {
    child.stdout.on('data', (c: string) => {
      out += c
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m !== null) resolve(m[1])
    })
  }), 60_000, 'serve listening')
  return { child, url, out: () => out, exited, closed }
}

t.test('--help lists every command; each command has its own --help', async t => {
  const top = await run(['--help'])
  t.equal(top.code, 0)
  for (const c of COMMANDS) t.match(top.stdout, new RegExp(`^  ${c} `, 'm'), c)
  for (const c of COMMANDS) {
    const r = await run([c, '--help'])
    t.equal(r.code, 0, c)
    t.match(r.stdout, new RegExp(`^Usage: chatbot-analytics-sandbox ${c}`), c)
    t.equal(r.stderr, '')
  }
  t.match((await run(['token', '-h'])).stdout, /--client-id/)
  t.match((await run(['--version'])).stdout, /^\d+\.\d+\.\d+\n$/)
})

t.test('wrong command lines: a message on stderr, exit 2, no stack', async t => {
  const cases: Array<[string[], RegExp]> = [
    [[], /Usage: chatbot-analytics-sandbox <command>/],
    [['bogus'], /unknown command "bogus"/],
    [['--bogus'], /unknown flag "--bogus"/],
    ...COMMANDS.map((c): [string[], RegExp] => [[c, '--bogus'], /Unknown option '--bogus'/]),
    [['seed', '--scenario', 'huge'], /--scenario must be one of empty, small, default, large, got "huge"/],
    [['seed', '--anchor', '2026-02-30'], /--anchor must be a date/],
    [['serve', '--port', 'eighty'], /--port must be an integer/],
    [['serve', '--port', '70000'], /--port expected integer to be less or equal to 65535/],
    [['seed', 'extra'], /unexpected argument "extra"/],
    [['seed', '--db'], /argument missing/],
    [['token'], /only `token kore` exists/],
    [['token', 'eva'], /unknown vendor "eva"/],
    [['token', 'kore'], /--client-id is required/],
    [['token', 'kore', '--client-id', 'x', '--client-secret', 's', '--ttl', '-5'], /argument|--ttl/],
    [['token', 'kore', '--client-id', 'x', '--client-secret', 's', '--ttl', 'soon'], /--ttl must be a positive number of seconds/],
    [['credentials', '--url', 'not a url'], /--url must be a URL/]
  ]
  for (const [argv, message] of cases) {
    const r = await run(argv)
    t.equal(r.code, 2, argv.join(' '))
    t.match(r.stderr, message, argv.join(' '))
    t.notMatch(r.stderr, noStack)
    t.equal(r.stdout, '', `${argv.join(' ')}: nothing on stdout`)
  }
})

t.test('a bad environment value is named by its variable', async t => {
  const r = await run(['seed', '--db', ':memory:'], { SANDBOX_SEED: 'x' })
  t.equal(r.code, 2)
  t.match(r.stderr, /SANDBOX_SEED must be an integer/)
})

t.test('seed: builds, reuses, --force rebuilds; statistics as text or JSON; progress on stderr', async t => {
  const { dir, remove } = tempDir('cas-cli-seed-')
  t.teardown(remove)
  const db = join(dir, 'nested', 'small.db')
  const flags = ['--scenario', 'small', '--anchor', ANCHOR, '--db', db]

  const built = await run(['seed', ...flags, '--json'])
  t.equal(built.code, 0, built.stderr)
  const stats = JSON.parse(built.stdout) as { reused: boolean, sessions: number, messages: number, bytes: number, seconds: number, scenario: string }
  t.match(stats, { reused: false, scenario: 'small', db })
  t.ok(stats.sessions > 1000 && stats.messages > stats.sessions)
  t.ok(stats.bytes > 1_000_000, 'the file size')
  t.match(built.stderr, /^seeding: traffic 100% \(\d+\.\d s\)$/m, 'plain progress lines off a terminal')

  const reused = await run(['seed', ...flags])
  t.equal(reused.code, 0)
  t.match(reused.stdout, /^reused /)
  t.match(reused.stdout, new RegExp(`sessions\\s+${stats.sessions.toLocaleString('en-US')}`))
  t.match(reused.stdout, /file size\s+\d+\.\d MiB/)
  t.equal(reused.stderr, '', 'no progress when nothing is built')

  const forced = await run(['seed', ...flags, '--force', '--json'])
  t.match(JSON.parse(forced.stdout), { reused: false, sessions: stats.sessions, messages: stats.messages })

  t.test('serve: the flags reach the server; SIGTERM stops it with exit 0', async t => {
    const server = await serveChild(t, process.execPath, [BIN, 'serve', '--port', '0', '--log-level', 'silent', ...flags], {})
    t.match(server.out(), `reused ${db}`, 'the file seed built is reused')
    const health = await (await fetch(`${server.url}/__sandbox/health`)).json()
    t.match(health, { status: 'ok', scenario: 'small', seed: 42, anchor: ANCHOR })
    server.child.kill('SIGTERM')
    t.equal(await within(server.exited, 15_000, 'serve exit'), 0)
  })

  t.test('serve under npm: killing the wrapper (npm and its shell) stops the server too', async t => {
    // what npx runs: sh -c '<bin> serve …' with npm_command set; dash keeps the shell between
    const line = [process.execPath, BIN, 'serve', '--port', '0', '--log-level', 'silent', ...flags].map(w => `'${w}'`).join(' ')
    const server = await serveChild(t, 'sh', ['-c', line], { npm_command: 'exec' })
    server.child.kill('SIGTERM')
    await within(server.exited, 5000, 'the shell exits')
    await within(server.closed, 15_000, 'the server, re-parented, stops and closes its output')
    t.pass('stopped')
  })
})

t.test('openapi prints the committed document, as YAML or JSON', async t => {
  const committed = readFileSync(join(ROOT, 'openapi.yaml'), 'utf8')
  const yaml = await run(['openapi'])
  t.equal(yaml.code, 0)
  t.equal(yaml.stdout, committed)
  const json = await run(['openapi', '--json'])
  t.same(JSON.parse(json.stdout), parseYaml(committed))
})

t.test('token kore with a given secret: HS256, appId, exp = iat + ttl, accepted by the server', async t => {
  const app = await build(t)
  const tenants = (await app.inject({ url: '/__sandbox/tenants' })).json<Tenants>()
  const kore = tenants.kore.apps.find(a => a.kind === 'builder')
  if (kore === undefined) throw new Error('no builder app')
  const r = await run(['token', 'kore', '--client-id', kore.clientId, '--client-secret', kore.clientSecret, '--ttl', '3600'])
  t.equal(r.code, 0, r.stderr)
  const token = r.stdout.trim()
  const claims = jwt.verify(token, kore.clientSecret, { algorithms: ['HS256'] }) as { appId: string, iat: number, exp: number }
  t.equal(claims.appId, kore.clientId)
  t.equal(claims.exp - claims.iat, 3600)
  const res = await app.inject({ method: 'POST', url: `/api/public/bot/${kore.botIds[0]}/getSessions`, headers: { auth: token } })
  t.equal(res.statusCode, 200)
  const noTtl = await run(['token', 'kore', '--client-id', kore.clientId, '--client-secret', kore.clientSecret])
  t.notOk('exp' in (jwt.decode(noTtl.stdout.trim()) as object), 'no --ttl: no exp')
})

t.test('progress: a bar redrawn in place on a terminal, throttled lines elsewhere', async t => {
  let now = 0
  const tty = new Capture()
  tty.isTTY = true
  tty.columns = 100
  const bar = progressPrinter(tty, () => now)
  bar('traffic', 0, 100)
  now = 50
  bar('traffic', 10, 100) // within the redraw interval: skipped
  now = 2500
  bar('traffic', 50, 100)
  bar('indexes', 14, 14)
  bar.end()
  const frames = tty.text.split('\r').filter(f => f !== '')
  t.equal(frames.length, 4, 'three frames and the closing line')
  t.equal(frames[1], `seeding [${'#'.repeat(12)}${'-'.repeat(12)}]  50% traffic (3/4)  2.5 s\x1b[K`)
  t.match(frames[2], /100% indexes done, analyzing \(4\/4\)/)
  t.equal(frames[3], '\x1b[Kseeding: done in 2.5 s\n')
  t.notMatch(tty.text.slice(0, -1), /\n/, 'one line until the end')

  const log = new Capture()
  const lines = progressPrinter(log, () => now)
  for (let i = 0; i <= 100; i++) lines('indexes', i, 100)
  lines.end()
  t.equal(log.text.split('\n').filter(Boolean).length, 11, 'every 10 %')
  t.match(log.text, /^seeding: indexes 0% \(0\.0 s\)\n/, 'elapsed since the printer started')
})
