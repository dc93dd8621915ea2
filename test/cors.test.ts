/** CORS for browser frontends: preflights on every path, the origin header on answers and errors, origin lists, off. */
import t from 'tap'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { ConfigError, loadConfig } from '../src/config.js'
import { build, chatbotSession, evaSession, koreSession } from './helper.js'

const ORIGIN = 'http://localhost:5173'
const OTHER = 'https://elsewhere.example'
const SANDBOX_PATHS = ['/__sandbox/health', '/__sandbox/tenants', '/__sandbox/reset', '/__sandbox/clock', '/__sandbox/faults', '/__sandbox/rate-limits', '/__sandbox/requests']

function preflight (app: FastifyInstance, url: string, method = 'POST', origin = ORIGIN, headers = 'auth,content-type') {
  return app.inject({ method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } })
}

/** Every path of the spec with its parameters filled in, and the method it is documented with. */
function specPaths (app: FastifyInstance): Array<{ url: string, method: string }> {
  const paths = (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths
  return Object.entries(paths).map(([path, ops]) => ({ url: path.replace(/\{[^}]+\}/g, 'x'), method: Object.keys(ops)[0].toUpperCase() }))
}

function list (header: string | number | string[] | undefined): string[] {
  return String(header ?? '').split(',').map(s => s.trim().toLowerCase()).filter(s => s !== '')
}

t.test('SANDBOX_CORS_ORIGINS: *, a list of exact origins, or false', async t => {
  t.equal(loadConfig({}).corsOrigins, '*')
  t.equal(loadConfig({ SANDBOX_CORS_ORIGINS: '' }).corsOrigins, '*', 'empty is the default, as for every variable')
  t.equal(loadConfig({ SANDBOX_CORS_ORIGINS: 'false' }).corsOrigins, false)
  t.same(loadConfig({ SANDBOX_CORS_ORIGINS: 'http://localhost:5173, https://app.example:8443' }).corsOrigins, ['http://localhost:5173', 'https://app.example:8443'])
  for (const bad of ['https://app.example/', 'app.example', 'https://App.example', 'https://app.example:443', '*,https://app.example', 'https://*.app.example', ',', 'true']) {
    t.throws(() => loadConfig({ SANDBOX_CORS_ORIGINS: bad }), ConfigError, bad)
  }
})

t.test('a preflight for a Kore POST with auth and content-type: 204 with the origin, methods and headers', async t => {
  const app = await build(t)
  const k = await koreSession(app)
  const res = await preflight(app, `/api/public/bot/${k.bot.botId}/getSessions`)
  t.equal(res.statusCode, 204)
  t.equal(res.body, '')
  t.equal(res.headers['access-control-allow-origin'], '*')
  t.notOk(res.headers['access-control-allow-credentials'], 'no cookies, so no credentials')
  t.ok(list(res.headers['access-control-allow-methods']).includes('post'))
  for (const h of ['authorization', 'auth', 'content-type', 'x-sandbox-token', 'x-sandbox-delay', 'x-sandbox-status']) {
    t.ok(list(res.headers['access-control-allow-headers']).includes(h), h)
  }
  for (const m of ['get', 'post', 'put', 'delete', 'options']) t.ok(list(res.headers['access-control-allow-methods']).includes(m), m)
  t.equal(res.headers['access-control-max-age'], '600')
  const journal = (await app.inject({ url: '/__sandbox/requests?limit=1' })).json()
  t.match(journal, { requests: [{ method: 'OPTIONS', path: `/api/public/bot/${k.bot.botId}/getSessions`, vendor: 'kore', status: 204 }] }, 'journaled like any request')
})

t.test('every documented path and the control plane answer preflights with 204, never 404 or 405', async t => {
  const app = await build(t)
  // a fault on every vendor request: a preflight must be answered before the vendor hooks
  await app.inject({ method: 'PUT', url: '/__sandbox/faults', payload: { seed: 1, rules: [{ status: 503 }] } })
  const targets = [...specPaths(app), ...SANDBOX_PATHS.map(url => ({ url, method: 'PUT' })), { url: '/eva-dashboard/files/x/report.csv', method: 'GET' }]
  t.ok(targets.length > 40)
  for (const { url, method } of targets) {
    const res = await preflight(app, url, method, ORIGIN, 'authorization,x-sandbox-status')
    t.equal(res.statusCode, 204, `${method} ${url}`)
    t.equal(res.headers['access-control-allow-origin'], '*', `${method} ${url}`)
  }
  const faults = (await app.inject({ url: '/__sandbox/faults' })).json()
  t.match(faults.rules, [{ hits: 0, applied: 0 }], 'preflights never meet the vendor hooks')
})

t.test('a plain OPTIONS (no preflight headers) still gets each vendor\'s 405 with Allow', async t => {
  const app = await build(t)
  const k = await koreSession(app)
  const kore = await app.inject({ method: 'OPTIONS', url: `/api/public/bot/${k.bot.botId}/getSessions` })
  t.equal(kore.statusCode, 405)
  t.equal(kore.headers.allow, 'POST')
  t.same(kore.json(), { errors: [{ msg: 'Method Not Allowed', code: 405 }] })
  const chatbot = await app.inject({ method: 'OPTIONS', url: '/reports/conversations', headers: { origin: ORIGIN } })
  t.equal(chatbot.statusCode, 405)
  t.match(chatbot.json(), { status: { code: 405, type: 'error' } })
  t.equal(chatbot.headers['access-control-allow-origin'], '*', 'with an Origin it is a CORS request like any other')
})

t.test('answers and error answers carry the origin header and expose what a client reads', async t => {
  const app = await build(t)
  const eva = await evaSession(app)
  const k = await koreSession(app)
  const c = await chatbotSession(app)
  const evaUrl = `${eva.base}/dashboard/conversations?startDate=2026-03-01&endDate=2026-03-31`
  const cases: Array<[string, InjectOptions, number]> = [
    ['eva 200', { url: evaUrl, headers: eva.headers }, 200],
    ['eva 401', { url: evaUrl }, 401],
    ['kore 401', { method: 'POST', url: `/api/public/bot/${k.bot.botId}/getSessions`, payload: {} }, 401],
    ['kore 405', { url: `/api/public/bot/${k.bot.botId}/getSessions` }, 405],
    ['chatbot 200', { url: '/reports/conversations', headers: c.headers }, 200],
    ['chatbot 401', { url: '/reports/conversations' }, 401],
    ['chatbot 429', { url: '/reports/conversations', headers: { ...c.headers, 'x-sandbox-status': '429' } }, 429],
    ['unknown path 404', { url: '/nope' }, 404],
    ['malformed URL 400, answered before routing', { url: '/api/public/bot/%zz/getSessions' }, 400],
    ['control plane 200', { url: '/__sandbox/health' }, 200]
  ]
  for (const [label, req, status] of cases) {
    const res = await app.inject({ ...req, headers: { ...req.headers, origin: ORIGIN } })
    t.equal(res.statusCode, status, label)
    t.equal(res.headers['access-control-allow-origin'], '*', label)
    if (status === 429) {
      t.equal(res.headers['retry-after'], '1')
      t.ok(list(res.headers['access-control-expose-headers']).includes('retry-after'), 'Retry-After is readable')
    }
  }

  await app.inject({ method: 'PUT', url: '/__sandbox/faults', payload: { seed: 1, rules: [{ vendor: 'kore', status: 503, retryAfter: 5 }] } })
  const fault = await app.inject({ method: 'POST', url: `/api/public/bot/${k.bot.botId}/getSessions`, headers: { ...k.builderHeaders, origin: ORIGIN }, payload: { limit: 1 } })
  t.equal(fault.statusCode, 503)
  t.same(fault.json(), { errors: [{ msg: 'Service Unavailable', code: 503 }] })
  t.equal(fault.headers['access-control-allow-origin'], '*', 'an injected fault is readable too')
  t.equal(fault.headers['retry-after'], '5')
  t.same(list(fault.headers['access-control-expose-headers']), ['retry-after', 'content-disposition', 'allow'])
})

t.test('a list of origins: allowed ones echoed with Vary: Origin, others get no ACAO', async t => {
  const app = await build(t, { config: { corsOrigins: [ORIGIN, 'https://app.example'] } })
  const eva = await evaSession(app)
  const url = `${eva.base}/dashboard/conversations?startDate=2026-03-01&endDate=2026-03-31`

  const allowed = await preflight(app, url, 'GET', ORIGIN, 'authorization')
  t.equal(allowed.statusCode, 204)
  t.equal(allowed.headers['access-control-allow-origin'], ORIGIN)
  t.ok(list(allowed.headers.vary).includes('origin'))
  const refused = await preflight(app, url, 'GET', OTHER, 'authorization')
  t.equal(refused.statusCode, 204, 'still answered, but without the header the browser needs')
  t.notOk(refused.headers['access-control-allow-origin'])

  const first = await app.inject({ url, headers: { ...eva.headers, origin: ORIGIN } })
  t.equal(first.statusCode, 200)
  t.equal(first.headers['access-control-allow-origin'], ORIGIN)
  t.ok(list(first.headers.vary).includes('origin'))
  const hits = app.responseCache?.stats().hits ?? 0
  const second = await app.inject({ url, headers: { ...eva.headers, origin: 'https://app.example' } })
  t.equal(app.responseCache?.stats().hits, hits + 1, 'answered from the response cache')
  t.equal(second.headers['access-control-allow-origin'], 'https://app.example', 'the cache keeps bodies, not the origin header')
  t.equal(second.body, first.body)
  const other = await app.inject({ url, headers: { ...eva.headers, origin: OTHER } })
  t.equal(other.statusCode, 200)
  t.notOk(other.headers['access-control-allow-origin'])
  const unauthorized = await app.inject({ url, headers: { origin: 'https://app.example' } })
  t.equal(unauthorized.statusCode, 401)
  t.equal(unauthorized.headers['access-control-allow-origin'], 'https://app.example')
  const malformed = await app.inject({ url: '/reports/%zz', headers: { origin: OTHER } })
  t.equal(malformed.statusCode, 400)
  t.notOk(malformed.headers['access-control-allow-origin'])
})

t.test('SANDBOX_CORS_ORIGINS=false: no CORS headers, and OPTIONS is a wrong method as before', async t => {
  const app = await build(t, { config: { corsOrigins: false } })
  const k = await koreSession(app)
  const url = `/api/public/bot/${k.bot.botId}/getSessions`
  const pre = await preflight(app, url)
  t.equal(pre.statusCode, 405)
  t.same(pre.json(), { errors: [{ msg: 'Method Not Allowed', code: 405 }] })
  const res = await app.inject({ method: 'POST', url, headers: { ...k.builderHeaders, origin: ORIGIN }, payload: { limit: 1 } })
  t.equal(res.statusCode, 200)
  for (const r of [pre, res, await app.inject({ url: '/api/%zz', headers: { origin: ORIGIN } })]) {
    t.same(Object.keys(r.headers).filter(h => h.startsWith('access-control-')), [])
  }
})
