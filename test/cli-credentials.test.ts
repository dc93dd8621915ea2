/**
 * The acceptance of the CLI: against a freshly started server, every curl line `credentials` prints
 * answers 200 with a JSON body; with an admin token the command needs it; `token kore` mints what the
 * server accepts. The CLI runs as a child process through its bin launcher, as `npx` runs it.
 */
import { execFile, spawn } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { ANCHOR, ROOT, serverSandbox, startServer } from './process-helper.js'

const BIN = join(ROOT, 'bin/chatbot-analytics-sandbox.js')

interface Run { code: number | null, stdout: string, stderr: string }

async function cli (args: string[], env: Record<string, string> = {}): Promise<Run> {
  return await new Promise(resolve => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr }))
  })
}

/** Runs a printed curl line as the shell would, adding only `-w` to learn the status. */
async function runCurl (line: string): Promise<{ status: number, body: string }> {
  return await new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `${line} -w '\\n%{http_code}'`], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c })
    child.once('error', reject)
    child.once('close', code => {
      if (code !== 0) return reject(new Error(`curl exited ${String(code)}: ${line}`))
      const cut = out.lastIndexOf('\n')
      resolve({ status: Number(out.slice(cut + 1)), body: out.slice(0, cut) })
    })
  })
}

const curlLines = (text: string): string[] => text.split('\n').filter(l => l.startsWith('curl '))

const { db, running } = serverSandbox(t, 'cas-cli-')

t.test('credentials: every printed curl line answers 200 with JSON', async t => {
  const server = await startServer({ db })
  running.push(server)
  const run = await cli(['credentials', '--url', server.url])
  t.equal(run.code, 0, run.stderr)
  t.equal(run.stderr, '')
  t.match(run.stdout, `anchor ${ANCHOR}`)
  t.match(run.stdout, /expires in 300 s/, 'says how long the eva token lives')
  const lines = curlLines(run.stdout)
  t.equal(lines.length, 4, 'eva login, eva, Kore, ChatBot.com')
  for (const [what, re] of [['eva login', /openid-connect\/token/], ['eva', /\/eva-dashboard\//], ['Kore', /\/api\/public\/bot\//], ['ChatBot.com', /\/reports\//]] as const) {
    t.ok(lines.some(l => re.test(l)), `a ${what} line`)
  }
  for (const line of lines) {
    const { status, body } = await runCurl(line)
    t.equal(status, 200, line.slice(0, 120))
    const json = JSON.parse(body) as unknown
    t.ok(typeof json === 'object' && json !== null, 'a JSON body')
  }
  // windows inside the history: the data calls find conversations
  const eva = JSON.parse((await runCurl(lines.find(l => l.includes('/eva-dashboard/')) ?? '')).body) as { periodOverview: { totalAmount: number } }
  t.ok(eva.periodOverview.totalAmount > 0, 'eva counts conversations in the window')
  const kore = JSON.parse((await runCurl(lines.find(l => l.includes('/getSessions')) ?? '')).body) as { total: number }
  t.ok(kore.total > 0, 'Kore finds sessions in the window')
  const cbc = JSON.parse((await runCurl(lines.find(l => l.includes('/reports/')) ?? '')).body) as { summary: { total: number } }
  t.ok(cbc.summary.total > 0, 'ChatBot.com counts conversations in the window')
})

t.test('credentials --json and token kore against the same server', async t => {
  const server = running[0]
  const run = await cli(['credentials', '--json', '--url', server.url])
  t.equal(run.code, 0, run.stderr)
  const report = JSON.parse(run.stdout) as { window: unknown, health: { anchor: string }, eva: { expiresIn: number }, curl: Array<{ vendor: string, command: string }>, tenants: { kore: { apps: Array<{ clientId: string, kind: string, botIds: string[] }> } } }
  t.same(report.window, { from: '2026-03-25', to: ANCHOR })
  t.equal(report.eva.expiresIn, 300)
  t.same(report.curl.map(c => c.vendor), ['eva', 'eva', 'kore', 'chatbotcom'])

  const app = report.tenants.kore.apps.find(a => a.kind === 'builder')
  if (app === undefined) throw new Error('no builder app')
  const minted = await cli(['token', 'kore', '--client-id', app.clientId, '--ttl', '600', '--url', server.url, '--json'])
  t.equal(minted.code, 0, minted.stderr)
  const { token, iat, exp } = JSON.parse(minted.stdout) as { token: string, iat: number, exp: number }
  t.equal(exp - iat, 600)
  const res = await fetch(`${server.url}/api/public/bot/${app.botIds[0]}/getSessions`, { method: 'POST', headers: { auth: token } })
  t.equal(res.status, 200, 'the server accepts the minted token')

  const unknown = await cli(['token', 'kore', '--client-id', 'cs-nope', '--url', server.url])
  t.equal(unknown.code, 1)
  t.match(unknown.stderr, /no Kore app "cs-nope"/)
})

t.test('credentials with an admin token: refused without it, served with --admin-token or SANDBOX_ADMIN_TOKEN', async t => {
  const server = await startServer({ db, env: { SANDBOX_ADMIN_TOKEN: 'cli-secret' } })
  running.push(server)
  const refused = await cli(['credentials', '--url', server.url])
  t.equal(refused.code, 1)
  t.match(refused.stderr, /401.*--admin-token/)
  t.notMatch(refused.stderr, /\n\s+at /, 'no stack')
  const flag = await cli(['credentials', '--url', server.url, '--admin-token', 'cli-secret'])
  t.equal(flag.code, 0, flag.stderr)
  const env = await cli(['credentials', '--url', server.url], { SANDBOX_ADMIN_TOKEN: 'cli-secret' })
  t.equal(env.code, 0, env.stderr)
  const line = curlLines(env.stdout).find(l => l.includes('/reports/'))
  t.equal((await runCurl(line ?? '')).status, 200, 'vendor routes need no admin token')
})

t.test('credentials without a server: exit 1 and a hint, no stack', async t => {
  const run = await cli(['credentials', '--url', 'http://127.0.0.1:1'])
  t.equal(run.code, 1)
  t.match(run.stderr, /cannot reach http:\/\/127\.0\.0\.1:1 .*is the sandbox running/)
  t.notMatch(run.stderr, /\n\s+at /)
})
