/** Graceful shutdown: on SIGTERM the real server finishes the requests in flight, refuses new connections, closes the database and exits 0. */
import { existsSync, statSync } from 'node:fs'
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import Database from 'better-sqlite3'
import { evaSessions, serverSandbox, startServer, tenants, within } from './process-helper.js'

const DELAY_MS = 1500

/** Resolves with the connection error code, or 'connected' when something accepted the connection. */
async function tryConnect (port: number): Promise<string> {
  return await new Promise(resolve => {
    const socket = connect({ port, host: '127.0.0.1' })
    socket.setTimeout(2000, () => { socket.destroy(); resolve('timeout') })
    socket.once('connect', () => { socket.destroy(); resolve('connected') })
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message))
  })
}

interface Probe { name: string, method: string, url: string, headers: Record<string, string>, body?: string }

t.test('SIGTERM: requests in flight complete, new connections are refused, the database closes cleanly, exit 0', async t => {
  const { db, running } = serverSandbox(t, 'cas-shutdown-')
  const server = await startServer({ db })
  running.push(server)
  const { url, port } = server
  const ten = await tenants(url)
  const [eva] = await evaSessions(url, ten)
  const kore = ten.kore.apps.find(a => a.kind === 'builder')
  if (kore === undefined) throw new Error('no Kore builder app')
  // one slow read per vendor, each compared with the same request answered without delay
  const reads: Probe[] = [
    { name: 'ChatBot.com conversations', method: 'GET', url: `${url}/reports/conversations?from=2026-03-01&to=2026-03-31&group=source`, headers: { authorization: `Bearer ${ten.chatbotcom.accounts[0].developerToken}` } },
    { name: 'eva dashboard/conversations', method: 'GET', url: `${url}${eva.base}/dashboard/conversations?startDate=2026-03-01&endDate=2026-03-31&startHour=0&endHour=23`, headers: eva.headers },
    { name: 'Kore userEngagementTrend', method: 'POST', url: `${url}/api/public/bot/${kore.botIds[0]}/v2/userEngagementTrend?aggregation_type=daily&start_date=2026-03-01&end_date=2026-03-31&timeZoneOffset=UTC`, headers: { auth: kore.sampleJwt } }
  ]
  // ...and a slow write (eva answers a report request with an empty 200)
  const write: Probe = {
    name: 'eva conversations/request_report',
    method: 'POST',
    url: `${url}${eva.base}/conversations/request_report`,
    headers: { ...eva.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ startDate: '2026-03-01', endDate: '2026-03-31', sampleSize: 10, reportType: 'RANDOM' })
  }
  const baselines: string[] = []
  for (const p of reads) {
    const res = await fetch(p.url, { method: p.method, headers: p.headers })
    t.equal(res.status, 200, `${p.name}: answered before the shutdown`)
    baselines.push(await res.text())
  }
  // a write before the shutdown too, so that the WAL has content to checkpoint on close
  const before = await fetch(write.url, { method: write.method, headers: write.headers, body: write.body })
  t.equal(before.status, 200, `${write.name}: answered before the shutdown`)
  await before.arrayBuffer()

  // the client is fetch (undici): keep-alive connections, as browsers and most HTTP clients use
  const t0 = Date.now()
  const inFlight = [...reads, write].map(async p => {
    const res = await fetch(p.url, { method: p.method, headers: { ...p.headers, 'x-sandbox-delay': String(DELAY_MS) }, body: p.body, signal: AbortSignal.timeout(15_000) })
    return { status: res.status, body: await res.text(), ms: Date.now() - t0 }
  })
  await sleep(200)
  const signalledAt = Date.now()
  server.kill('SIGTERM')

  // while the slow requests are still being served, the listening socket is already closed
  await sleep(300)
  t.equal(server.exit(), null, 'the process is still running while requests are in flight')
  t.equal(await tryConnect(port), 'ECONNREFUSED', 'a new connection during the shutdown is refused')

  const answers = await within(Promise.all(inFlight), 10_000, 'in-flight requests')
  reads.forEach((p, i) => {
    const a = answers[i]
    t.equal(a.status, 200, `${p.name}: the in-flight request completes with 200`)
    t.ok(a.ms >= DELAY_MS, `${p.name}: after its delay (${a.ms} ms)`)
    t.equal(a.body, baselines[i], `${p.name}: with the full body (${a.body.length} bytes)`)
    t.doesNotThrow(() => JSON.parse(a.body), `${p.name}: the body is complete JSON`)
  })
  const w = answers[reads.length]
  t.same({ status: w.status, body: w.body }, { status: 200, body: '' }, `${write.name}: the in-flight write completes with 200 (${w.ms} ms)`)

  // close-with-grace gives up after 10 s with exit code 1: wait past that to see the code
  const exit = await within(server.exited, 15_000, 'exit after SIGTERM')
  const exitMs = Date.now() - signalledAt
  t.same(exit, { code: 0, signal: null }, 'the process exits with code 0')
  t.ok(exitMs < 5000, `…within a few seconds of SIGTERM (${exitMs} ms)`)
  t.equal(await tryConnect(port), 'ECONNREFUSED', 'new connections are refused after the exit')
  t.equal(server.stderr(), '', 'nothing on stderr')

  // better-sqlite3 closed the last connection: SQLite checkpointed the WAL into the file and removed it
  const wal = `${db}-wal`
  t.ok(!existsSync(wal) || statSync(wal).size === 0, `the -wal file is gone or empty (${existsSync(wal) ? `${statSync(wal).size} bytes left` : 'gone'})`)
  const c = new Database(db, { readonly: true })
  try {
    t.equal(c.pragma('integrity_check', { simple: true }), 'ok', 'integrity_check ok')
    const n = (c.prepare('SELECT COUNT(*) AS n FROM reports r JOIN bots b ON b.id = r.bot_id WHERE b.ext_id = ?').get(eva.botUUID) as { n: number }).n
    t.equal(n, 2, 'both report requests, the one before and the one in flight, are stored')
  } finally {
    c.close()
  }
})
