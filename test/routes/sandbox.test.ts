/** The control plane: health, tenants, reset, and the admin token when one is configured. */
import t from 'tap'
import { build, evaSession, ANCHOR } from '../helper.js'

t.test('health names the dataset; reset drops reports and bumps the data version', async t => {
  const app = await build(t)
  const health = (await app.inject({ url: '/__sandbox/health' })).json()
  t.same(health, { status: 'ok', seed: 42, scenario: 'small', anchor: ANCHOR, dataVersion: 1 })
  const s = await evaSession(app)
  const body = { startDate: '2026-03-01', endDate: '2026-03-02', sampleSize: 3, reportType: 'CHRONOLOGICAL' }
  t.equal((await app.inject({ method: 'POST', url: `${s.base}/messages/request_report`, headers: s.headers, payload: body })).statusCode, 200)
  t.equal((await app.inject({ url: '/__sandbox/health' })).json().dataVersion, 2, 'a write bumps the version')
  t.equal((await app.inject({ url: `${s.base}/reports/list`, headers: s.headers })).json().totalElements, 1)
  const reset = await app.inject({ method: 'POST', url: '/__sandbox/reset' })
  t.equal(reset.statusCode, 200)
  t.equal(reset.json().dataVersion, 3)
  t.equal((await app.inject({ url: `${s.base}/reports/list`, headers: s.headers })).json().totalElements, 0)
  const list = await app.inject({ url: `${s.base}/conversations/list?startDate=2026-03-01&endDate=2026-03-31`, headers: s.headers })
  t.ok(list.json().totalElements > 0, 'seeded data is untouched')
})

t.test('tenants: every eva bot with channels, users with passwords, one user lacking a bot', async t => {
  const app = await build(t)
  const eva = (await app.inject({ url: '/__sandbox/tenants' })).json().eva
  t.equal(eva.bots.length, 3)
  t.equal(eva.users.length, 3)
  for (const b of eva.bots) t.ok(b.channels.length >= 3, `${b.name} has channels`)
  const lacking = eva.users.filter((u: { realm: string, botUUIDs: string[] }) =>
    eva.bots.some((b: { realm: string, botUUID: string }) => b.realm === u.realm && !u.botUUIDs.includes(b.botUUID)))
  t.equal(lacking.length, 1)
  t.match(eva.tokenUrl, /\/auth\/realms\/acme\/protocol\/openid-connect\/token$/)
})

t.test('with SANDBOX_ADMIN_TOKEN the control plane wants x-sandbox-token', async t => {
  const app = await build(t, { config: { adminToken: 's3cret' } })
  t.equal((await app.inject({ url: '/__sandbox/health' })).statusCode, 401)
  t.equal((await app.inject({ url: '/__sandbox/health', headers: { 'x-sandbox-token': 'wrong!' } })).statusCode, 401)
  t.equal((await app.inject({ method: 'POST', url: '/__sandbox/reset', headers: { 'x-sandbox-token': 's3cre' } })).statusCode, 401)
  t.equal((await app.inject({ url: '/__sandbox/health', headers: { 'x-sandbox-token': 's3cret' } })).statusCode, 200)
})

t.test('unknown routes outside the vendors get a JSON 404', async t => {
  const app = await build(t)
  const res = await app.inject({ url: '/nope' })
  t.equal(res.statusCode, 404)
  t.equal(res.json().statusCode, 404)
})
