/** Crash safety: SIGKILL the real server while erase, import and report jobs are written; nothing acknowledged is lost and pending jobs resume. */
import { copyFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import t, { type Test } from 'tap'
import Database from 'better-sqlite3'
import { evaSessions, serverSandbox, startServer, tenants, within, type EvaSession, type ServerProcess, type Tenants } from './process-helper.js'

/** A definition the import job accepts, and one it ends as failed (not a JSON object). */
const GOOD_DEFINITION = JSON.stringify({
  defaultLanguage: 'en',
  localeData: { en: { name: 'Crash Import' } },
  dialogs: [{ localeData: { en: { name: 'Order Status' } } }]
})
const BAD_DEFINITION = '[1,2,3]'
const CONFIG = '{"name":"Crash Import","envVariables":[]}'

const WORKERS = 8
/** per worker and round: a bound on the loop whatever happens */
const MAX_ITERATIONS = 300
const REQUEST_TIMEOUT_MS = 8000

interface EraseAck { requestId: string, botId: string, userIds: string[], round: number }
interface ImportAck { birId: string, expect: 'success' | 'failed', round: number }

/** Everything the server acknowledged (a 2xx received), over all rounds. */
const acked = {
  erase: [] as EraseAck[],
  imports: [] as ImportAck[],
  /** eva reports acknowledged, per bot UUID */
  reports: new Map<string, number>()
}

interface Round {
  server: ServerProcess
  tenants: Tenants
  eva: EvaSession[]
  adminJwt: string
  /** unexpected answers (a status that is not 2xx), as "METHOD path: status body" */
  unexpected: string[]
  inFlight: number
  inFlightAtKill: number
  acks: number
  killed: boolean
}

function adminJwtOf (t: Tenants): string {
  const app = t.kore.apps.find(a => a.kind === 'admin' && a.scopes.includes('Delete Users Data') && a.scopes.includes('Bot Import'))
  if (app === undefined) throw new Error('no Kore admin app with Delete Users Data and Bot Import')
  return app.sampleJwt
}

/** One request; null when it got no answer (the process was killed), else the status and body. */
async function call (r: Round, method: string, path: string, init: { headers?: Record<string, string>, body?: string | FormData }): Promise<{ status: number, body: string } | null> {
  r.inFlight++
  try {
    const res = await fetch(`${r.server.url}${path}`, { method, headers: init.headers, body: init.body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
    const body = await res.text()
    if (res.status < 200 || res.status > 299) r.unexpected.push(`${method} ${path}: ${res.status} ${body.slice(0, 300)}`)
    return { status: res.status, body }
  } catch {
    // before the kill every request must be answered; after it, refused or reset connections are expected
    if (!r.killed) r.unexpected.push(`${method} ${path}: no answer before the kill`)
    return null
  } finally {
    r.inFlight--
  }
}

async function upload (r: Round, content: string): Promise<string | null> {
  const form = new FormData()
  form.append('fileContext', 'bulkImport')
  form.append('fileExtension', 'json')
  form.append('file', new Blob([content], { type: 'application/json' }), 'bot.json')
  const res = await call(r, 'POST', '/api/public/uploadfile', { headers: { auth: r.adminJwt }, body: form })
  return res?.status === 200 ? (JSON.parse(res.body) as { fileId: string }).fileId : null
}

/** One job-creating action, chosen by `n`; records it when acknowledged. Returns false once the server stopped answering. */
async function act (r: Round, round: number, n: number): Promise<boolean> {
  const kind = n % 3
  // what varies within a kind (bot, users, definition), independent of the kind
  const m = Math.floor(n / 3)
  if (kind === 0) {
    const bot = r.tenants.kore.bots[m % r.tenants.kore.bots.length]
    if (bot.userIds.length === 0) return true
    const users = [bot.userIds[m % bot.userIds.length], bot.userIds[(m * 7 + 3) % bot.userIds.length]]
    const userIds = [...new Set(users)]
    const res = await call(r, 'DELETE', '/api/public/bot/eraseUsersData', {
      headers: { auth: r.adminJwt, 'content-type': 'application/json' },
      body: JSON.stringify({ userIds, botIds: [bot.botId] })
    })
    if (res === null) return false
    if (res.status === 200) {
      acked.erase.push({ requestId: (JSON.parse(res.body) as { requestId: string }).requestId, botId: bot.botId, userIds, round })
      r.acks++
    }
    return true
  }
  if (kind === 1) {
    const good = m % 2 === 0
    const def = await upload(r, good ? GOOD_DEFINITION : BAD_DEFINITION)
    if (def === null) return !r.killed
    const cfg = await upload(r, CONFIG)
    if (cfg === null) return !r.killed
    const bot = r.tenants.kore.bots[m % r.tenants.kore.bots.length]
    const res = await call(r, 'POST', `/api/public/bot/${bot.botId}/import`, {
      headers: { auth: r.adminJwt, 'content-type': 'application/json' },
      body: JSON.stringify({ botDefinition: def, configInfo: cfg })
    })
    if (res === null) return false
    if (res.status === 200) {
      acked.imports.push({ birId: (JSON.parse(res.body) as { _id: string })._id, expect: good ? 'success' : 'failed', round })
      r.acks++
    }
    return true
  }
  const s = r.eva[m % r.eva.length]
  const report = Math.floor(m / r.eva.length) % 2 === 0 ? 'conversations' : 'messages'
  const res = await call(r, 'POST', `${s.base}/${report}/request_report`, {
    headers: { ...s.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ startDate: '2026-03-01', endDate: '2026-03-31', sampleSize: 1 + (m % 50), reportType: 'RANDOM' })
  })
  if (res === null) return false
  if (res.status === 200) {
    acked.reports.set(s.botUUID, (acked.reports.get(s.botUUID) ?? 0) + 1)
    r.acks++
  }
  return true
}

/**
 * Starts the server on the file, fires job-creating requests from WORKERS concurrent
 * loops, and SIGKILLs the process once `killAfterAcks` were acknowledged (or
 * `killAfterMs` passed), while requests are still in flight.
 */
async function crashRound (t: Test, servers: ServerProcess[], db: string, round: number, jobDelayMs: number, killAfterAcks: number, killAfterMs: number): Promise<Round> {
  const server = await startServer({ db, env: { SANDBOX_KORE_JOB_DELAY_MS: String(jobDelayMs) } })
  servers.push(server)
  const ten = await tenants(server.url)
  const r: Round = { server, tenants: ten, eva: await evaSessions(server.url, ten), adminJwt: adminJwtOf(ten), unexpected: [], inFlight: 0, inFlightAtKill: 0, acks: 0, killed: false }
  const t0 = Date.now()
  const killer = (async () => {
    while (r.acks < killAfterAcks && Date.now() - t0 < killAfterMs) await sleep(5)
    r.inFlightAtKill = r.inFlight
    r.killed = true
    server.kill('SIGKILL')
    return await within(server.exited, 5000, 'SIGKILLed server exit')
  })()
  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    for (let i = 0; i < MAX_ITERATIONS && !r.killed; i++) {
      if (!await act(r, round, round * 10_000 + i * WORKERS + w)) break
    }
  })
  await within(Promise.all(workers), killAfterMs + 3 * REQUEST_TIMEOUT_MS, 'burst')
  const exit = await killer
  t.equal(exit.signal, 'SIGKILL', `round ${round}: the server died of SIGKILL`)
  t.same(r.unexpected, [], `round ${round}: every request before the kill was answered 2xx`)
  t.ok(r.acks > 0, `round ${round}: ${r.acks} acknowledged, ${r.inFlightAtKill} requests in flight at the kill`)
  t.ok(r.inFlightAtKill > 0, `round ${round}: killed in the middle of the burst`)
  return r
}

interface JobCheckRow { ext_id: string, status: string }

/** Opens a copy of the killed database (file + WAL, as the crash left them) and checks it. */
function checkCopy (t: Test, db: string, dir: string, round: number): { pending: number, acknowledged: number } {
  const copy = join(dir, `copy-${round}.db`)
  copyFileSync(db, copy)
  if (existsSync(`${db}-wal`)) copyFileSync(`${db}-wal`, `${copy}-wal`)
  const c = new Database(copy)
  try {
    t.equal(c.pragma('integrity_check', { simple: true }), 'ok', `round ${round}: integrity_check after SIGKILL`)
    t.equal((c.pragma('foreign_key_check') as unknown[]).length, 0, `round ${round}: foreign_key_check after SIGKILL`)
    const jobs = new Map((c.prepare('SELECT ext_id, status FROM jobs').all() as JobCheckRow[]).map(j => [j.ext_id, j.status]))
    const ids = [...acked.erase.map(e => e.requestId), ...acked.imports.map(i => i.birId)]
    t.same(ids.filter(id => !jobs.has(id)), [], `round ${round}: all ${ids.length} acknowledged jobs are in the file`)
    const reports = new Map((c.prepare("SELECT b.ext_id AS bot, COUNT(*) AS n FROM reports r JOIN bots b ON b.id = r.bot_id WHERE b.vendor = 'eva' GROUP BY b.ext_id").all() as Array<{ bot: string, n: number }>).map(x => [x.bot, x.n]))
    for (const [bot, n] of acked.reports) t.ok((reports.get(bot) ?? 0) >= n, `round ${round}: eva bot ${bot.slice(0, 8)}: ${reports.get(bot) ?? 0} reports stored ≥ ${n} acknowledged`)
    return { pending: ids.filter(id => jobs.get(id) === 'pending').length, acknowledged: ids.length }
  } finally {
    c.close()
  }
}

interface EraseStatus { response: Array<{ userId: string, status: string }> }
interface ImportStatus { status: string, statusLogs: Array<{ status: string, message?: string }> }

async function getJson<T> (url: string, headers: Record<string, string>): Promise<{ status: number, body: T }> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
  return { status: res.status, body: await res.json() as T }
}

t.test('SIGKILL during job writes: integrity ok, every acknowledged job present, pending jobs resume', async t => {
  const { dir, db, running: servers } = serverSandbox(t, 'cas-crash-')

  // Round 1: jobs stay pending (3 s) and the kill comes before any is due.
  const r1 = await crashRound(t, servers, db, 1, 3000, 45, 2000)
  const c1 = checkCopy(t, db, dir, 1)
  t.ok(c1.acknowledged > 0, `round 1: ${c1.acknowledged} jobs acknowledged`)
  t.equal(c1.pending, c1.acknowledged, 'round 1: every acknowledged job was still pending at the kill')

  // Rounds 2 and 3: short delays, so the runner completes jobs (erasures deleting rows) while requests
  // keep creating new ones, and the kill lands among both kinds of writes.
  for (const round of [2, 3]) {
    await crashRound(t, servers, db, round, 150, 1_000_000, 1500 + round * 100)
    const c = checkCopy(t, db, dir, round)
    t.comment(`round ${round}: at the kill ${c.acknowledged - c.pending} acknowledged jobs were complete, ${c.pending} pending`)
  }
  t.comment(`acknowledged: ${acked.erase.length} erasures, ${acked.imports.length} imports, ${[...acked.reports.values()].reduce((a, b) => a + b, 0)} eva reports (round 1: ${r1.acks})`)

  // Restart on the same file with a short delay: everything acknowledged answers, and resumes to its final state.
  const server = await startServer({ db, env: { SANDBOX_KORE_JOB_DELAY_MS: '100' } })
  servers.push(server)
  const ten = await tenants(server.url)
  const auth = { auth: adminJwtOf(ten) }

  const firstErase = await Promise.all(acked.erase.map(async e => getJson<EraseStatus>(`${server.url}/api/public/bot/eraseUsersData/status/${e.requestId}`, auth)))
  t.same(firstErase.map(x => x.status).filter(s => s !== 200), [], `every acknowledged erasure (${acked.erase.length}) is known after restart`)
  const firstImport = await Promise.all(acked.imports.map(async i => getJson<ImportStatus>(`${server.url}/api/public/bot/import/status/${i.birId}`, auth)))
  t.same(firstImport.map(x => x.status).filter(s => s !== 200), [], `every acknowledged import (${acked.imports.length}) is known after restart`)

  // The jobs were due seconds ago (or are due within 150 ms): poll, bounded, until none is pending.
  const deadline = Date.now() + 20_000
  let erase: EraseStatus[] = []
  let imports: ImportStatus[] = []
  for (let i = 0; i < 100 && Date.now() < deadline; i++) {
    erase = (await Promise.all(acked.erase.map(async e => getJson<EraseStatus>(`${server.url}/api/public/bot/eraseUsersData/status/${e.requestId}`, auth)))).map(x => x.body)
    imports = (await Promise.all(acked.imports.map(async a => getJson<ImportStatus>(`${server.url}/api/public/bot/import/status/${a.birId}`, auth)))).map(x => x.body)
    const waiting = erase.some(e => e.response.some(u => u.status === 'IN_PROGRESS')) || imports.some(s => s.status === 'pending')
    if (!waiting) break
    await sleep(200)
  }
  const eraseWrong = acked.erase.flatMap((e, i) => {
    const users = erase[i]?.response ?? []
    const ok = users.length === e.userIds.length && users.every(u => u.status === 'SUCCESS') && users.every(u => e.userIds.includes(u.userId))
    return ok ? [] : [`${e.requestId}: ${JSON.stringify(users)}`]
  })
  t.same(eraseWrong, [], 'every acknowledged erasure ended with SUCCESS for each of its users')
  const importWrong = acked.imports.flatMap((a, i) => imports[i]?.status === a.expect ? [] : [`${a.birId}: expected ${a.expect}, got ${JSON.stringify(imports[i])}`])
  t.same(importWrong, [], 'every acknowledged import ended success (good definition) or failed (bad definition)')

  // The erased users are gone from the tenants' sample users (users with sessions) as well
  const after = await tenants(server.url)
  t.same(acked.erase.flatMap(e => e.userIds.filter(u => after.kore.bots.find(b => b.botId === e.botId)?.userIds.includes(u) === true)), [],
    'no erased user is listed with sessions any more')

  // eva reports: each acknowledged request is in reports/list
  const eva = await evaSessions(server.url, ten)
  for (const s of eva) {
    const want = acked.reports.get(s.botUUID) ?? 0
    const list = await getJson<{ totalElements: number, content: Array<{ fileUrl: string }> }>(`${server.url}${s.base}/reports/list?page=1&size=2000`, s.headers)
    t.equal(list.status, 200)
    t.ok(list.body.totalElements >= want, `eva bot ${s.botUUID.slice(0, 8)}: reports/list has ${list.body.totalElements} ≥ ${want} acknowledged`)
    const first = list.body.content[0]
    if (first !== undefined) {
      const file = await fetch(first.fileUrl.replace(/^http:\/\/[^/]+/, server.url), { headers: s.headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
      t.equal(file.status, 200, 'the newest report file downloads')
      await file.arrayBuffer()
    }
  }

  // A clean stop, then the file itself: intact, the erased users and their sessions deleted, nothing acknowledged pending.
  server.kill('SIGTERM')
  t.equal((await within(server.exited, 15_000, 'SIGTERM exit')).code, 0, 'the restarted server stops cleanly')
  const c = new Database(db, { readonly: true })
  try {
    t.equal(c.pragma('integrity_check', { simple: true }), 'ok', 'integrity_check at the end')
    const users = c.prepare('SELECT COUNT(*) AS n FROM users u JOIN bots b ON b.id = u.bot_id WHERE b.ext_id = ? AND u.ext_id = ?')
    const sessions = c.prepare('SELECT COUNT(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id JOIN bots b ON b.id = u.bot_id WHERE b.ext_id = ? AND u.ext_id = ?')
    const left = acked.erase.flatMap(e => e.userIds.filter(u => (users.get(e.botId, u) as { n: number }).n + (sessions.get(e.botId, u) as { n: number }).n > 0).map(u => `${e.botId}/${u}`))
    t.same(left, [], `the ${new Set(acked.erase.flatMap(e => e.userIds)).size} erased users and their sessions are deleted`)
    const status = c.prepare<[string], { status: string }>('SELECT status FROM jobs WHERE ext_id = ?')
    const final = new Set(['completed', 'success', 'failed'])
    const notFinal = [...acked.erase.map(e => e.requestId), ...acked.imports.map(i => i.birId)].filter(id => !final.has(status.get(id)?.status ?? 'missing'))
    t.same(notFinal, [], 'no acknowledged job is left pending (or missing) in the file')
  } finally {
    c.close()
  }
})
