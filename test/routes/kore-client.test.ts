/** Acceptance 6: a client written against the real platform (xob-cat's flow) works by changing only its base URL. */
import t from 'tap'
import jwt from 'jsonwebtoken'
import type { FastifyInstance } from 'fastify'
import { build, koreSession, NOW } from '../helper.js'
import { schemaErrors } from '../schema-check.js'

interface KoreMessage { sessionId: string, type: 'incoming' | 'outgoing', createdOn: string, components: Array<{ cT: string, data?: { text?: string } }> }
interface KoreSession { sessionId: string, userId: string, start_time: string, end_time: string, containmentType: string, noOfMessagesExchanged: number }
type Transport = (req: { method: 'POST', url: string, headers: Record<string, string>, body: string }) => Promise<{ status: number, data: any }>

/**
 * The real client, reduced to what touches the wire: it signs its own HS256 JWT with
 * `iss` (no `appId`), asks getSessions once per containment type with ISO dates, and
 * reads getMessagesV2 in batches of at most 20 session ids, `skip` page after page
 * until `moreAvailable` is false. Only `baseUrl` points it at the sandbox.
 */
class KoreApiClient {
  constructor (
    private readonly cfg: { baseUrl: string, botId: string, clientId: string, clientSecret: string },
    private readonly http: Transport,
    private readonly nowSeconds: () => number
  ) {}

  token (): string {
    const iat = this.nowSeconds()
    return jwt.sign({ iss: this.cfg.clientId, sub: this.cfg.botId, iat, exp: iat + 3600, aud: 'https://bots.kore.ai' },
      this.cfg.clientSecret, { algorithm: 'HS256', header: { alg: 'HS256', typ: 'JWT' } })
  }

  private async post<T> (path: string, payload: Record<string, unknown>): Promise<T> {
    const res = await this.http({
      method: 'POST',
      url: `${this.cfg.baseUrl}${path}`,
      headers: { 'Content-Type': 'application/json', auth: this.token() },
      body: JSON.stringify(payload)
    })
    if (res.status === 429) throw new Error('rate limited')
    if (res.status !== 200) throw new Error(`API request failed with status ${res.status}: ${JSON.stringify(res.data)}`)
    return res.data as T
  }

  async getSessions (dateFrom: string, dateTo: string, limit = 1000): Promise<KoreSession[]> {
    const all: KoreSession[] = []
    for (const containmentType of ['agent', 'selfService', 'dropOff']) {
      for (let skip = 0; ; skip += limit) {
        const page = await this.post<{ sessions: KoreSession[], moreAvailable: boolean }>(
          `/api/public/bot/${this.cfg.botId}/getSessions?containmentType=${containmentType}`, { dateFrom, dateTo, skip, limit })
        all.push(...page.sessions.map(s => ({ ...s, containmentType })))
        if (!page.moreAvailable) break
      }
    }
    return all.sort((a, b) => a.start_time.localeCompare(b.start_time))
  }

  async getMessages (dateFrom: string, dateTo: string, sessionIds: string[], limit = 10000): Promise<{ messages: KoreMessage[], requests: number }> {
    const messages: KoreMessage[] = []
    let requests = 0
    for (let i = 0; i < sessionIds.length; i += 20) {
      const batch = sessionIds.slice(i, i + 20)
      for (let skip = 0, more = true; more; skip += limit) {
        const page = await this.post<{ messages: KoreMessage[], moreAvailable: boolean }>(
          `/api/public/bot/${this.cfg.botId}/getMessagesV2`, { dateFrom, dateTo, sessionId: batch, skip, limit })
        requests++
        messages.push(...page.messages)
        more = page.moreAvailable && page.messages.length > 0
      }
    }
    return { messages, requests }
  }
}

/** Routes the client's absolute URLs into the sandbox, as a reverse proxy in front of it would. */
function sandboxTransport (app: FastifyInstance, checks: string[]): Transport {
  return async ({ url, headers, body }) => {
    const u = new URL(url)
    const res = await app.inject({ method: 'POST', url: `${u.pathname}${u.search}`, headers, payload: body })
    const data = res.json()
    const model = u.pathname.endsWith('/getSessions') ? 'KoreSessions' : 'KoreMessages'
    const errors = res.statusCode === 200 ? schemaErrors(model, data) : null
    if (errors !== null) checks.push(`${u.pathname}: ${errors}`)
    return { status: res.statusCode, data }
  }
}

t.test('the xob-cat flow against the sandbox', async t => {
  const app = await build(t)
  const s = await koreSession(app, 0)
  const builder = s.tenants.apps.find(a => a.kind === 'builder' && a.botIds.includes(s.bot.botId) && a.scopes.includes('Bot Sessions') && a.scopes.includes('Chat History'))
  if (builder === undefined) throw new Error('no App Builder app')
  const schemaProblems: string[] = []
  const client = new KoreApiClient(
    { baseUrl: 'http://sandbox.invalid:3000', botId: s.bot.botId, clientId: builder.clientId, clientSecret: builder.clientSecret },
    sandboxTransport(app, schemaProblems),
    () => Math.floor(NOW / 1000)
  )
  const claims = jwt.decode(client.token()) as Record<string, unknown>
  t.notOk('appId' in claims, 'the token carries no appId')
  t.equal(claims.iss, builder.clientId)

  const dateFrom = '2026-03-24T00:00:00.000Z'
  const dateTo = '2026-03-30T23:59:59.999Z'
  const sessions = await client.getSessions(dateFrom, dateTo, 100)
  t.ok(sessions.length > 100, `${sessions.length} sessions, paged 100 at a time`)
  const unfiltered = await app.inject({ method: 'POST', url: `/api/public/bot/${s.bot.botId}/getSessions`, headers: { auth: client.token() }, payload: { dateFrom, dateTo, limit: 1 } })
  t.equal(sessions.length, unfiltered.json().total, 'the three containment types add up to every session')
  t.equal(new Set(sessions.map(x => x.sessionId)).size, sessions.length, 'and do not overlap')

  const ids = sessions.map(x => x.sessionId)
  const big = await client.getMessages(dateFrom, dateTo, ids)
  t.equal(big.requests, Math.ceil(ids.length / 20), 'one request per batch of 20 at limit 10000')
  const small = await client.getMessages(dateFrom, dateTo, ids, 25)
  t.ok(small.requests > big.requests, `skip pages: ${small.requests} requests at limit 25`)
  t.same(small.messages.map(m => JSON.stringify(m)), big.messages.map(m => JSON.stringify(m)), 'paging gives the same messages')

  const bySession = new Map<string, KoreMessage[]>()
  for (const m of big.messages) bySession.set(m.sessionId, [...(bySession.get(m.sessionId) ?? []), m])
  let complete = 0
  for (const x of sessions) {
    const got = bySession.get(x.sessionId) ?? []
    if (x.end_time <= dateTo) {
      t.equal(got.length, x.noOfMessagesExchanged, `${x.sessionId}: every message of a session that ended in the window`)
      complete++
    } else {
      t.ok(got.length <= x.noOfMessagesExchanged, `${x.sessionId}: runs past dateTo`)
    }
    t.ok(got.every(m => m.createdOn >= x.start_time && m.createdOn <= x.end_time && m.components[0].cT === 'text'))
  }
  t.ok(complete > 100)
  t.equal([...bySession.keys()].every(id => ids.includes(id)), true, 'only the requested sessions')
  t.same(schemaProblems, [], 'every response matches its documented schema')

  // the Python extractor's variant: no session ids, limit 10000, stop on a short page
  const extracted: KoreMessage[] = []
  for (let skip = 0; ; skip += 10000) {
    const res = await app.inject({ method: 'POST', url: `/api/public/bot/${s.bot.botId}/getMessagesV2`, headers: { auth: client.token(), 'accept-encoding': 'gzip, deflate, br' }, payload: { dateFrom, dateTo, limit: 10000, skip } })
    t.equal(res.statusCode, 200)
    const page = res.json().messages as KoreMessage[]
    extracted.push(...page)
    if (page.length < 10000) break
  }
  const all = new Set(extracted.map(m => JSON.stringify(m)))
  t.ok(big.messages.every(m => all.has(JSON.stringify(m))), 'the sessions\' messages are among the window\'s messages')

  // an expired token is refused like the platform refuses it
  const late = new KoreApiClient({ baseUrl: 'http://sandbox.invalid:3000', botId: s.bot.botId, clientId: builder.clientId, clientSecret: builder.clientSecret },
    sandboxTransport(app, schemaProblems), () => Math.floor(NOW / 1000) - 7200)
  await t.rejects(late.getSessions(dateFrom, dateTo), /status 401/)
})
