/** K1/K2 bad input and refused callers: each gets the Kore envelope with a 4xx, never a 500. */
import t from 'tap'
import { build, koreSession } from '../helper.js'
import { schemaErrors } from '../schema-check.js'
import { url } from './kore-widgets.helper.js'

t.test('bad input and refused callers: the Kore envelope with a 4xx, never a 500', async t => {
  const app = await build(t)
  const s = await koreSession(app, 0)
  const ok = 'startDate=2026-03-01&endDate=2026-03-10'
  const w = url(s.bot.botId, 'Support Overview', 'Sessions by Channel', '')
  const f = (fieldName: string, values: unknown[], filterSource = 'sessions') => ({ customFilters: [{ filterSource, fieldName, values }] })
  const cases: Array<[string, string, number, unknown?, Record<string, string>?]> = [
    ['GET', `${w}endDate=2026-03-10`, 400],
    ['GET', `${w}startDate=2026-03-01`, 400],
    ['GET', `${w}startDate=03/01/2026&endDate=2026-03-10`, 400],
    ['GET', `${w}startDate=2026-02-30&endDate=2026-03-10`, 400],
    ['GET', `${w}startDate=2026-03-10&endDate=2026-03-01`, 400],
    ['GET', `${w}startDate=2025-01-01&endDate=2026-03-10`, 400],
    ['GET', `${w}${ok}&limit=51`, 400],
    ['GET', `${w}${ok}&limit=0`, 400],
    ['GET', `${w}${ok}&limit=-5`, 400],
    ['GET', `${w}${ok}&limit=ten`, 400],
    ['GET', url(s.bot.botId, 'No Such Dashboard', 'Sessions by Channel', ok), 400],
    ['GET', url(s.bot.botId, 'Support Overview', 'No Such Widget', ok), 400],
    ['GET', url(s.bot.botId, 'support overview', 'Sessions by Channel', ok), 400],
    ['GET', url('st-00000000-0000-4000-8000-000000000000', 'Support Overview', 'Sessions by Channel', ok), 400],
    ['POST', `${w}${ok}`, 412, {}],
    ['POST', `${w}${ok}`, 412, { customFilters: [{ fieldName: 'channel', values: ['rtm'] }] }],
    ['POST', `${w}${ok}`, 400, { customFilters: 'channel=rtm' }],
    ['POST', `${w}${ok}`, 400, f('favouriteColour', ['blue'])],
    ['POST', `${w}${ok}`, 400, f('sessionStatus', ['active'])],
    ['POST', `${w}${ok}`, 400, f('sessionstatus', ['paused'])],
    ['POST', `${w}${ok}`, 400, f('containment_type', ['escalated'])],
    ['POST', `${w}${ok}`, 400, f('user', ['olduser'], 'userType')],
    ['POST', `${w}${ok}`, 400, f('plan', ['gold'], 'userType')],
    ['POST', `${w}${ok}`, 400, f('vip', ['true'], 'sessionTag')],
    ['POST', `${w}${ok}`, 400, f('date', ['2026-03-01'])],
    ['POST', `${w}${ok}`, 400, f('timestampvalue', ['yesterday'])],
    ['POST', `${w}${ok}`, 400, f('channel', [])],
    ['POST', `${w}${ok}`, 400, { customFilters: Array.from({ length: 6 }, () => f('channel', ['rtm']).customFilters[0]) }],
    ['GET', `${w}${ok}`, 401, undefined, {}],
    ['GET', `${w}${ok}`, 401, undefined, { auth: 'JWTToken' }],
    ['GET', `${w}${ok}`, 401, undefined, { auth: `${s.builder.sampleJwt}x` }],
    ['DELETE', `${w}${ok}`, 405]
  ]
  const other = s.tenants.apps.find(a => a.kind === 'builder' && !a.botIds.includes(s.bot.botId))
  if (other !== undefined) cases.push(['GET', `${w}${ok}`, 401, undefined, { auth: other.sampleJwt }])
  const unscoped = s.tenants.apps.find(a => a.botIds.includes(s.bot.botId) && !a.scopes.includes('Custom Reports'))
  if (unscoped !== undefined) cases.push(['GET', `${w}${ok}`, 401, undefined, { auth: unscoped.sampleJwt }])
  for (const [method, u, status, payload, headers] of cases) {
    const res = await app.inject({ method: method as 'GET', url: u, headers: headers ?? s.builderHeaders, payload: payload as object })
    t.equal(res.statusCode, status, `${method} ${u} ${JSON.stringify(payload ?? '')}: ${res.body.slice(0, 200)}`)
    t.equal(schemaErrors('KoreError', res.json()), null)
  }
  for (const [ct, payload] of [['application/json', '{"customFilters":'], ['application/json', '']]) {
    const res = await app.inject({ method: 'POST', url: `${w}${ok}`, headers: { ...s.builderHeaders, 'content-type': ct }, payload })
    t.ok(res.statusCode === 400 || res.statusCode === 412, `${JSON.stringify(payload)}: ${res.statusCode}`)
    t.equal(schemaErrors('KoreError', res.json()), null)
  }
  const still = await app.inject({ url: `${w}${ok}`, headers: s.builderHeaders })
  t.equal(still.statusCode, 200, 'still serving')
})
