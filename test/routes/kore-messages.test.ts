/** Conversation History v1/v2 (K7–K11): shapes, filters, msgId, callId, and agreement with getSessions over random windows. */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build, koreSession, NOW } from '../helper.js'
import { schemaErrors } from '../schema-check.js'
import { propertyRun, rng } from '../property.js'

const { SEED, RUNS } = propertyRun(t, 10)

const DAY = 86_400_000
type Doc = Record<string, any>
interface Page { total: number, moreAvailable: boolean, icon: string, messages: Doc[] }

function must<T> (value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the dataset has no ${what}`)
  return value
}

async function apps (app: FastifyInstance, botIndex: number) {
  const s = await koreSession(app, botIndex)
  const pick = (kind: string) => s.tenants.apps.find(a => a.kind === kind && a.botIds.includes(s.bot.botId) && a.scopes.includes('Chat History') && a.scopes.includes('Bot Sessions'))
  const builder = pick('builder')
  const admin = pick('admin')
  if (builder === undefined || admin === undefined) throw new Error('no apps with Chat History')
  return { ...s, builderHeaders: { auth: builder.sampleJwt }, adminHeaders: { auth: admin.sampleJwt } }
}

function client (app: FastifyInstance) {
  return async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown, model = 'KoreMessages'): Promise<Page> => {
    const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) })
    if (res.statusCode !== 200) throw new Error(`${method} ${url} ${JSON.stringify(payload)}: ${res.statusCode} ${res.body.slice(0, 300)}`)
    const body = res.json()
    const errors = schemaErrors(model, body)
    if (errors !== null) throw new Error(`${url}: schema ${errors}`)
    return body as Page
  }
}

t.test('GET and POST, v1 and v2, and the Admin Console form answer the documented documents', async t => {
  const app = await build(t)
  const s = await apps(app, 0)
  const call = client(app)
  const base = `/api/public/bot/${s.bot.botId}`
  const sessions = (await (await app.inject({ method: 'POST', url: `${base}/getSessions`, headers: s.builderHeaders, payload: { limit: 10000 } })).json()).sessions as Doc[]
  const rtm = must(sessions.find(x => x.channel === 'rtm' && x.noOfMessagesExchanged > 2), 'rtm session')
  const teams = must(sessions.find(x => x.channel === 'msteams' && x.noOfMessagesExchanged > 2), 'msteams session')

  const v1 = await call('GET', `${base}/getMessages?userId=${rtm.userId}`, s.builderHeaders)
  t.ok(v1.total >= rtm.noOfMessagesExchanged, 'GET shows the user\'s rtm messages by default')
  t.ok(v1.messages.every(m => m.chnl === 'rtm' && m.channels[0].channelUId === rtm.userId))
  const v2 = await call('GET', `${base}/getMessagesV2?userId=${rtm.userId}&limit=5`, s.builderHeaders)
  t.same(v2.messages, v1.messages.slice(0, 5), 'v1 and v2 carry the same documents')
  t.equal((await call('GET', `${base}/getMessages?userId=${teams.userId}`, s.builderHeaders)).messages.filter(m => m.sessionId === teams.sessionId).length, 0, 'GET defaults to rtm')
  const teamsGet = await call('GET', `${base}/getMessagesV2?userId=${teams.userId}&channelType=msteams&sessionId=${teams.sessionId}`, s.builderHeaders)
  t.equal(teamsGet.total, teams.noOfMessagesExchanged)

  const post = await call('POST', `${base}/getMessagesV2`, s.adminHeaders, { sessionId: [rtm.sessionId], includeTraceId: 'true' })
  t.equal(post.total, rtm.noOfMessagesExchanged)
  const times = post.messages.map(m => m.timestampValue)
  t.same(times, [...times].sort((a, b) => b - a), 'newest first')
  for (const m of post.messages) {
    t.equal(m.sessionId, rtm.sessionId)
    t.equal(m.botId, s.bot.botId)
    t.equal(new Date(m.timestampValue).toISOString(), m.createdOn)
    t.equal(m.components[0].cT, 'text')
    t.ok(m.components[0].data.text.length > 0)
    t.equal(m.traceId !== undefined, m.type === 'incoming', 'traceId on incoming messages only')
  }
  t.ok(post.messages.some(m => m.type === 'incoming') && post.messages.some(m => m.type === 'outgoing'))
  t.notOk('traceId' in (await call('POST', `${base}/getMessages`, s.builderHeaders, { sessionId: [rtm.sessionId] })).messages[0])
  const forward = await call('POST', `${base}/getMessages`, s.builderHeaders, { sessionId: [rtm.sessionId], forward: true, includeTraceId: true })
  t.same(forward.messages, [...post.messages].reverse(), 'forward=true is oldest first')
  t.equal(forward.messages[0].type, 'outgoing', 'a session opens with the bot\'s welcome')

  const admin = await call('POST', '/api/public/getMessages', s.adminHeaders, { limit: 100, dateFrom: '2026-03-25' })
  t.equal(admin.messages.length, 100)
  t.ok(new Set(admin.messages.map(m => m.botId)).size > 1, 'the Admin Console form spans the account\'s bots')
  t.equal((await call('POST', '/api/public/getMessages', s.adminHeaders, { sessionId: [rtm.sessionId] })).total, rtm.noOfMessagesExchanged)
})

t.test('msgId with direction, and callId with the short shape', async t => {
  const app = await build(t)
  const s = await apps(app, 0)
  const call = client(app)
  const base = `/api/public/bot/${s.bot.botId}`
  const sessions = (await (await app.inject({ method: 'POST', url: `${base}/getSessions`, headers: s.builderHeaders, payload: { limit: 10000 } })).json()).sessions as Doc[]
  const long = must(sessions.find(x => x.noOfMessagesExchanged >= 9), 'long session')
  const all = (await call('POST', `${base}/getMessagesV2`, s.builderHeaders, { sessionId: [long.sessionId], forward: true })).messages
  const k = 4
  const anchor = all[k]._id
  const only = await call('POST', `${base}/getMessagesV2`, s.builderHeaders, { msgId: anchor, limit: 1 })
  t.same(only.messages.map(m => m._id), [anchor], 'limit 1 gets just that message')
  const after = await call('POST', `${base}/getMessagesV2`, s.builderHeaders, { msgId: anchor, sessionId: [long.sessionId], limit: 100 })
  t.same(after.messages.map(m => m._id), all.slice(k).map(m => m._id), 'forward from the message')
  const before = await call('POST', `${base}/getMessagesV2`, s.builderHeaders, { msgId: anchor, sessionId: [long.sessionId], direction: -1, limit: 100 })
  t.same(before.messages.map(m => m._id), all.slice(0, k + 1).reverse().map(m => m._id), 'backwards from the message')
  const around = await call('POST', `${base}/getMessagesV2`, s.builderHeaders, { msgId: anchor, sessionId: [long.sessionId], direction: 0, limit: 5 })
  t.same(around.messages.map(m => m._id), all.slice(k - 2, k + 3).map(m => m._id), 'both ways around the message')
  t.equal(around.total, all.length)

  const voice = must(sessions.find(x => x.channel === 'ivrVoice'), 'voice session')
  const byCall = await call('GET', `${base}/getMessagesV2?userId=${voice.userId}&callId=${voice.sessionId}`, s.builderHeaders, undefined, 'KoreCallMessages')
  t.equal(byCall.total, voice.noOfMessagesExchanged)
  t.same(Object.keys(byCall.messages[0]).sort(), ['text', 'timestamp', 'type'])
  const stamps = byCall.messages.map(m => m.timestamp)
  t.same(stamps, [...stamps].sort(), 'a call reads in order')
  t.equal((await call('GET', `${base}/getMessagesV2?userId=x&callId=${long.channel === 'ivrVoice' ? 'f'.repeat(24) : long.sessionId}`, s.builderHeaders)).total, 0, 'only voice sessions have calls')
})

t.test('properties over random windows: messages agree with getSessions, pages partition, channels partition', async t => {
  const app = await build(t)
  const random = rng(SEED)
  const call = client(app)
  const bots = [await apps(app, 0), await apps(app, 1), await apps(app, 2)]
  for (let run = 0; run < RUNS; run++) {
    const s = bots[Math.floor(random() * bots.length)]
    const base = `/api/public/bot/${s.bot.botId}`
    const from = NOW - Math.floor(random() * 44 * DAY)
    const window = { dateFrom: new Date(from).toISOString(), dateTo: new Date(from + Math.floor(random() * 7 * DAY) - 1).toISOString() }
    const label = `run ${run}: ${s.bot.name} ${JSON.stringify(window)}`
    const sessions = (await (await app.inject({ method: 'POST', url: `${base}/getSessions`, headers: s.builderHeaders, payload: { ...window, limit: 10000 } })).json()).sessions as Doc[]

    // every session: its messages number its noOfMessagesExchanged (v2 in batches of 20 ids; v1 and v2 alone for a sample)
    for (let i = 0; i < sessions.length; i += 20) {
      const batch = sessions.slice(i, i + 20)
      const got = await call('POST', `${base}/getMessagesV2`, s.builderHeaders, { sessionId: batch.map(x => x.sessionId), limit: 10000 })
      const count = new Map<string, number>()
      for (const m of got.messages) count.set(m.sessionId, (count.get(m.sessionId) ?? 0) + 1)
      for (const x of batch) t.equal(count.get(x.sessionId) ?? 0, x.noOfMessagesExchanged, `${label}: ${x.sessionId} has noOfMessagesExchanged messages`)
    }
    const sample = sessions.filter(() => random() < Math.min(1, 25 / Math.max(1, sessions.length)))
    for (const x of sample) {
      const v2 = await call('POST', `${base}/getMessagesV2`, s.builderHeaders, { sessionId: [x.sessionId], limit: 10000 })
      t.equal(v2.total, x.noOfMessagesExchanged, `${label}: ${x.sessionId} v2 total`)
      t.equal(v2.messages.length, x.noOfMessagesExchanged)
      const v1: Doc[] = []
      for (let skip = 0, more = true; more; skip += 7) {
        const page = await call('POST', `${base}/getMessages`, s.builderHeaders, { sessionId: [x.sessionId], skip, limit: 7 })
        v1.push(...page.messages)
        more = page.moreAvailable
      }
      t.same(v1.map(m => m._id), v2.messages.map(m => m._id), `${label}: ${x.sessionId} v1 pages = v2`)
    }

    // the window's messages: pages partition them, forward reverses them, channel types partition them
    const whole = await call('POST', `${base}/getMessagesV2`, s.builderHeaders, { ...window, limit: 10000 })
    t.equal(whole.messages.length, whole.total, `${label}: one page`)
    const ids = whole.messages.map(m => m._id)
    t.equal(new Set(ids).size, ids.length)
    t.ok(whole.messages.every(m => m.createdOn >= window.dateFrom && m.createdOn <= window.dateTo), `${label}: inside the window`)
    const limit = 50 + Math.floor(random() * 400)
    const paged: string[] = []
    for (let skip = 0, more = true; more; skip += limit) {
      const page = await call('POST', `${base}/getMessagesV2`, s.builderHeaders, { ...window, skip, limit })
      t.equal(page.total, whole.total)
      paged.push(...page.messages.map(m => m._id))
      more = page.moreAvailable
    }
    t.same(paged, ids, `${label}: pages of ${limit} partition the messages`)
    const forward = await call('POST', `${base}/getMessagesV2`, s.builderHeaders, { ...window, limit: 10000, forward: 'true' })
    t.same(forward.messages.map(m => m._id), [...ids].reverse(), `${label}: forward reverses`)
    const channels = [...new Set(sessions.map(x => x.channel))]
    const perChannel = await Promise.all(['rtm', 'msteams', 'slack', 'ivrVoice', 'facebook', 'email', 'sms'].map(c =>
      call('POST', `${base}/getMessagesV2`, s.builderHeaders, { ...window, channelType: c, limit: 1 })))
    t.equal(perChannel.reduce((a, p) => a + p.total, 0), whole.total, `${label}: channel types partition (${channels.join(',')})`)

    // batches of session ids, as a real client sends them: the sessions' messages inside the window
    const batch = sessions.slice(0, 20)
    if (batch.length > 0) {
      const got = await call('POST', `${base}/getMessagesV2`, s.builderHeaders, { ...window, sessionId: batch.map(x => x.sessionId), limit: 10000 })
      const wanted = new Set(batch.map(x => x.sessionId))
      t.same(got.messages.map(m => m._id), whole.messages.filter(m => wanted.has(m.sessionId)).map(m => m._id), `${label}: a batch of ${batch.length} sessions`)
    }
  }
})

t.test('bad input gets the Kore envelope with a 4xx', async t => {
  const app = await build(t)
  const s = await apps(app, 0)
  const other = await apps(app, 1)
  const base = `/api/public/bot/${s.bot.botId}`
  const someone = s.bot.userIds[0]
  const foreign = (await client(app)('POST', `/api/public/bot/${other.bot.botId}/getMessagesV2`, other.builderHeaders, { limit: 1, dateFrom: '2026-03-25' })).messages[0]._id
  const cases: Array<[string, 'GET' | 'POST', string, unknown, number]> = [
    ['GET without userId', 'GET', `${base}/getMessages?limit=5`, undefined, 400],
    ['v1 limit over 100', 'GET', `${base}/getMessages?userId=${someone}&limit=101`, undefined, 400],
    ['v2 limit over 10000', 'POST', `${base}/getMessagesV2`, { limit: 10001 }, 400],
    ['Admin Console form over 100', 'POST', '/api/public/getMessages', { limit: 500 }, 400],
    ['range of 7 days', 'POST', `${base}/getMessagesV2`, { dateFrom: '2026-03-01T00:00:00Z', dateTo: '2026-03-08T00:00:00Z' }, 400],
    ['range of 8 whole days', 'GET', `${base}/getMessagesV2?userId=${someone}&dateFrom=2026-03-01&dateTo=2026-03-08`, undefined, 400],
    ['reversed range', 'POST', `${base}/getMessages`, { dateFrom: '2026-03-10', dateTo: '2026-03-09' }, 400],
    ['garbled date', 'POST', `${base}/getMessages`, { dateTo: 'yesterday' }, 400],
    ['unknown channelType', 'GET', `${base}/getMessages?userId=${someone}&channelType=carrier-pigeon`, undefined, 400],
    ['garbled sessionId', 'POST', `${base}/getMessagesV2`, { sessionId: ['xyz'] }, 400],
    ['garbled msgId', 'POST', `${base}/getMessagesV2`, { msgId: 'ms-123' }, 400],
    ['another bot\'s msgId', 'POST', `${base}/getMessagesV2`, { msgId: foreign }, 400],
    ['msgId with dates', 'POST', `${base}/getMessagesV2`, { msgId: foreign, dateFrom: '2026-03-25' }, 400],
    ['non-integer direction', 'POST', `${base}/getMessagesV2`, { msgId: foreign, direction: 'up' }, 400],
    ['unknown tag type', 'POST', `${base}/getMessagesV2`, { tags: { and: [{ name: 'vip', type: 'everything' }] } }, 400],
    ['negative skip', 'GET', `${base}/getMessagesV2?userId=${someone}&skip=-3`, undefined, 400],
    ['body is a string', 'POST', `${base}/getMessages`, '"hello"', 412]
  ]
  for (const [label, method, url, payload, status] of cases) {
    const headers: Record<string, string> = { ...s.builderHeaders, ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}) }
    const res = await app.inject({ method, url, headers: url.startsWith('/api/public/getMessages') ? s.adminHeaders : headers, ...(payload === undefined ? {} : { payload: payload as object }) })
    t.equal(res.statusCode, status, `${label}: ${res.body.slice(0, 200)}`)
    t.equal(schemaErrors('KoreError', res.json()), null, `${label}: envelope`)
  }
  const malformed = await app.inject({ method: 'POST', url: `${base}/getMessagesV2`, headers: { ...s.builderHeaders, 'content-type': 'application/json' }, payload: '{"sessionId": [' })
  t.equal(malformed.statusCode, 400, 'malformed JSON')
  t.equal(schemaErrors('KoreError', malformed.json()), null)
  const builderOnAdmin = await app.inject({ method: 'POST', url: '/api/public/getMessages', headers: s.builderHeaders, payload: {} })
  t.equal(builderOnAdmin.statusCode, 401, 'the Admin Console form refuses App Builder apps')
})
