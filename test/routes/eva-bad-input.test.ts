/** Malformed requests and bad credentials get eva's Spring error body with a 4xx, never a 500 (acceptance 6). */
import t from 'tap'
import jwt from 'jsonwebtoken'
import { fixedClock } from '../../src/clock.js'
import { build, evaSession, evaToken, NOW } from '../helper.js'
import { schemaErrors } from '../schema-check.js'

const OK = 'startDate=2026-03-01&endDate=2026-03-10'

t.test('malformed requests: each a 4xx Spring body, and the server keeps serving', async t => {
  const app = await build(t)
  const s = await evaSession(app)
  const conv = `${s.base}/conversations/list`
  const dash = `${s.base}/dashboard/conversations`
  const msgs = `${s.base}/messages/list`
  const cases: Array<[string, string, number, unknown?]> = [
    ['GET', `${dash}?endDate=2026-03-10`, 400],
    ['GET', `${dash}?startDate=2026-03-01`, 400],
    ['GET', `${dash}?startDate=yesterday&endDate=2026-03-10`, 400],
    ['GET', `${dash}?startDate=2026-02-30&endDate=2026-03-10`, 400],
    ['GET', `${dash}?startDate=2026-03-10&endDate=2026-03-01`, 400],
    ['GET', `${dash}?startDate=2026-03-10T10:00:00Z&endDate=2026-03-10T09:00:00Z`, 400],
    ['GET', `${dash}?${OK}&startHour=24`, 400],
    ['GET', `${dash}?${OK}&startHour=-1`, 400],
    ['GET', `${dash}?${OK}&endHour=99`, 400],
    ['GET', `${dash}?${OK}&startHour=abc`, 400],
    ['GET', `${dash}?${OK}&startHour=20&endHour=3`, 400],
    ['GET', `${dash}?${OK}&timezone=Mars/Olympus`, 400],
    ['GET', `${dash}?${OK}&channelUuids=not-a-uuid`, 400],
    ['GET', `${dash}?startDate=2020-01-01&endDate=2026-03-10`, 400],
    ['GET', `${conv}?${OK}&page=-1`, 400],
    ['GET', `${conv}?${OK}&page=99999999999`, 400],
    ['GET', `${conv}?${OK}&size=0`, 400],
    ['GET', `${conv}?${OK}&size=100000`, 400],
    ['GET', `${conv}?${OK}&orderBy=password`, 400],
    ['GET', `${conv}?${OK}&orderBy=started_ms;DROP TABLE sessions`, 400],
    ['GET', `${conv}?${OK}&direction=SIDEWAYS`, 400],
    ['GET', `${conv}?${OK}&searchBy=EMAIL&searchTerm=x`, 400],
    ['GET', `${conv}?${OK}&searchBy=SESSION_CODE`, 400],
    ['GET', `${msgs}?${OK}&nlpResponseFilters=MAYBE`, 400],
    ['GET', `${msgs}?${OK}&orderBy=satisfaction`, 400],
    ['GET', `${msgs}?${OK}&searchBy=INTENT`, 400],
    ['GET', `${s.base}/conversations/details`, 400],
    ['GET', `${s.base}/conversations/details?sessionCode=' OR '1'='1`, 404],
    ['GET', `${s.base}/conversations/details?sessionCode=00000000-0000-4000-8000-000000000000`, 404],
    ['POST', `${s.base}/conversations/details/request_report?sessionCode=nope`, 404],
    ['POST', `${s.base}/conversations/request_report`, 400, { startDate: '2026-03-01' }],
    ['POST', `${s.base}/conversations/request_report`, 400, { startDate: '2026-03-01', endDate: '2026-03-02', sampleSize: 5, reportType: 'SHUFFLED' }],
    ['POST', `${s.base}/messages/request_report`, 400, { startDate: '2026-03-01', endDate: '2026-03-02', sampleSize: 1_000_000, reportType: 'RANDOM' }],
    ['POST', `${s.base}/messages/request_report`, 400, { startDate: '2026-03-05', endDate: '2026-03-02', sampleSize: 5, reportType: 'RANDOM' }],
    ['POST', `${s.base}/messages/request_report`, 400, { startDate: '2026-03-01', endDate: '2026-03-02', sampleSize: 5, reportType: 'RANDOM', filterField: 'PASSWORD', filterTerm: 'x' }],
    ['GET', `/eva-dashboard/org/not-a-uuid/env/${s.bot.envUUID}/bot/${s.bot.botUUID}/dashboard/summary`, 400],
    ['GET', `/eva-dashboard/org/${s.bot.orgUUID}/env/${s.bot.envUUID}/bot/00000000-0000-4000-8000-000000000000/dashboard/summary`, 403],
    ['GET', `${s.base}/dashboard/nothing-here`, 404],
    ['GET', `${s.base}/reports/list?page=1&size=-5`, 400],
    ['DELETE', `${s.base}/dashboard/summary`, 405]
  ]
  t.ok(cases.length >= 30)
  for (const [method, url, status, payload] of cases) {
    const res = await app.inject({ method: method as 'GET', url, headers: s.headers, payload: payload as object })
    t.equal(res.statusCode, status, `${method} ${url} ${JSON.stringify(payload ?? '')}: ${res.body.slice(0, 160)}`)
    t.equal(schemaErrors('EvaError', res.json()), null, 'Spring error body')
    t.equal(res.json().status, status)
  }
  // broken JSON and a wrong content type on a report request
  for (const [ct, payload] of [['application/json', '{"startDate":'], ['text/plain', 'hello']]) {
    const res = await app.inject({ method: 'POST', url: `${s.base}/conversations/request_report`, headers: { ...s.headers, 'content-type': ct }, payload })
    t.ok(res.statusCode >= 400 && res.statusCode < 500, `${ct}: ${res.statusCode}`)
    t.equal(schemaErrors('EvaError', res.json()), null)
  }
  const after = await app.inject({ url: `${s.base}/dashboard/summary`, headers: s.headers })
  t.equal(after.statusCode, 200, 'still serving')
})

t.test('credentials: missing, garbled, forged, expired, and without access', async t => {
  const clock = fixedClock(NOW)
  const app = await build(t, { clock })
  const s = await evaSession(app)
  const url = `${s.base}/dashboard/summary`
  const parts = s.token.split('.')
  const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString())
  const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${parts[1]}.`
  const publicKey = app.dataset.meta('eva_jwt_public') as string
  const hsWithPublicKey = jwt.sign(payload, publicKey, { algorithm: 'HS256' })
  const cases: Array<[Record<string, string>, number]> = [
    [{}, 401],
    [{ authorization: 'Bearer' }, 401],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, 401],
    [{ authorization: 'Bearer garbage' }, 401],
    [{ authorization: `Bearer ${s.token}x` }, 401],
    [{ authorization: `Bearer ${unsigned}` }, 401],
    [{ authorization: `Bearer ${hsWithPublicKey}` }, 401]
  ]
  for (const [headers, status] of cases) {
    const res = await app.inject({ url, headers })
    t.equal(res.statusCode, status, JSON.stringify(headers).slice(0, 80))
    t.equal(schemaErrors('EvaError', res.json()), null)
  }
  // a user of the same org without access to the second bot
  const bruno = s.tenants.users.find(u => s.tenants.bots.some(b => b.realm === u.realm && !u.botUUIDs.includes(b.botUUID)))
  t.ok(bruno, 'a user lacks access to some bot')
  if (bruno !== undefined) {
    const other = s.tenants.bots.find(b => b.realm === bruno.realm && !bruno.botUUIDs.includes(b.botUUID))!
    const token = await evaToken(app, bruno.username, bruno.password, bruno.realm)
    const res = await app.inject({ url: `/eva-dashboard/org/${other.orgUUID}/env/${other.envUUID}/bot/${other.botUUID}/dashboard/summary`, headers: { authorization: `Bearer ${token}` } })
    t.equal(res.statusCode, 403)
    t.equal(schemaErrors('EvaError', res.json()), null)
  }
  // another org's bot under this org's path
  const foreign = s.tenants.bots.find(b => b.orgUUID !== s.bot.orgUUID)!
  const cross = await app.inject({ url: `/eva-dashboard/org/${s.bot.orgUUID}/env/${s.bot.envUUID}/bot/${foreign.botUUID}/dashboard/summary`, headers: s.headers })
  t.equal(cross.statusCode, 403)
  // expiry follows the sandbox clock
  clock.advance(301_000)
  const expired = await app.inject({ url, headers: s.headers })
  t.equal(expired.statusCode, 401)
  t.match(expired.json().message, /expired/)
})
