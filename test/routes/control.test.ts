/** The control plane: clock, faults (seeded), per-request override headers, rate limits, journal, guard, reset. */
import t from 'tap'
import { build, chatbotSession, evaSession, koreSession, NOW } from '../helper.js'
import { schemaErrors } from '../schema-check.js'

t.test('the clock moves periods, token expiry and jobs, and returns to its start', async t => {
  const app = await build(t)
  t.same((await app.inject({ url: '/__sandbox/clock' })).json(), { now: '2026-03-31T12:00:00.000Z', frozen: true, offsetMs: 0 })
  const cb = await chatbotSession(app)
  const today = async () => (await app.inject({ url: '/reports/conversations?period=today', headers: cb.headers })).json().data[0].date
  t.equal(await today(), '2026-03-31T00:00:00.000Z')
  const moved = await app.inject({ method: 'PUT', url: '/__sandbox/clock', payload: { now: '2026-03-20T08:00:00Z' } })
  t.equal(moved.json().now, '2026-03-20T08:00:00.000Z')
  t.equal(await today(), '2026-03-20T00:00:00.000Z', 'period presets follow the clock')
  const eva = await evaSession(app)
  const summary = () => app.inject({ url: `${eva.base}/dashboard/summary`, headers: eva.headers })
  t.equal((await summary()).statusCode, 200)
  t.equal((await app.inject({ method: 'PUT', url: '/__sandbox/clock', payload: { advance: 'PT6M' } })).json().now, '2026-03-20T08:06:00.000Z')
  t.equal((await summary()).statusCode, 401, 'the eva token expired on the sandbox clock')
  t.equal((await app.inject({ method: 'DELETE', url: '/__sandbox/clock' })).json().now, '2026-03-31T12:00:00.000Z')
  for (const payload of [{}, { now: 'yesterday' }, { advance: 'two hours' }, { advance: 'P1M' }, { now: '2026-01-01T00:00:00Z', advance: 'PT1H' }, { tick: 1 }]) {
    t.equal((await app.inject({ method: 'PUT', url: '/__sandbox/clock', payload })).statusCode, 400, JSON.stringify(payload))
  }
})

t.test('a Kore import completes when the clock is advanced past its delay', async t => {
  const app = await build(t)
  const k = await koreSession(app)
  const upload = (name: string, content: string) => {
    const boundary = '----sandbox'
    const body = [`--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${name}"`, 'Content-Type: application/json', '', content,
      `--${boundary}`, 'Content-Disposition: form-data; name="fileContext"', '', 'bulkImport',
      `--${boundary}`, 'Content-Disposition: form-data; name="fileExtension"', '', 'json', `--${boundary}--`, ''].join('\r\n')
    return app.inject({ method: 'POST', url: '/api/public/uploadfile', headers: { ...k.adminHeaders, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body })
  }
  const def = (await upload('botDefinition.json', JSON.stringify({ localeData: {}, dialogs: [{ name: 'Greeting' }] }))).json().fileId
  const cfg = (await upload('config.json', '{}')).json().fileId
  const started = await app.inject({ method: 'POST', url: `/api/public/bot/${k.bot.botId}/import`, headers: k.adminHeaders, payload: { botDefinition: def, configInfo: cfg } })
  t.equal(started.json().status, 'pending')
  const status = async () => (await app.inject({ url: `/api/public/bot/import/status/${started.json()._id}`, headers: k.adminHeaders })).json().status
  t.equal(await status(), 'pending')
  await app.inject({ method: 'PUT', url: '/__sandbox/clock', payload: { advance: 'PT5S' } })
  t.equal(await status(), 'success')
})

t.test('fault rules: vendor bodies, counts, hits, Retry-After; seeded rules fail the same requests twice', async t => {
  const app = await build(t)
  const k = await koreSession(app)
  const rules = { seed: 7, rules: [{ vendor: 'kore', route: '/api/public/bot/*/getSessions', status: 503, count: 2 }] }
  const put = await app.inject({ method: 'PUT', url: '/__sandbox/faults', payload: rules })
  t.equal(put.statusCode, 200)
  const call = () => app.inject({ method: 'POST', url: `/api/public/bot/${k.bot.botId}/getSessions`, headers: k.builderHeaders, payload: { limit: 1 } })
  const first = await call()
  t.equal(first.statusCode, 503)
  t.same(first.json(), { errors: [{ msg: 'Service Unavailable', code: 503 }] })
  t.equal(first.headers['retry-after'], '1')
  t.equal((await call()).statusCode, 503)
  t.equal((await call()).statusCode, 200, 'count: 2')
  const listed = (await app.inject({ url: '/__sandbox/faults' })).json()
  t.match(listed.rules[0], { id: 1, hits: 3, applied: 2 })
  t.equal((await app.inject({ method: 'DELETE', url: '/__sandbox/faults' })).json().rules.length, 0)

  const pattern = async () => {
    const fresh = await build(t)
    const s = await koreSession(fresh)
    await fresh.inject({ method: 'PUT', url: '/__sandbox/faults', payload: { seed: 99, rules: [{ vendor: 'kore', status: 500, probability: 0.4 }] } })
    const out: number[] = []
    for (let i = 0; i < 30; i++) {
      out.push((await fresh.inject({ method: 'POST', url: `/api/public/bot/${s.bot.botId}/getSessions`, headers: s.builderHeaders, payload: { limit: 1 } })).statusCode)
    }
    return out
  }
  const a = await pattern()
  const b = await pattern()
  t.same(a, b, 'same seed, same failures')
  t.ok(a.includes(500) && a.includes(200), `a mix: ${a.join(' ')}`)
})

t.test('latency rules and the per-request headers, in each vendor\'s body', async t => {
  const app = await build(t)
  const eva = await evaSession(app)
  const cb = await chatbotSession(app)
  await app.inject({ method: 'PUT', url: '/__sandbox/faults', payload: { rules: [{ vendor: 'chatbotcom', latency: { kind: 'fixed', ms: 120 } }] } })
  const t0 = performance.now()
  t.equal((await app.inject({ url: '/reports/conversations', headers: cb.headers })).statusCode, 200)
  t.ok(performance.now() - t0 >= 115, 'the rule delayed the answer')
  const t1 = performance.now()
  t.equal((await app.inject({ url: `${eva.base}/dashboard/summary`, headers: { ...eva.headers, 'x-sandbox-delay': '80' } })).statusCode, 200)
  t.ok(performance.now() - t1 >= 75, 'x-sandbox-delay')
  const forced = await app.inject({ url: `${eva.base}/dashboard/summary`, headers: { ...eva.headers, 'x-sandbox-status': '503' } })
  t.equal(forced.statusCode, 503)
  t.equal(schemaErrors('EvaError', forced.json()), null)
  const cbForced = await app.inject({ url: '/reports/conversations', headers: { ...cb.headers, 'x-sandbox-status': '429' } })
  t.equal(cbForced.statusCode, 429)
  t.equal(schemaErrors('ChatbotError', cbForced.json()), null)
  t.equal(cbForced.headers['retry-after'], '1')
  for (const h of [{ 'x-sandbox-delay': '-1' }, { 'x-sandbox-delay': 'soon' }, { 'x-sandbox-delay': '999999' }, { 'x-sandbox-status': '200' }, { 'x-sandbox-status': '700' }]) {
    const res = await app.inject({ url: `${eva.base}/dashboard/summary`, headers: { ...eva.headers, ...h } })
    t.equal(res.statusCode, 400, JSON.stringify(h))
    t.equal(schemaErrors('EvaError', res.json()), null)
  }
  for (const payload of [{ rules: [{ vendor: 'nope', status: 500 }] }, { rules: [{ status: 200 }] }, { rules: [{ vendor: 'kore' }] }, { rules: [{ latency: { kind: 'uniform', min: 5, max: 1 } }] }, { rules: 'all' }]) {
    t.equal((await app.inject({ method: 'PUT', url: '/__sandbox/faults', payload })).statusCode, 400, JSON.stringify(payload))
  }
})

t.test('a drop rule closes the connection', async t => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  await app.inject({ method: 'PUT', url: '/__sandbox/faults', payload: { rules: [{ vendor: 'chatbotcom', drop: true }] } })
  await t.rejects(fetch(`http://127.0.0.1:${port}/reports/conversations`), 'fetch fails')
  const journal = (await app.inject({ url: '/__sandbox/requests?vendor=chatbotcom' })).json()
  t.match(journal.requests[0], { status: 0, fault: 'rule 1 drop' })
})

t.test('rate limits can be switched on at run time; the journal records and filters; reset clears it all', async t => {
  const app = await build(t, { config: { journalSize: 50 } })
  const k = await koreSession(app)
  t.same((await app.inject({ url: '/__sandbox/rate-limits' })).json(), { kore: false })
  t.same((await app.inject({ method: 'PUT', url: '/__sandbox/rate-limits', payload: { kore: true } })).json(), { kore: true })
  const statuses: number[] = []
  for (let i = 0; i < 61; i++) {
    statuses.push((await app.inject({ method: 'POST', url: `/api/public/bot/${k.bot.botId}/getSessions`, headers: k.builderHeaders, payload: { limit: 1 } })).statusCode)
  }
  t.equal(statuses.filter(s => s === 200).length, 60)
  t.equal(statuses[60], 429)
  const journal = (await app.inject({ url: '/__sandbox/requests?vendor=kore&limit=500' })).json()
  t.equal(journal.capacity, 50)
  t.equal(journal.requests.length, 50, 'bounded by the ring size')
  t.match(journal.requests[0], { method: 'POST', route: '/api/public/bot/:botId/getSessions', vendor: 'kore', status: 429 })
  t.equal((await app.inject({ url: '/__sandbox/requests?status=429' })).json().requests.length, 1)
  await app.inject({ method: 'PUT', url: '/__sandbox/clock', payload: { advance: 'PT1H' } })
  await app.inject({ method: 'PUT', url: '/__sandbox/faults', payload: { rules: [{ status: 500 }] } })
  const reset = await app.inject({ method: 'POST', url: '/__sandbox/reset' })
  t.equal(reset.statusCode, 200)
  t.same((await app.inject({ url: '/__sandbox/rate-limits' })).json(), { kore: false })
  t.equal((await app.inject({ url: '/__sandbox/faults' })).json().rules.length, 0)
  t.equal((await app.inject({ url: '/__sandbox/clock' })).json().now, new Date(NOW).toISOString())
  t.equal((await app.inject({ url: '/__sandbox/requests?vendor=kore' })).json().requests.length, 0, 'journal cleared')
})

t.test('without an admin token the control plane answers only on loopback', async t => {
  const app = await build(t)
  t.equal((await app.inject({ url: '/__sandbox/health', remoteAddress: '127.0.0.1' })).statusCode, 200)
  t.equal((await app.inject({ url: '/__sandbox/health', remoteAddress: '::1' })).statusCode, 200)
  t.equal((await app.inject({ url: '/__sandbox/health', remoteAddress: '10.1.2.3' })).statusCode, 403)
  t.equal((await app.inject({ method: 'POST', url: '/__sandbox/reset', remoteAddress: '192.168.0.9' })).statusCode, 403)
  const guarded = await build(t, { config: { adminToken: 'tok' } })
  t.equal((await guarded.inject({ url: '/__sandbox/health', remoteAddress: '10.1.2.3', headers: { 'x-sandbox-token': 'tok' } })).statusCode, 200)
})

t.test('API responses carry security headers; errors carry no stack, SQL or file path', async t => {
  const app = await build(t)
  const k = await koreSession(app)
  const res = await app.inject({ method: 'POST', url: `/api/public/bot/${k.bot.botId}/getSessions`, headers: k.builderHeaders, payload: { limit: 1 } })
  t.match(res.headers, { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' })
  const bad = await app.inject({ method: 'POST', url: `/api/public/bot/${k.bot.botId}/getSessions`, headers: { ...k.builderHeaders, 'content-type': 'application/json' }, payload: '{"limit": 1,' })
  t.equal(bad.statusCode, 400)
  t.notMatch(bad.body, /at \w+ \(|SELECT |\/work\/|node_modules|\.ts:\d+/)
  const big = await app.inject({ method: 'POST', url: `/api/public/bot/${k.bot.botId}/getSessions`, headers: k.builderHeaders, payload: { userId: 'x'.repeat(2 * 1024 * 1024) } })
  t.equal(big.statusCode, 413, 'body size is limited')
  t.same(Object.keys(big.json()), ['errors'])
})
