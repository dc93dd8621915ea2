/** Clock, fault rules, rate-limit switches and the request journal. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { parseDuration } from '../../src/control/duration.js'
import { BadRequestError } from '../../src/errors.js'
import { parseInstant } from '../../src/engine/window.js'
import { CeilingQuerySchema, ClockBodySchema, ClockSchema, FaultsBodySchema, RateLimitsSchema, RequestsQuerySchema } from '../../schemas/sandbox.js'

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const clockState = () => {
    const s = app.clock.state()
    return { now: new Date(s.now).toISOString(), frozen: s.frozen, offsetMs: s.offsetMs }
  }
  const hidden = { hide: true }

  app.get('/clock', { schema: { ...hidden, response: { 200: ClockSchema } } }, async () => clockState())

  /** `{"now": ISO}` jumps (time flows on from there unless `frozen`), `{"advance": "PT2H"}` moves it. */
  app.put('/clock', { schema: { ...hidden, body: ClockBodySchema, response: { 200: ClockSchema } } }, async (request) => {
    const { now, advance, frozen } = request.body
    if ((now === undefined) === (advance === undefined)) throw new BadRequestError('send exactly one of "now" or "advance"')
    if (now !== undefined) {
      const t = parseInstant(now)
      if (t === null) throw new BadRequestError('"now" must be an ISO-8601 date-time')
      if (t.ms < 0 || t.ms > Date.UTC(9999, 11, 31)) throw new BadRequestError('"now" must be between 1970 and 9999')
      app.clock.set(t.ms, frozen ?? false)
    } else {
      const ms = parseDuration(advance ?? '')
      if (ms === null) throw new BadRequestError('"advance" must be an ISO-8601 duration such as PT2H or P1DT30M')
      const target = app.clock.now() + ms
      if (target < 0 || target > Date.UTC(9999, 11, 31)) throw new BadRequestError('"advance" would move the clock outside 1970–9999')
      app.clock.advance(ms)
    }
    app.jobs.runDue()
    return clockState()
  })

  app.delete('/clock', { schema: { ...hidden, response: { 200: ClockSchema } } }, async () => {
    app.clock.reset()
    return clockState()
  })

  app.get('/faults', { schema: hidden }, async () => app.faults.list())
  app.put('/faults', { schema: { ...hidden, body: FaultsBodySchema } }, async (request) => {
    for (const r of request.body.rules) {
      if (r.latency?.kind === 'uniform' && r.latency.min > r.latency.max) throw new BadRequestError('latency.min must not exceed latency.max')
      if (r.latency === undefined && r.status === undefined && r.drop !== true) throw new BadRequestError('a rule needs latency, status or drop')
      // each ** becomes .* in a regex run on every request: more than two could backtrack for seconds
      if (r.route !== undefined && (r.route.split('**').length > 3 || (r.route.match(/\*/g) ?? []).length > 20)) {
        throw new BadRequestError('a route glob may hold at most two ** and twenty * in all')
      }
    }
    app.faults.set(request.body.rules, request.body.seed ?? 1)
    return app.faults.list()
  })
  app.delete('/faults', { schema: hidden }, async () => {
    app.faults.clear()
    return app.faults.list()
  })

  app.get('/rate-limits', { schema: { ...hidden, response: { 200: RateLimitsSchema } } }, async () => ({ kore: app.settings.koreRateLimit }))
  app.put('/rate-limits', { schema: { ...hidden, body: RateLimitsSchema, response: { 200: RateLimitsSchema } } }, async (request) => {
    app.settings.koreRateLimit = request.body.kore
    return { kore: app.settings.koreRateLimit }
  })

  // The benchmark's ceiling: a fixed JSON body of about `bytes`, built once per size, so
  // it measures the server and network path without any data work.
  const ceilingBodies = new Map<number, string>()
  app.get('/ceiling', { schema: { ...hidden, querystring: CeilingQuerySchema } }, async (request, reply) => {
    const bytes = request.query.bytes
    let body = ceilingBodies.get(bytes)
    if (body === undefined) {
      const items = Array.from({ length: Math.max(1, Math.floor(bytes / 40)) }, (_, i) => ({ date: new Date(i * 3_600_000).toISOString(), value: i % 97 }))
      body = JSON.stringify({ data: items })
      if (ceilingBodies.size < 20) ceilingBodies.set(bytes, body)
    }
    return reply.type('application/json; charset=utf-8').send(body)
  })

  app.get('/requests', { schema: { ...hidden, querystring: RequestsQuerySchema } }, async (request) => {
    const { limit, vendor, status } = request.query
    return { capacity: app.journal.capacity, size: app.journal.size(), requests: app.journal.list({ limit, vendor, status }) }
  })
  app.delete('/requests', { schema: hidden }, async () => {
    app.journal.clear()
    return { capacity: app.journal.capacity, size: 0, requests: [] }
  })
}

export default plugin
