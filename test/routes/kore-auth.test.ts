/** The Kore auth matrix: every endpoint refuses each kind of bad credential with the documented 401 body (acceptance 5). */
import t from 'tap'
import jwt from 'jsonwebtoken'
import { fixedClock } from '../../src/clock.js'
import { build, koreSession, NOW } from '../helper.js'

type Kind = 'builder' | 'admin'
interface Endpoint { name: string, scope: string, method: 'GET' | 'POST' | 'DELETE', url: (bot: string) => string, body?: unknown, kinds: Kind[], botInPath: boolean }

const DAY = '2026-03-20'
const ENDPOINTS: Endpoint[] = [
  { name: 'K1 widget GET', scope: 'Custom Reports', method: 'GET', url: b => `/api/public/bot/${b}/dashboard/x/widget/y?startDate=${DAY}&endDate=${DAY}`, kinds: ['builder', 'admin'], botInPath: true },
  { name: 'K2 widget POST', scope: 'Custom Reports', method: 'POST', url: b => `/api/public/bot/${b}/dashboard/x/widget/y?startDate=${DAY}&endDate=${DAY}`, body: { customFilters: [] }, kinds: ['builder', 'admin'], botInPath: true },
  { name: 'K3 erase', scope: 'Delete Users Data', method: 'DELETE', url: () => '/api/public/bot/eraseUsersData', body: { userIds: ['u-x'], botIds: [] }, kinds: ['admin'], botInPath: false },
  { name: 'K4 erase status', scope: 'Delete Users Data', method: 'GET', url: () => '/api/public/bot/eraseUsersData/status/eud-unknown', kinds: ['admin'], botInPath: false },
  { name: 'K5 getSessions', scope: 'Bot Sessions', method: 'POST', url: b => `/api/public/bot/${b}/getSessions`, body: {}, kinds: ['builder', 'admin'], botInPath: true },
  { name: 'K6 getSessions (BAC)', scope: 'Bot Sessions', method: 'POST', url: () => '/api/public/getSessions', body: {}, kinds: ['admin'], botInPath: false },
  { name: 'K7 getMessages GET', scope: 'Chat History', method: 'GET', url: b => `/api/public/bot/${b}/getMessages?userId=u-x`, kinds: ['builder', 'admin'], botInPath: true },
  { name: 'K8 getMessages POST', scope: 'Chat History', method: 'POST', url: b => `/api/public/bot/${b}/getMessages`, body: {}, kinds: ['builder', 'admin'], botInPath: true },
  { name: 'K9 getMessagesV2 GET', scope: 'Chat History', method: 'GET', url: b => `/api/public/bot/${b}/getMessagesV2?userId=u-x`, kinds: ['builder', 'admin'], botInPath: true },
  { name: 'K10 getMessagesV2 POST', scope: 'Chat History', method: 'POST', url: b => `/api/public/bot/${b}/getMessagesV2`, body: {}, kinds: ['builder', 'admin'], botInPath: true },
  { name: 'K11 getMessages (BAC)', scope: 'Chat History', method: 'POST', url: () => '/api/public/getMessages', body: {}, kinds: ['admin'], botInPath: false },
  { name: 'K12 debuglogs', scope: 'Debug Logs', method: 'GET', url: b => `/api/1.1/${b}/debuglogs?identity=u-x`, kinds: ['builder'], botInPath: true },
  { name: 'K13 alluserroles', scope: 'Role Management', method: 'GET', url: () => '/api/public/alluserroles?limit=2', kinds: ['admin'], botInPath: false },
  { name: 'K14 publish', scope: 'Bot Publish', method: 'POST', url: b => `/api/public/bot/${b}/publish`, body: { versionComment: 'x' }, kinds: ['admin'], botInPath: true },
  { name: 'K15 import status', scope: 'Bot Import', method: 'GET', url: () => '/api/public/bot/import/status/bir-unknown', kinds: ['admin'], botInPath: false },
  { name: 'K16 import', scope: 'Bot Import', method: 'POST', url: b => `/api/public/bot/${b}/import`, body: { botDefinition: '0'.repeat(24), configInfo: '0'.repeat(24) }, kinds: ['admin'], botInPath: true },
  { name: 'K17 userEngagementTrend', scope: 'User Engagement Trend', method: 'POST', url: b => `/api/public/bot/${b}/v2/userEngagementTrend?start_date=${DAY}&end_date=${DAY}`, kinds: ['builder'], botInPath: true },
  { name: 'K18 uploadfile', scope: '(any)', method: 'POST', url: () => '/api/public/uploadfile', kinds: ['admin'], botInPath: false },
  { name: 'K19 publish status', scope: 'Bot Publish', method: 'GET', url: b => `/api/public/bot/${b}/publish/status`, kinds: ['admin'], botInPath: true }
]

const SDK = 'Invalid SDK credentials'
const JWT = 'Invalid JWT token'
const SCOPE = 'Permission denied. Scope is incorrect!'

t.test('every Kore endpoint refuses bad credentials with 401 / 4002 and the documented message', async t => {
  const app = await build(t)
  const s = await koreSession(app, 0)
  const other = await koreSession(app, 1)
  // a seeded app of an accepted kind that lacks the endpoint's scope
  const limited = (e: Endpoint) => s.tenants.apps.find(a => a.scopes.length === 1 && e.kinds.includes(a.kind) && !a.scopes.includes(e.scope))
  const forged = jwt.sign({ appId: s.builder.clientId, sub: 'x' }, 'not-the-secret', { algorithm: 'HS256' })
  const forgedAdmin = jwt.sign({ appId: s.admin.clientId, sub: 'x' }, 'not-the-secret', { algorithm: 'HS256' })
  const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ appId: s.admin.clientId })).toString('base64url')}.`
  const expired = jwt.sign({ appId: s.admin.clientId, sub: 'x', exp: 1 }, s.admin.clientSecret, { algorithm: 'HS256' })
  let checked = 0
  for (const e of ENDPOINTS) {
    const right = e.kinds.includes('admin') ? s.admin : s.builder
    const wrongKind = e.kinds.length === 2 ? null : (e.kinds[0] === 'admin' ? s.builder : s.admin)
    const cases: Array<[string, Record<string, string>, string]> = [
      ['no token', {}, SDK],
      ['not a JWT', { auth: 'JWTToken' }, JWT],
      ['extra characters', { auth: right.sampleJwt + 'abc' }, SDK],
      ['wrong signature', { auth: e.kinds.includes('admin') ? forgedAdmin : forged }, SDK],
      ['alg none', { auth: unsigned }, SDK],
      ['expired', { auth: expired }, e.kinds.includes('admin') ? SDK : SCOPE],
      ['Bearer prefix', { auth: `Bearer ${right.sampleJwt}` }, JWT],
    ]
    const lacking = limited(e)
    if (lacking !== undefined && e.scope !== '(any)') cases.push(['app without the scope', { auth: lacking.sampleJwt }, SCOPE])
    if (wrongKind !== null) cases.push(['app of the wrong kind', { auth: wrongKind.sampleJwt }, SCOPE])
    if (e.botInPath && e.kinds.includes('builder')) cases.push(['app of another bot', { auth: other.builder.sampleJwt }, SCOPE])
    for (const [label, headers, msg] of cases) {
      if (label === 'expired' && !e.kinds.includes('admin')) continue // the expired token is an admin app's
      const res = await app.inject({ method: e.method, url: e.url(s.bot.botId), headers, payload: e.body as object })
      t.equal(res.statusCode, 401, `${e.name}, ${label}: ${res.body.slice(0, 120)}`)
      t.same(res.json(), { errors: [{ msg, code: 4002 }] }, `${e.name}, ${label}`)
      checked++
    }
  }
  t.ok(checked >= 150, `${checked} refusals checked`)
})

t.test('an unknown bot with good credentials is 400 Invalid StreamId', async t => {
  const app = await build(t)
  const s = await koreSession(app, 0)
  for (const e of ENDPOINTS.filter(x => x.botInPath)) {
    const headers = { auth: (e.kinds.includes('admin') ? s.admin : s.builder).sampleJwt }
    const res = await app.inject({ method: e.method, url: e.url('st-00000000-0000-4000-8000-000000000000'), headers, payload: e.body as object })
    if (e.kinds.includes('admin') || e.kinds.includes('builder')) {
      t.equal(res.statusCode, 400, `${e.name}: ${res.body.slice(0, 120)}`)
      t.same(res.json(), { errors: [{ msg: 'Invalid StreamId', code: 400 }] })
    }
  }
})

t.test('a real client JWT {iss, sub, iat, exp, aud} without appId is accepted', async t => {
  const app = await build(t)
  const s = await koreSession(app, 0)
  const now = Math.floor(Date.parse('2026-03-31T12:00:00Z') / 1000)
  const token = jwt.sign({ iss: s.builder.clientId, sub: s.bot.botId, iat: now, exp: now + 3600, aud: 'https://bots.kore.ai' }, s.builder.clientSecret, { algorithm: 'HS256' })
  const res = await app.inject({ method: 'POST', url: `/api/public/bot/${s.bot.botId}/getSessions`, headers: { auth: token }, payload: {} })
  t.equal(res.statusCode, 200, res.body.slice(0, 200))
})

t.test('a token accepted once is still checked against the clock: expiry and not-before hold on every call', async t => {
  const clock = fixedClock(NOW)
  const app = await build(t, { clock })
  const s = await koreSession(app, 0)
  const now = Math.floor(NOW / 1000)
  const url = `/api/public/bot/${s.bot.botId}/getSessions`
  const call = async (token: string) => (await app.inject({ method: 'POST', url, headers: { auth: token }, payload: {} })).statusCode
  const expiring = jwt.sign({ appId: s.builder.clientId, sub: 'x', exp: now + 60 }, s.builder.clientSecret, { algorithm: 'HS256' })
  const later = jwt.sign({ appId: s.builder.clientId, sub: 'y', nbf: now + 60 }, s.builder.clientSecret, { algorithm: 'HS256' })
  t.equal(await call(expiring), 200, 'valid')
  t.equal(await call(expiring), 200, 'valid again (from the verified-token cache)')
  t.equal(await call(later), 401, 'not yet valid')
  clock.advance(60_000)
  t.equal(await call(expiring), 401, 'expired once the clock reaches exp')
  t.equal(await call(later), 200, 'valid once the clock reaches nbf')
})
