/** Invariants as properties over many random requests (acceptance 3). The seed is printed for replay. */
import t from 'tap'
import { build, evaSession } from '../helper.js'
import { propertyRun, rng } from '../property.js'

const { SEED, RUNS } = propertyRun(t, 30)

const ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York', 'America/Sao_Paulo', 'Europe/Madrid', 'Pacific/Chatham', '+05:30']
const DAY = 86_400_000
const sum = (xs: Array<{ value: number }>) => xs.reduce((a, b) => a + b.value, 0)
const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100

t.test('dashboards agree with lists, buckets, previous windows and pages', async t => {
  const app = await build(t)
  const random = rng(SEED)
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]
  const sessions = [await evaSession(app, 0), await evaSession(app, 1), await evaSession(app, 2)]
  const get = async (url: string, headers: Record<string, string>) => {
    const res = await app.inject({ url, headers })
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    return res.json()
  }

  for (let run = 0; run < RUNS; run++) {
    const s = pick(sessions)
    const tz = pick(ZONES)
    const startMs = Date.UTC(2026, 1, 1) + Math.floor(random() * 58) * DAY
    const days = 1 + Math.floor(random() * 40)
    let dates: string
    if (random() < 0.6) {
      dates = `startDate=${new Date(startMs).toISOString()}&endDate=${new Date(startMs + (days - 1) * DAY).toISOString()}`
    } else {
      const a = startMs + Math.floor(random() * DAY)
      dates = `startDate=${new Date(a).toISOString()}&endDate=${new Date(a + Math.floor(random() * days * DAY)).toISOString()}`
    }
    const sh = Math.floor(random() * 24)
    const eh = random() < 0.5 ? 23 : sh + Math.floor(random() * (24 - sh))
    const channels = s.bot.channels.filter(() => random() < 0.6).map(c => c.uuid).join(',')
    const q = `${dates}&startHour=${sh}&endHour=${eh}&timezone=${encodeURIComponent(tz)}&channelUuids=${channels}`
    const label = `run ${run}: ${s.bot.name} ${q}`

    const conv = await get(`${s.base}/dashboard/conversations?${q}`, s.headers)
    const total = conv.periodOverview.totalAmount
    for (const level of ['hours', 'days', 'weeks', 'months']) {
      const levelSum = conv.channelAnalytics.reduce((a: number, c: Record<string, Array<{ value: number }>>) => a + sum(c[level]), 0)
      t.equal(levelSum, total, `${label}: Σ ${level} = totalAmount`)
    }
    const list = await get(`${s.base}/conversations/list?${q}&size=1`, s.headers)
    t.equal(list.totalElements, total, `${label}: list totalElements = totalAmount`)

    // the previous window, requested directly, has the total the comparison used
    const po = conv.periodOverview
    const prev = await get(`${s.base}/dashboard/conversations?startDate=${po.relativeStartDate}&endDate=${po.relativeEndDate}` +
      `&startHour=${sh}&endHour=${eh}&timezone=${encodeURIComponent(tz)}&channelUuids=${channels}`, s.headers)
    const p = prev.periodOverview.totalAmount
    t.equal(po.hasIncreased, total > p, `${label}: hasIncreased`)
    const expected = po.hasRelativeData && p > 0 ? round2(Math.abs(total - p) / p * 100) : 0
    t.equal(po.relativeIncrease, expected, `${label}: relativeIncrease from ${total} vs ${p}`)
    t.equal(prev.periodOverview.relativeEndDate < po.relativeEndDate || prev.periodOverview.relativeEndDate === po.relativeEndDate, true)

    const msgs = await get(`${s.base}/dashboard/messages?${q}`, s.headers)
    const dto = msgs.trafficAnalyticsDTO
    for (const level of ['hours', 'days', 'weeks', 'months']) {
      t.equal(sum(dto[level]), msgs.periodOverview.totalAmount, `${label}: messages Σ ${level}`)
      const avgKey = `average${level[0].toUpperCase()}${level.slice(1)}Value`
      t.equal(dto[avgKey], dto[level].length === 0 ? 0 : round2(sum(dto[level]) / dto[level].length), `${label}: ${avgKey}`)
    }
    const all = await get(`${s.base}/messages/list?${q}&size=1&nlpResponseFilters=ALL`, s.headers)
    const found = await get(`${s.base}/messages/list?${q}&size=1&nlpResponseFilters=FOUND`, s.headers)
    const none = await get(`${s.base}/messages/list?${q}&size=1&nlpResponseFilters=NONE`, s.headers)
    t.equal(all.totalElements, msgs.periodOverview.totalAmount, `${label}: messages total = list ALL`)
    t.equal(found.totalElements + none.totalElements, all.totalElements, `${label}: FOUND + NONE = ALL`)
    const acc = await get(`${s.base}/dashboard/accuracy?${q}`, s.headers)
    t.equal(acc.rateCurrent, all.totalElements === 0 ? 0 : round2(found.totalElements / all.totalElements * 100), `${label}: accuracy`)

    const users = await get(`${s.base}/dashboard/users?${q}`, s.headers)
    t.ok(users.periodOverview.totalAmount <= total, `${label}: users ≤ conversations`)
    t.ok(Math.max(0, ...users.trafficAnalyticsDTO.days.map((d: { value: number }) => d.value)) <= users.periodOverview.totalAmount)

    const intents = await get(`${s.base}/dashboard/stacking/intents?${q}`, s.headers)
    const totals = new Map<string, number>()
    for (const ch of intents.channelList) for (const tp of ch.topicBreakdown) totals.set(tp.name, tp.totalValue)
    for (const [name, tv] of totals) {
      const perChannel = intents.channelList.map((ch: { topicBreakdown: Array<{ name: string, channelValue: number }> }) => ch.topicBreakdown.find(x => x.name === name)?.channelValue ?? 0)
      t.ok(perChannel.reduce((a: number, b: number) => a + b, 0) <= tv, `${label}: ${name} channel values ≤ total`)
    }
  }
})

t.test('pages partition a list, in the requested order', async t => {
  const app = await build(t)
  const random = rng(SEED + 1)
  const s = await evaSession(app)
  const sorts: Array<[string, string, (x: Record<string, unknown>) => number]> = [
    ['conversations', 'conversationStartedAt', x => Date.parse(x.conversationStartedAt as string)],
    ['conversations', 'satisfaction', x => (x.satisfaction as number | null) ?? -Infinity],
    ['conversations', 'userMessages', x => x.userMessages as number],
    ['conversations', 'flowsTravelled', x => x.flowsTravelled as number],
    ['conversations', 'duration', x => x.durationInSeconds as number],
    ['messages', 'deliveredAt', x => Date.parse(x.deliveredAt as string)],
    ['messages', 'confidence', x => x.confidence as number]
  ]
  for (let run = 0; run < Math.max(7, RUNS / 3); run++) {
    const [kind, orderBy, key] = sorts[run % sorts.length]
    const direction = random() < 0.5 ? 'ASC' : 'DESC'
    const start = Date.UTC(2026, 2, 1) + Math.floor(random() * 25) * DAY
    const q = `startDate=${new Date(start).toISOString()}&endDate=${new Date(start + 2 * DAY).toISOString()}&orderBy=${orderBy}&direction=${direction}`
    const size = 1 + Math.floor(random() * 40)
    const ids: string[] = []
    const keys: number[] = []
    let total = -1
    for (let page = 1; page < 10_000; page++) { // a bound, not a limit: TEST_DB lists run to thousands of pages
      const res = await app.inject({ url: `${s.base}/${kind}/list?${q}&size=${size}&page=${page}`, headers: s.headers })
      const body = res.json()
      total = body.totalElements
      t.equal(body.numberOfElements, body.content.length)
      for (const item of body.content) {
        ids.push(kind === 'conversations' ? item.sessionCode : item.messageId)
        keys.push(key(item))
      }
      if (body.last === true) {
        t.equal(body.totalPages, Math.max(Math.ceil(total / size), 0), 'totalPages')
        break
      }
    }
    const label = `${kind} ${q} size=${size}`
    t.equal(ids.length, total, `${label}: pages cover the list`)
    t.equal(new Set(ids).size, ids.length, `${label}: no duplicates`)
    const ordered = keys.every((k, i) => i === 0 || (direction === 'ASC' ? keys[i - 1] <= k : keys[i - 1] >= k))
    t.ok(ordered, `${label}: in ${direction} order`)
  }
})

t.test('filters subset: a channel subset never has more, and the channels partition the whole', async t => {
  const app = await build(t)
  const s = await evaSession(app)
  const q = 'startDate=2026-03-01&endDate=2026-03-31'
  const whole = (await app.inject({ url: `${s.base}/conversations/list?${q}&size=1`, headers: s.headers })).json().totalElements
  let parts = 0
  for (const c of s.bot.channels) {
    parts += (await app.inject({ url: `${s.base}/conversations/list?${q}&size=1&channelUuids=${c.uuid}`, headers: s.headers })).json().totalElements
  }
  t.equal(parts, whole)
  t.ok(whole > 0)
})
