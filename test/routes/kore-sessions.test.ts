/** Sessions History (K5, K6): shapes, filters, the sessionId lookup, and paging/partition properties over random windows. */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build, koreSession, NOW } from '../helper.js'
import { schemaErrors } from '../schema-check.js'
import { propertyRun, rng } from '../property.js'

const { SEED, RUNS } = propertyRun(t, 25)

const DAY = 86_400_000
type Session = Record<string, any>

function must<T> (value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the dataset has no ${what}`)
  return value
}

/** The bot's App Builder app and the account's Admin Console app that hold "Bot Sessions". */
async function apps (app: FastifyInstance, botIndex: number) {
  const s = await koreSession(app, botIndex)
  const pick = (kind: string) => s.tenants.apps.find(a => a.kind === kind && a.botIds.includes(s.bot.botId) && a.scopes.includes('Bot Sessions'))
  const builder = pick('builder')
  const admin = pick('admin')
  if (builder === undefined || admin === undefined) throw new Error('no apps with Bot Sessions')
  return { ...s, builderHeaders: { auth: builder.sampleJwt }, adminHeaders: { auth: admin.sampleJwt } }
}

function poster (app: FastifyInstance) {
  return async (url: string, headers: Record<string, string>, payload?: unknown) => {
    const res = await app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) })
    if (res.statusCode !== 200) throw new Error(`${url} ${JSON.stringify(payload)}: ${res.statusCode} ${res.body}`)
    const body = res.json()
    const errors = schemaErrors('KoreSessions', body)
    if (errors !== null) throw new Error(`${url}: schema ${errors}`)
    return body as { total: number, moreAvailable: boolean, sessions: Session[], invalidSessions?: string[] }
  }
}

t.test('getSessions answers the documented shape for both app kinds and the Admin Console form', async t => {
  const app = await build(t)
  const s = await apps(app, 0)
  const post = poster(app)
  const url = `/api/public/bot/${s.bot.botId}/getSessions`

  // no body at all, and the doc's empty JSON body: the default window, the 7 days up to now
  const bare = await post(url, s.builderHeaders)
  const empty = await app.inject({ method: 'POST', url, headers: { ...s.builderHeaders, 'content-type': 'application/json' }, payload: '' })
  t.equal(empty.statusCode, 200)
  t.same(empty.json(), bare)
  t.ok(bare.total > 0)
  t.equal(bare.sessions.length, Math.min(100, bare.total), 'default limit 100')
  for (const x of bare.sessions) {
    t.ok(Date.parse(x.start_time) >= NOW - 7 * DAY && Date.parse(x.start_time) <= NOW, 'inside the default window')
    t.equal(x.botId, s.bot.botId)
    t.match(x.userId, /^u-/)
    t.equal(x.noOfMessagesExchanged >= 1, true)
    t.ok(Date.parse(x.end_time) >= Date.parse(x.start_time))
  }
  const starts = bare.sessions.map(x => Date.parse(x.start_time))
  t.same(starts, [...starts].sort((a, b) => b - a), 'newest first')
  t.same(await post(url, s.adminHeaders, {}), bare, 'an Admin Console app reads the bot form too')

  const all = await post('/api/public/getSessions', s.adminHeaders, { limit: 10000 })
  const perBot = await Promise.all(s.tenants.bots.map(async (_b, i) => {
    const other = await apps(app, i)
    return (await post(`/api/public/bot/${other.bot.botId}/getSessions`, other.builderHeaders, { limit: 1 })).total
  }))
  t.equal(all.total, perBot.reduce((a, b) => a + b, 0), 'the Admin Console form covers every bot of the account')
  t.same(new Set(all.sessions.map(x => x.botId)).size, s.tenants.bots.length)
})

t.test('filters: userId, sessionType, tags, dates and the sessionId lookup', async t => {
  const app = await build(t)
  const s = await apps(app, 1)
  const post = poster(app)
  const url = `/api/public/bot/${s.bot.botId}/getSessions`
  const window = { dateFrom: '2026-03-20', dateTo: '2026-03-26', limit: 10000 }
  const all = await post(url, s.builderHeaders, window)
  t.ok(all.sessions.every(x => x.start_time >= '2026-03-20' && x.start_time < '2026-03-27'), 'bare dates are whole GMT days')

  const user = all.sessions[0].userId
  const mine = await post(url, s.builderHeaders, { ...window, userId: user })
  t.same(mine.sessions.map(x => x.sessionId), all.sessions.filter(x => x.userId === user).map(x => x.sessionId))

  const tagged = must(all.sessions.find(x => x.tags.sessionTags.length > 0), 'tagged session')
  const name = tagged.tags.sessionTags[0].name
  const withTag = await post(url, s.builderHeaders, { ...window, tags: { and: [{ name, values: ['true'], type: 'session' }] } })
  t.same(withTag.sessions.map(x => x.sessionId), all.sessions.filter(x => x.tags.sessionTags.some((g: any) => g.name === name)).map(x => x.sessionId))
  t.equal((await post(url, s.builderHeaders, { ...window, tags: { and: [{ name, type: 'user' }] } })).total, 0, 'no user tags in the sandbox')
  const either = await post(url, s.builderHeaders, { ...window, tags: { or: [{ name }, { name: 'no-such-tag' }] } })
  t.equal(either.total, withTag.total)

  const lookup = [all.sessions[3].sessionId, all.sessions[1].sessionId.toUpperCase(), all.sessions[3].sessionId, 'not-an-id', 'abcdefabcdefabcdefabcdef']
  const found = await post(url, s.builderHeaders, { sessionId: lookup, dateFrom: '2020-01-01', dateTo: '2020-01-02', userId: 'u-nobody', sessionType: 'non-interactive' })
  t.same(found.sessions.map(x => x.sessionId), [all.sessions[1].sessionId, all.sessions[3].sessionId], 'other filters ignored, newest first, duplicates once')
  t.same(found.invalidSessions, ['not-an-id', 'abcdefabcdefabcdefabcdef'])
  t.equal(found.total, 2)
  const other = await apps(app, 0)
  const foreign = await post(url, s.builderHeaders, { sessionId: [(await post(`/api/public/bot/${other.bot.botId}/getSessions`, other.builderHeaders, {})).sessions[0].sessionId] })
  t.equal(foreign.total, 0, 'another bot\'s session is not found here')
  t.equal(foreign.invalidSessions?.length, 1)

  // callId: a voice session looked up by its id (the sandbox's call id)
  const voiceBot = await apps(app, 0)
  const voiceAll = await post(`/api/public/bot/${voiceBot.bot.botId}/getSessions`, voiceBot.builderHeaders, window)
  const voice = must(voiceAll.sessions.find(x => x.channel === 'ivrVoice'), 'voice session')
  const text = must(voiceAll.sessions.find(x => x.channel !== 'ivrVoice'), 'text session')
  const byCall = await post(`/api/public/bot/${voiceBot.bot.botId}/getSessions?callId=${voice.sessionId}`, voiceBot.builderHeaders, {})
  t.same(byCall.sessions.map(x => x.sessionId), [voice.sessionId])
  t.equal((await post(`/api/public/bot/${voiceBot.bot.botId}/getSessions?callId=${text.sessionId}`, voiceBot.builderHeaders, {})).total, 0)

  // a single end: the other end is 7 days away
  const fromOnly = await post(url, s.builderHeaders, { dateFrom: '2026-03-20T00:00:00.000Z', limit: 10000 })
  t.same(fromOnly.sessions.map(x => x.sessionId), all.sessions.map(x => x.sessionId))
  const toOnly = await post(url, s.builderHeaders, { dateTo: '2026-03-26', limit: 10000 })
  t.same(toOnly.sessions.map(x => x.sessionId), all.sessions.map(x => x.sessionId))
})

t.test('properties over random windows: pages partition the list, containment and session type partition it', async t => {
  const app = await build(t)
  const random = rng(SEED)
  const post = poster(app)
  const bots = [await apps(app, 0), await apps(app, 1), await apps(app, 2)]
  const ids = (r: { sessions: Session[] }) => r.sessions.map(x => x.sessionId)

  for (let run = 0; run < RUNS; run++) {
    const s = bots[Math.floor(random() * bots.length)]
    const admin = random() < 0.2
    const url = admin ? '/api/public/getSessions' : `/api/public/bot/${s.bot.botId}/getSessions`
    const headers = admin || random() < 0.3 ? s.adminHeaders : s.builderHeaders
    const from = NOW - Math.floor(random() * 44 * DAY)
    const to = from + Math.floor(random() * 7 * DAY) - 1
    const body = random() < 0.5
      ? { dateFrom: new Date(from).toISOString(), dateTo: new Date(to).toISOString() }
      : { dateFrom: new Date(from).toISOString().slice(0, 10), dateTo: new Date(from + Math.floor(random() * 7) * DAY).toISOString().slice(0, 10) }
    const label = `run ${run}: ${url} ${JSON.stringify(body)}`

    const whole = await post(url, headers, { ...body, limit: 10000 })
    t.equal(whole.sessions.length, whole.total, `${label}: one page holds all`)
    t.equal(new Set(ids(whole)).size, whole.total, `${label}: no duplicates`)
    const limit = 1 + Math.floor(random() * 40)
    const paged: string[] = []
    for (let skip = 0, more = true; more; skip += limit) {
      const page = await post(url, headers, { ...body, skip, limit })
      t.equal(page.total, whole.total, `${label}: total stable across pages`)
      paged.push(...ids(page))
      more = page.moreAvailable
      if (skip > whole.total + limit) throw new Error('paging does not end')
    }
    t.same(paged, ids(whole), `${label}: pages of ${limit} partition the list, in order`)

    const parts = await Promise.all(['selfService', 'dropOff', 'agent'].map(c => post(`${url}?containmentType=${c}`, headers, { ...body, limit: 10000 })))
    t.equal(parts.reduce((a, p) => a + p.total, 0), whole.total, `${label}: containment types sum to the total`)
    t.same(parts.flatMap(ids).sort(), ids(whole).sort(), `${label}: containment types partition the sessions`)
    parts.forEach((p, i) => t.ok(p.sessions.every(x => x.containmentType === ['selfService', 'dropOff', 'agent'][i])))

    const types = await Promise.all(['interactive', 'non-interactive'].map(st => post(url, headers, { ...body, sessionType: st, limit: 10000 })))
    t.same(types.flatMap(ids).sort(), ids(whole).sort(), `${label}: session types partition the sessions`)
    t.ok(types[1].sessions.every(x => x.sessionType === 'non-interactive'))
  }
})

t.test('bad input gets the Kore envelope with a 4xx', async t => {
  const app = await build(t)
  const s = await apps(app, 0)
  const url = `/api/public/bot/${s.bot.botId}/getSessions`
  const cases: Array<[string, string, unknown, number]> = [
    ['8 whole days', url, { dateFrom: '2026-03-01', dateTo: '2026-03-08' }, 400],
    ['exactly 7 days of instants', url, { dateFrom: '2026-03-01T00:00:00.000Z', dateTo: '2026-03-08T00:00:00.000Z' }, 400],
    ['reversed range', url, { dateFrom: '2026-03-05', dateTo: '2026-03-01' }, 400],
    ['garbled date', url, { dateFrom: '2026-13-45' }, 400],
    ['limit over the maximum', url, { limit: 10001 }, 400],
    ['limit zero', url, { limit: 0 }, 400],
    ['negative skip', url, { skip: -1 }, 400],
    ['unknown sessionType', url, { sessionType: 'chatty' }, 400],
    ['more than 50 session ids', url, { sessionId: Array.from({ length: 51 }, (_, i) => i.toString(16).padStart(24, '0')) }, 400],
    ['unknown tag type', url, { tags: { and: [{ name: 'vip', type: 'bot' }] } }, 400],
    ['unknown containmentType', `${url}?containmentType=partial`, {}, 400],
    ['body is an array', url, [], 412],
    ['unknown bot', '/api/public/bot/st-00000000-0000-0000-0000-000000000000/getSessions', {}, 400]
  ]
  for (const [label, u, payload, status] of cases) {
    const res = await app.inject({ method: 'POST', url: u, headers: s.builderHeaders, payload: payload as object })
    t.equal(res.statusCode, status, `${label}: ${res.body.slice(0, 200)}`)
    t.equal(schemaErrors('KoreError', res.json()), null, `${label}: envelope`)
  }
  const malformed = await app.inject({ method: 'POST', url, headers: { ...s.builderHeaders, 'content-type': 'application/json' }, payload: '{"limit": 5' })
  t.equal(malformed.statusCode, 400, 'malformed JSON')
  t.equal(schemaErrors('KoreError', malformed.json()), null)
  const builderOnAdmin = await app.inject({ method: 'POST', url: '/api/public/getSessions', headers: s.builderHeaders, payload: {} })
  t.equal(builderOnAdmin.statusCode, 401, 'the Admin Console form refuses App Builder apps')
  t.same(builderOnAdmin.json(), { errors: [{ msg: 'Permission denied. Scope is incorrect!', code: 4002 }] })
})
