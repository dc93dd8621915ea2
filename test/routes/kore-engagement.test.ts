/** K17 User Engagement Trend v2: shapes, body handling, invariants and an independent count over random requests, bad input. */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build, koreSession, koreTenants } from '../helper.js'
import { schemaErrors } from '../schema-check.js'
import { propertyRun, rng } from '../property.js'

const { SEED, RUNS } = propertyRun(t, 30)

const DAY = 86_400_000
const HOURS = Array.from({ length: 24 }, (_, h) => `${h} - ${(h + 1) % 24}`)
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const label = (ms: number) => { const d = new Date(ms); return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')} ${d.getUTCFullYear()}` }
const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100
const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
type Point = Record<string, number | string>

async function uet (app: FastifyInstance, botId: string, q: string, headers: Record<string, string>) {
  const res = await app.inject({ method: 'POST', url: `/api/public/bot/${botId}/v2/userEngagementTrend?${q}`, headers })
  if (res.statusCode !== 200) throw new Error(`${q}: ${res.statusCode} ${res.body}`)
  return res.json()
}

t.test('daily and hourly answers have the documented shape; the body is optional and ignored', async t => {
  const app = await build(t)
  const s = await koreSession(app, 0)
  const base = `/api/public/bot/${s.bot.botId}/v2/userEngagementTrend`
  const q = 'start_date=2026-03-01&end_date=2026-03-05&conversationType=All&conversationStatus=All&timeZoneOffset=Asia%2FKolkata'
  const daily = await uet(app, s.bot.botId, `aggregation_type=daily&${q}`, s.builderHeaders)
  t.equal(schemaErrors('KoreUserEngagementTrend', daily), null)
  t.same(daily.filters, { start: 'Mar 01 2026', end: 'Mar 05 2026', conversationType: 'all', conversationStatus: 'all', aggregationType: 'daily', dataPointsCount: 5 })
  t.same(daily.uniqueUsersTrend.dataPoints.map((p: Point) => Object.keys(p)), Array(5).fill(['date', 'users']))
  t.same(daily.uniqueUsersTrend.dataPoints.map((p: Point) => p.date), ['Mar 01 2026', 'Mar 02 2026', 'Mar 03 2026', 'Mar 04 2026', 'Mar 05 2026'])
  const hourly = await uet(app, s.bot.botId, q, s.builderHeaders)
  t.equal(schemaErrors('KoreUserEngagementTrend', hourly), null)
  t.equal(hourly.filters.aggregationType, 'hourly', 'hourly is the default')
  t.equal(hourly.filters.dataPointsCount, 5, 'one point per day when hourly too')
  for (const trend of ['uniqueUsersTrend', 'newUsersTrend', 'returningUsersTrend']) {
    t.same(hourly[trend].dataPoints.map((p: Point) => Object.keys(p)), Array(5).fill(['date', ...HOURS]), `${trend}: all 24 keys, in order`)
  }
  t.same(hourly.summary, daily.summary)
  // the docs' request has no body and no Content-Type; the seed says application/json
  const variants: Array<[Record<string, string>, string | undefined]> = [
    [{}, undefined],
    [{ 'content-type': 'application/json' }, ''],
    [{ 'content-type': 'application/json' }, '{"filters":{"channels":["rtm"]}}'],
    [{ 'content-type': 'application/json; charset=utf-8' }, '   '],
    [{ 'content-type': 'application/x-www-form-urlencoded' }, ''],
    [{ 'content-type': 'text/plain' }, 'hello']
  ]
  for (const [headers, payload] of variants) {
    const res = await app.inject({ method: 'POST', url: `${base}?aggregation_type=DAILY&${q}`, headers: { ...s.builderHeaders, ...headers }, payload })
    t.equal(res.statusCode, 200, `${JSON.stringify(headers)} ${JSON.stringify(payload)}`)
    t.same(res.json(), daily, 'same answer whatever the body')
  }
})

interface Fact { started: number, user: number, isNew: number, interactive: number, status: string, channel: string }

t.test('property: invariants hold and figures match an independent count, over random windows, filters and zones', async t => {
  const app = await build(t)
  const random = rng(SEED)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]
  const tenants = await koreTenants(app)
  const sessions = await Promise.all(tenants.bots.map((_, i) => koreSession(app, i)))
  const factsOf = app.db.prepare(`SELECT s.started_ms AS started, s.user_id AS user, s.is_new_user AS isNew, s.interactive, s.status,
    c.ext_id AS channel FROM sessions s JOIN channels c ON c.id = s.channel_id JOIN bots b ON b.id = s.bot_id WHERE b.ext_id = ?`)
  const ZONES = [undefined, 'UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York', 'Europe/London', 'Pacific/Chatham', 'America/St_Johns', '+05:30', '-03:00']
  const formatters = new Map<string, Intl.DateTimeFormat>()
  // local date and hour straight from Intl: independent of the engine's offset segments
  // the fixed offsets through IANA zones with the same constant offset
  const IANA: Record<string, string> = { '+05:30': 'Asia/Kolkata', '-03:00': 'Etc/GMT+3' }
  const local = (tz: string, ms: number): [string, number] => {
    let f = formatters.get(tz)
    if (f === undefined) {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: IANA[tz] ?? tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      formatters.set(tz, f)
    }
    const p = Object.fromEntries(f.formatToParts(ms).map(x => [x.type, x.value]))
    return [`${p.year}-${p.month}-${p.day}`, Number(p.hour)]
  }

  for (let run = 0; run < RUNS; run++) {
    const s = pick(sessions)
    const facts = factsOf.all(s.bot.botId) as Fact[]
    const first = Date.UTC(2026, 1, 15) + Math.floor(random() * 48) * DAY
    const days = 1 + Math.floor(random() * (random() < 0.7 ? 10 : 60))
    const tz = pick(ZONES)
    const type = pick([undefined, 'All', 'Interactive', 'Non Interactive', 'non-interactive', 'INTERACTIVE'])
    const status = pick([undefined, 'All', 'Active', 'closed', 'CLOSED'])
    const channelList = [...new Set(facts.map(f => f.channel))]
    const channels = pick([undefined, 'All', channelList.filter(() => random() < 0.5).concat(random() < 0.2 ? ['whatsapp'] : []).join(',')])
    const q = [`start_date=${ymd(first)}`, `end_date=${ymd(first + (days - 1) * DAY)}`,
      ...(tz === undefined ? [] : [`timeZoneOffset=${encodeURIComponent(tz)}`]),
      ...(type === undefined ? [] : [`conversationType=${encodeURIComponent(type)}`]),
      ...(status === undefined ? [] : [`conversationStatus=${status}`]),
      ...(channels === undefined ? [] : [`channels=${channels}`])].join('&')
    const label0 = `run ${run}: ${s.bot.name} ${q}`
    const daily = await uet(app, s.bot.botId, `aggregation_type=${pick(['daily', 'Daily', 'DAILY'])}&${q}`, s.builderHeaders)
    const hourly = await uet(app, s.bot.botId, `${random() < 0.5 ? 'aggregation_type=hourly&' : ''}${q}`, s.builderHeaders)
    t.equal(schemaErrors('KoreUserEngagementTrend', daily), null)
    t.equal(schemaErrors('KoreUserEngagementTrend', hourly), null)

    // the invariants of acceptance item 2
    const sm = daily.summary
    t.equal(sm.uniqueUsers, sm.newUsers + sm.returningUsers, `${label0}: unique = new + returning`)
    const dNew = daily.newUsersTrend.dataPoints.map((p: Point) => Number(p.users))
    const dUnique = daily.uniqueUsersTrend.dataPoints.map((p: Point) => Number(p.users))
    const dBack = daily.returningUsersTrend.dataPoints.map((p: Point) => Number(p.users))
    t.equal(sumOf(dNew), sm.newUsers, `${label0}: Σ daily new = newUsers`)
    t.ok(dUnique.every((u: number, i: number) => u === dNew[i] + dBack[i]), 'daily unique = new + returning')
    t.ok(sumOf(dUnique) >= sm.uniqueUsers && Math.max(0, ...dUnique) <= sm.uniqueUsers, 'daily uniques bound the period')
    t.equal(sm.avgUniqueUsersPerDay, round2(sm.uniqueUsers / days))
    t.equal(sm.avgNewUsersPerDay, round2(sm.newUsers / days))
    t.equal(sm.avgReturningUsersPerDay, round2(sm.returningUsers / days))
    t.equal(daily.filters.dataPointsCount, days)
    t.equal(hourly.filters.dataPointsCount, days)
    t.same(hourly.summary, sm, 'same summary whatever the aggregation')
    for (let i = 0; i < days; i++) {
      const hu = HOURS.map(k => Number(hourly.uniqueUsersTrend.dataPoints[i][k]))
      const hn = HOURS.map(k => Number(hourly.newUsersTrend.dataPoints[i][k]))
      const hr = HOURS.map(k => Number(hourly.returningUsersTrend.dataPoints[i][k]))
      t.equal(sumOf(hn), dNew[i], `${label0} day ${i}: Σ hourly new = daily new`)
      t.ok(Math.max(...hu) <= dUnique[i] && dUnique[i] <= sumOf(hu), `${label0} day ${i}: max hourly ≤ daily ≤ Σ hourly unique`)
      t.ok(hu.every((u, h) => u === hn[h] + hr[h]), 'hourly unique = new + returning')
    }
    t.same(daily.filters, {
      start: label(first),
      end: label(first + (days - 1) * DAY),
      conversationType: (type ?? 'all').toLowerCase().replace('-', ' '),
      conversationStatus: (status ?? 'all').toLowerCase(),
      aggregationType: 'daily',
      dataPointsCount: days
    }, 'filters echo the request in lower case')

    // an independent count from the raw sessions
    const wantType = (type ?? 'all').toLowerCase().replace(/[^a-z]/g, '')
    const wantStatus = (status ?? 'all').toLowerCase()
    const wantChannels = channels === undefined || channels === 'All' ? null : channels.split(',').filter(c => c !== '')
    const dayIndex = new Map(Array.from({ length: days }, (_, i) => [ymd(first + i * DAY), i]))
    const uniq = Array.from({ length: days }, () => Array.from({ length: 24 }, () => new Set<number>()))
    const fresh = Array.from({ length: days }, () => Array.from({ length: 24 }, () => new Set<number>()))
    const all = new Set<number>()
    const allNew = new Set<number>()
    for (const f of facts) {
      if (wantType !== 'all' && f.interactive !== (wantType === 'interactive' ? 1 : 0)) continue
      if (wantStatus !== 'all' && f.status !== wantStatus) continue
      if (wantChannels !== null && wantChannels.length > 0 && !wantChannels.includes(f.channel)) continue
      const [d, h] = local(tz ?? 'UTC', f.started)
      const i = dayIndex.get(d)
      if (i === undefined) continue
      uniq[i][h].add(f.user)
      all.add(f.user)
      if (f.isNew === 1) { fresh[i][h].add(f.user); allNew.add(f.user) }
    }
    t.equal(sm.uniqueUsers, all.size, `${label0}: uniqueUsers counted independently`)
    t.equal(sm.newUsers, allNew.size, `${label0}: newUsers counted independently`)
    for (let i = 0; i < days; i++) {
      t.same(HOURS.map(k => hourly.uniqueUsersTrend.dataPoints[i][k]), uniq[i].map(x => x.size), `${label0} day ${i}: hourly uniques`)
      t.same(HOURS.map(k => hourly.newUsersTrend.dataPoints[i][k]), fresh[i].map(x => x.size), `${label0} day ${i}: hourly new`)
      t.equal(dUnique[i], new Set(uniq[i].flatMap(x => [...x])).size, `${label0} day ${i}: daily unique`)
    }

    // the two conversation types (and the two statuses) split the new users between them
    if (type === undefined && status === undefined) {
      const part = async (extra: string) => (await uet(app, s.bot.botId, `aggregation_type=daily&${q}&${extra}`, s.builderHeaders)).summary.newUsers
      t.equal(await part('conversationType=Interactive') + await part('conversationType=Non%20Interactive'), sm.newUsers, `${label0}: types split newUsers`)
      t.equal(await part('conversationStatus=Active') + await part('conversationStatus=Closed'), sm.newUsers, `${label0}: statuses split newUsers`)
    }
  }
})

t.test('bad input and refused callers: the Kore envelope with a 4xx, never a 500', async t => {
  const app = await build(t)
  const s = await koreSession(app, 1)
  const base = `/api/public/bot/${s.bot.botId}/v2/userEngagementTrend`
  const ok = 'start_date=2026-03-01&end_date=2026-03-07'
  const cases: Array<[string, number, Record<string, string>?, string?]> = [
    [`${base}?end_date=2026-03-07`, 400],
    [`${base}?start_date=2026-03-01`, 400],
    [`${base}?start_date=2026-3-1&end_date=2026-03-07`, 400],
    [`${base}?start_date=2026-02-29&end_date=2026-03-07`, 400],
    [`${base}?start_date=2026-03-07T00:00:00Z&end_date=2026-03-08`, 400],
    [`${base}?start_date=2026-03-07&end_date=2026-03-01`, 400],
    [`${base}?start_date=2025-01-01&end_date=2026-03-07`, 400],
    [`${base}?${ok}&aggregation_type=weekly`, 400],
    [`${base}?${ok}&conversationType=Voice`, 400],
    [`${base}?${ok}&conversationStatus=Pending`, 400],
    [`${base}?${ok}&timeZoneOffset=Mars%2FOlympus`, 400],
    [`${base}?${ok}&timeZoneOffset=%2B25:00`, 400],
    [`${base}?${ok}`, 400, { 'content-type': 'application/json' }, '{"broken":'],
    [`/api/public/bot/st-00000000-0000-4000-8000-000000000000/v2/userEngagementTrend?${ok}`, 400],
    [`${base}?${ok}`, 401, { auth: s.admin.sampleJwt }],
    [`${base}?${ok}`, 401, { auth: '' }],
    [`${base}?${ok}`, 401, { auth: 'not.a.jwt' }]
  ]
  const other = s.tenants.apps.find(a => a.kind === 'builder' && !a.botIds.includes(s.bot.botId))
  if (other !== undefined) cases.push([`${base}?${ok}`, 401, { auth: other.sampleJwt }])
  for (const [url, status, headers, payload] of cases) {
    const res = await app.inject({ method: 'POST', url, headers: { ...s.builderHeaders, ...headers }, payload })
    t.equal(res.statusCode, status, `${url} ${JSON.stringify(headers ?? {}).slice(0, 60)}: ${res.body.slice(0, 200)}`)
    t.equal(schemaErrors('KoreError', res.json()), null)
  }
  const get = await app.inject({ url: `${base}?${ok}`, headers: s.builderHeaders })
  t.equal(get.statusCode, 405, 'GET on the POST path')
  t.equal(schemaErrors('KoreError', get.json()), null)
  const still = await app.inject({ method: 'POST', url: `${base}?${ok}`, headers: s.builderHeaders })
  t.equal(still.statusCode, 200, 'still serving')
})
