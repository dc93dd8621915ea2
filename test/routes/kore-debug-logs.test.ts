/** Debug Logs (K12): the bare array, consistency with the identity's sessions and messages, paging, zones, bad input. */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build, koreSession, NOW } from '../helper.js'
import { schemaErrors } from '../schema-check.js'

const DAY = 86_400_000
type Doc = Record<string, any>

function must<T> (value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the dataset has no ${what}`)
  return value
}

async function apps (app: FastifyInstance, botIndex: number) {
  const s = await koreSession(app, botIndex)
  const pick = (kind: string, scope: string) => s.tenants.apps.find(a => a.kind === kind && a.botIds.includes(s.bot.botId) && a.scopes.includes(scope))
  const builder = pick('builder', 'Debug Logs')
  const admin = pick('admin', 'Chat History')
  if (builder === undefined || admin === undefined) throw new Error('no apps')
  return { ...s, builderHeaders: { auth: builder.sampleJwt }, adminHeaders: { auth: admin.sampleJwt } }
}

async function json (app: FastifyInstance, method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) {
  const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`)
  return res.json()
}

/** Every session of a user across the whole history (which runs to the anchor day's end), oldest first. */
async function sessionsOfUser (app: FastifyInstance, base: string, headers: Record<string, string>, userId: string): Promise<Doc[]> {
  const out: Doc[] = []
  for (let end = NOW + DAY; end > NOW - 50 * DAY; end -= 7 * DAY) {
    const body = { userId, dateFrom: new Date(end - 7 * DAY).toISOString(), dateTo: new Date(end - 1).toISOString(), limit: 10000 }
    out.push(...(await json(app, 'POST', `${base}/getSessions`, headers, body)).sessions)
  }
  return out.sort((a, b) => a.start_time.localeCompare(b.start_time))
}

t.test('debug logs follow the identity\'s sessions and messages', async t => {
  const app = await build(t)
  const s = await apps(app, 0)
  const base = `/api/public/bot/${s.bot.botId}`
  const logs = (q: string) => json(app, 'GET', `/api/1.1/${s.bot.botId}/debuglogs?${q}`, s.builderHeaders)
  const recent = (await json(app, 'POST', `${base}/getSessions`, s.builderHeaders, { limit: 10000 })).sessions as Doc[]
  const counts = new Map<string, number>()
  for (const x of recent) counts.set(`${x.userId}|${x.channel}`, (counts.get(`${x.userId}|${x.channel}`) ?? 0) + 1)
  const [key] = [...counts].sort((a, b) => b[1] - a[1])[0]
  const [userId, channel] = key.split('|')

  // all entries, through offset pages of 50
  const entries: Doc[] = []
  for (let offset = 0; ; offset += 50) {
    const page = await logs(`identity=${userId}&channelType=${channel}&offset=${offset}`)
    t.equal(schemaErrors('KoreDebugLogs', page), null, 'schema')
    entries.push(...page)
    if (page.length < 50) break
  }
  const sessions = (await sessionsOfUser(app, base, s.builderHeaders, userId)).filter(x => x.channel === channel)
  t.ok(sessions.length > 0 && entries.length > 0)
  const stamps = entries.map(e => Date.parse(e.timestamp))
  t.same(stamps, [...stamps].sort((a, b) => a - b), 'oldest first')
  t.ok(entries.every(e => e.metaInfo.channel === channel && e.metaInfo.identity === userId))
  t.ok(entries.every(e => sessions.some(x => Date.parse(x.start_time) <= Date.parse(e.timestamp) && Date.parse(e.timestamp) <= Date.parse(x.end_time))),
    'every entry falls inside one of the sessions')

  // each user message is either an intent node or a no-match warning, with its text as the detail
  const incoming: Doc[] = []
  for (const x of sessions) {
    const page = await json(app, 'POST', `${base}/getMessagesV2`, s.builderHeaders, { sessionId: [x.sessionId], limit: 10000, forward: true })
    incoming.push(...page.messages.filter((m: Doc) => m.type === 'incoming'))
  }
  const perMessage = entries.filter(e => e.debugMessage === 'executeNode has invoked due to MAX_NO_MATCH event' ||
    (e.debugMessage === 'intent node initiated' && e.debugDetail !== undefined))
  t.equal(perMessage.length, incoming.length, 'one entry per user message')
  t.same(perMessage.map(e => JSON.parse(e.debugDetail)), incoming.map(m => m.components[0].data.text))
  t.ok(entries.filter(e => e.debugLevel === 'Warning').every(e => Number(e.nomatch_count) >= 1 && typeof e.noinput_count === 'string'))
  const ends = entries.filter(e => e.debugTitle.endsWith(': Reached end of dialog'))
  t.ok(ends.length <= sessions.filter(x => x.sessionStatus === 'closed').length, 'a dialog ends only in a closed session')
  t.ok(ends.length >= 1)

  // minimumInfo, limit, timezone, dates and the identity forms
  const first = await logs(`identity=${userId}&channelType=${channel}&limit=20`)
  t.same(first, entries.slice(0, 20))
  const minimum = await logs(`identity=${userId}&channelType=${channel}&limit=20&minimumInfo=true`)
  t.same(minimum, first.map(({ debugDetail: _d, ...e }: Doc) => e), 'minimumInfo leaves out debugDetail only')
  const zoned = await logs(`identity=${userId}&channelType=${channel}&limit=20&timezone=Asia/Kolkata`)
  t.ok(zoned.every((e: Doc) => e.timestamp.endsWith('+05:30')))
  t.same(zoned.map((e: Doc) => Date.parse(e.timestamp)), first.map((e: Doc) => Date.parse(e.timestamp)), 'the same instants')
  const day = entries[Math.floor(entries.length / 2)].timestamp.slice(0, 10)
  const ofDay = await logs(`identity=${userId}&channelType=${channel}&fromDate=${day}&toDate=${day}`)
  t.same(ofDay, entries.filter(e => e.timestamp.startsWith(day)).slice(0, 50), 'fromDate/toDate select whole days')
  const korevg = await logs(`identity=${encodeURIComponent(`${s.builder.clientId}/${userId}`)}&channelType=${channel}&limit=5`)
  t.same(korevg.map((e: Doc) => e.timestamp), entries.slice(0, 5).map(e => e.timestamp), '{clientId}/{channelUId} reads the same identity')
  t.same(await logs(`identity=u-00000000-0000-0000-0000-000000000000&channelType=${channel}`), [], 'an unknown identity has no logs')

  // SmartAssist identities name one voice session
  const voice = must(recent.find(x => x.channel === 'ivrVoice'), 'voice session')
  const account = (await json(app, 'POST', `${base}/getMessagesV2`, s.builderHeaders, { sessionId: [voice.sessionId], limit: 1 })).messages[0].accountId
  const assist = await logs(`identity=${account}/smartassist/${voice.sessionId}&channelType=smartassist`)
  t.ok(assist.length > 0)
  t.ok(assist.every((e: Doc) => Date.parse(e.timestamp) >= Date.parse(voice.start_time) && Date.parse(e.timestamp) <= Date.parse(voice.end_time)))
  t.ok(assist.every((e: Doc) => e.metaInfo.channel === 'smartassist'))
})

t.test('bad input gets the Kore envelope with a 4xx; Admin Console apps are refused', async t => {
  const app = await build(t)
  const s = await apps(app, 0)
  const other = await apps(app, 1)
  const url = `/api/1.1/${s.bot.botId}/debuglogs`
  const id = s.bot.userIds[0]
  const cases: Array<[string, string, number]> = [
    ['no identity', `${url}?channelType=rtm`, 400],
    ['limit over 50', `${url}?identity=${id}&limit=51`, 400],
    ['negative offset', `${url}?identity=${id}&offset=-1`, 400],
    ['unknown timezone', `${url}?identity=${id}&timezone=Mars/Olympus_Mons`, 400],
    ['unknown channelType', `${url}?identity=${id}&channelType=fax`, 400],
    ['garbled fromDate', `${url}?identity=${id}&fromDate=31-03-2026`, 400],
    ['reversed dates', `${url}?identity=${id}&fromDate=2026-03-10&toDate=2026-03-01`, 400],
    ['minimumInfo not a boolean', `${url}?identity=${id}&minimumInfo=maybe`, 400],
    ['unknown bot', '/api/1.1/st-00000000-0000-0000-0000-000000000000/debuglogs?identity=x', 400]
  ]
  for (const [label, u, status] of cases) {
    const res = await app.inject({ method: 'GET', url: u, headers: s.builderHeaders })
    t.equal(res.statusCode, status, `${label}: ${res.body.slice(0, 200)}`)
    t.equal(schemaErrors('KoreError', res.json()), null, `${label}: envelope`)
  }
  const admin = await app.inject({ method: 'GET', url: `${url}?identity=${id}`, headers: s.adminHeaders })
  t.equal(admin.statusCode, 401, 'Admin Console: not applicable')
  t.same(admin.json(), { errors: [{ msg: 'Permission denied. Scope is incorrect!', code: 4002 }] })
  const otherBot = await app.inject({ method: 'GET', url: `${url}?identity=${id}`, headers: other.builderHeaders })
  t.equal(otherBot.statusCode, 401, 'another bot\'s App Builder app')
  const twilio = await app.inject({ method: 'GET', url: `/api/1.1/${s.bot.botId}/debuglogs?identity=${id}&channelType=twiliosms`, headers: s.builderHeaders })
  t.equal(twilio.statusCode, 200)
})
