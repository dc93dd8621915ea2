/** ChatBot.com C1–C4 as properties over random requests, checked against an independent count of the sessions (issue 4, acceptance 2). */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../src/config.js'
import { build, chatbotSession, NOW } from '../helper.js'
import { schemaErrors } from '../schema-check.js'
import { propertyRun, rng } from '../property.js'
import { period } from '../chatbotcom-oracle.js'

const { SEED, RUNS } = propertyRun(t, 40)

const DAY = 86_400_000
const HOUR = 3_600_000
const SOURCES = ['messenger', 'livechat', 'livechat3', 'slack', 'widget', 'app', 'custom']
const PERIODS = ['today', 'yesterday', 'last7days', 'last30days', 'thisMonth', 'lastMonth', 'last3Months', 'thisYear', 'lastYear']
const REPORTS = ['conversations', 'conversations.paid', 'conversations.messages', 'conversations.avg'] as const
const DEFAULTS: Config['chatbotcom'] = { groupShape: 'points', weekStart: 'sunday', offsetSign: 'east', heatmapUsage: 'total', maxPoints: 10000 }
const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

type Dim = 'hour' | 'day' | 'month' | 'year'
interface Point { date: string, value: number }
interface Series { data: Point[], summary: { total: number, min: number, max: number, avg: number } }
interface Fact { started: number, paid: number, msgs: number, story: string, source: string }

/** Bucket start and next start, written with Date rather than the engine's day arithmetic. */
function floorTo (dim: Dim, ms: number): number {
  const d = new Date(ms)
  if (dim === 'hour') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours())
  if (dim === 'day') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
  if (dim === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  return Date.UTC(d.getUTCFullYear(), 0, 1)
}
function next (dim: Dim, start: number): number {
  const d = new Date(start)
  if (dim === 'hour') return start + HOUR
  if (dim === 'day') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
  if (dim === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
  return Date.UTC(d.getUTCFullYear() + 1, 0, 1)
}

function autoDim (from: number, to: number): Dim {
  const days = (to - from + 1) / DAY
  return days <= 2 ? 'hour' : days <= 92 ? 'day' : days <= 731 ? 'month' : 'year'
}

/** `name=a&name=b`, `name[]=a&name[]=b`, `name[0]=a&name[1]=b`, and the last two with encoded brackets (as qs sends them). */
function form (name: string, vals: string[], kind: number): string {
  return vals.map((v, i) => `${[name, `${name}[]`, `${name}[${i}]`, `${name}%5B%5D`, `${name}%5B${i}%5D`][kind]}=${v}`).join('&')
}

async function get (app: FastifyInstance, url: string, headers: Record<string, string>): Promise<Series> {
  const res = await app.inject({ url, headers })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}

function factsOf (app: FastifyInstance): Fact[] {
  return app.db.prepare(`SELECT s.started_ms AS started, s.paid, s.user_msgs + s.bot_msgs AS msgs, b.ext_id AS story, c.ext_id AS source
    FROM sessions s JOIN bots b ON b.id = s.bot_id JOIN channels c ON c.id = s.channel_id WHERE b.vendor = 'chatbotcom'`).all() as Fact[]
}

/** The four series, by an independent count: conversations, paid, messages per bucket and messages ÷ conversations. */
function expected (facts: Fact[], stories: string[], sources: string[] | null, from: number, to: number, dim: Dim) {
  const starts: number[] = []
  for (let b = floorTo(dim, from); b <= to; b = next(dim, b)) starts.push(b)
  const index = new Map(starts.map((s, i) => [s, i]))
  const conv = starts.map(() => 0)
  const paid = starts.map(() => 0)
  const msgs = starts.map(() => 0)
  for (const f of facts) {
    if (f.started < from || f.started > to || !stories.includes(f.story) || (sources !== null && !sources.includes(f.source))) continue
    const i = index.get(floorTo(dim, f.started))
    if (i === undefined) continue
    conv[i]++
    paid[i] += f.paid
    msgs[i] += f.msgs
  }
  const avg = conv.map((n, i) => n === 0 ? 0 : round2(msgs[i] / n))
  return { dates: starts.map(s => new Date(s).toISOString()), conv, paid, msgs, avg }
}

/** summary agrees with the series; buckets are ascending, contiguous and cover [from, to]. */
function checkSeries (t: Tap, body: Series, dim: Dim, from: number, to: number, label: string) {
  const vals = body.data.map(p => p.value)
  const dates = body.data.map(p => Date.parse(p.date))
  t.ok(Math.abs(body.summary.total - sum(vals)) < 1e-9, `${label}: total = Σ values`)
  t.equal(body.summary.min, Math.min(...vals), `${label}: min`)
  t.equal(body.summary.max, Math.max(...vals), `${label}: max`)
  t.equal(body.summary.avg, round2(body.summary.total / vals.length), `${label}: avg = round(total / buckets, 2)`)
  t.ok(dates.every((d, i) => i === 0 || d === next(dim, dates[i - 1])), `${label}: contiguous ascending ${dim} buckets`)
  t.ok(dates[0] <= from && from < next(dim, dates[0]), `${label}: the first bucket holds from`)
  t.ok(dates[dates.length - 1] <= to && to < next(dim, dates[dates.length - 1]), `${label}: the last bucket holds to`)
}
interface Tap { ok: (v: unknown, m: string) => unknown, equal: (a: unknown, b: unknown, m: string) => unknown }

t.test('property: summaries, buckets, reports against each other and against an independent count', async t => {
  const app = await build(t)
  const random = rng(SEED)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]
  const sessions = [await chatbotSession(app, 0), await chatbotSession(app, 1)]
  const facts = factsOf(app)
  const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  const loose = (ms: number) => { const d = new Date(ms); return `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()}` }

  for (let run = 0; run < RUNS; run++) {
    const s = pick(sessions)
    const params: string[] = []
    let from: number
    let to: number
    if (random() < 0.3) {
      const p = pick([undefined, ...PERIODS])
      if (p !== undefined) params.push(`period=${p}`);
      [from, to] = period(p ?? 'last30days', NOW)
    } else {
      // within the 42 days of history and a bit before, in every accepted date form
      const kind = pick(['ymd', 'loose', 'iso', 'epoch', 'fromOnly'])
      const day = Date.UTC(2026, 1, 5) + Math.floor(random() * (kind === 'fromOnly' ? 55 : 56)) * DAY
      const span = Math.floor(random() * (random() < 0.6 ? 8 : 45)) * DAY
      if (kind === 'ymd' || kind === 'loose' || kind === 'fromOnly') {
        const f = kind === 'loose' ? loose : ymd
        from = day
        to = kind === 'fromOnly' ? NOW : Math.max(day, Math.min(day + span, Date.UTC(2026, 3, 10))) + DAY - 1
        params.push(`from=${f(from)}`)
        if (kind !== 'fromOnly') params.push(`to=${f(to)}`)
      } else {
        from = day + Math.floor(random() * DAY)
        to = from + Math.floor(random() * (span + DAY))
        params.push(kind === 'iso' ? `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}` : `from=${from}&to=${to}`)
      }
      if (to < from) throw new Error('generator')
    }
    const dimension = pick([undefined, 'auto', 'day', 'day', 'hour', 'month', 'year'])
    if (dimension !== undefined) params.push(`dimension=${dimension}`)
    const dim: Dim = dimension === undefined ? 'day' : dimension === 'auto' ? autoDim(from, to) : dimension as Dim
    if ((to - from) / HOUR > 1500 && dim === 'hour') continue // long hourly series are slow to compare; maxPoints is tested elsewhere
    const allStories = s.account.stories.map(x => x.id)
    const stories = random() < 0.5 ? null : allStories.filter(() => random() < 0.6)
    if (stories !== null && stories.length > 0) params.push(form('storyId', stories, Math.floor(random() * 5)))
    const sources = random() < 0.4 ? null : SOURCES.filter(() => random() < 0.35)
    const sourceForm = Math.floor(random() * 5)
    const base = params.join('&')
    const filter = (srcs: string[] | null, kind = sourceForm) => srcs === null || srcs.length === 0 ? base : `${base}&${form('source', srcs, kind)}`
    const q = filter(sources)
    const label = `run ${run}: ${s.account.name} ${q}`
    const inScope = stories === null || stories.length === 0 ? allStories : stories
    const want = expected(facts, inScope, sources === null || sources.length === 0 ? null : sources, from, to, dim)

    const [conv, paid, msgs, avg] = await Promise.all(REPORTS.map(r => get(app, `/reports/${r}?${q}`, s.headers)))
    for (const [name, body, values] of [['conversations', conv, want.conv], ['paid', paid, want.paid], ['messages', msgs, want.msgs], ['avg', avg, want.avg]] as const) {
      t.equal(schemaErrors('ChatbotSeriesReport', body), null, `${label} ${name}: schema`)
      checkSeries(t, body, dim, from, to, `${label} ${name}`)
      t.same(body.data.map(p => p.date), want.dates, `${label} ${name}: the expected buckets`)
      t.same(body.data.map(p => p.value), values, `${label} ${name}: values counted independently`)
    }
    const c = conv.data.map(p => p.value)
    t.ok(paid.data.every((p, i) => p.value <= c[i]), `${label}: paid ≤ conversations in every bucket`)
    t.ok(msgs.data.every((p, i) => p.value >= c[i]), `${label}: messages ≥ conversations in every bucket`)
    t.ok(avg.data.every((p, i) => p.value === (c[i] === 0 ? 0 : round2(msgs.data[i].value / c[i]))), `${label}: avg = messages ÷ conversations per bucket`)

    // every accepted array form gives the same bytes
    if (sources !== null && sources.length > 0) {
      const bodies = await Promise.all([0, 1, 2, 3, 4].map(async k => (await app.inject({ url: `/reports/conversations?${filter(sources, k)}`, headers: s.headers })).body))
      t.equal(bodies[1], bodies[0], `${label}: source[]= as source=`)
      t.equal(bodies[2], bodies[0], `${label}: source[i]= as source=`)
      t.equal(bodies[3], bodies[0], `${label}: source%5B%5D= as source=`)
      t.equal(bodies[4], bodies[0], `${label}: source%5Bi%5D= as source=`)
      // several sources = Σ of the single-source series, bucket by bucket
      const singles = await Promise.all([...new Set(sources)].map(x => get(app, `/reports/conversations.messages?${filter([x])}`, s.headers)))
      t.same(msgs.data.map((_, i) => sum(singles.map(b => b.data[i].value))), msgs.data.map(p => p.value), `${label}: messages by ${sources.length} sources = Σ single-source`)
    }

    // group splits the series: the groups sum bucket-wise to the ungrouped one (for avg: messages_g ÷ conversations_g)
    for (const group of ['source', 'storyId'] as const) {
      const report = pick(REPORTS)
      const body = await get(app, `/reports/${report}?${q}&group=${group}`, s.headers)
      const plain = { conversations: conv, 'conversations.paid': paid, 'conversations.messages': msgs, 'conversations.avg': avg }[report]
      t.equal(schemaErrors('ChatbotSeriesReport', body), null)
      t.same(body.summary, plain.summary, `${label} ${report} group=${group}: summary of the ungrouped series`)
      const pts = body.data as unknown as Array<Record<string, string | number>>
      const keys = [...new Set(pts.map(p => p[group] as string))]
      t.equal(pts.length, plain.data.length * keys.length, `${label} ${report} group=${group}: every key in every bucket`)
      const at = (k: string) => pts.filter(p => p[group] === k).map(p => p.value as number)
      t.ok(keys.every(k => JSON.stringify(pts.filter(p => p[group] === k).map(p => p.date)) === JSON.stringify(want.dates)), `${label} ${report} group=${group}: each group has the buckets`)
      if (report !== 'conversations.avg') {
        t.same(plain.data.map((_, i) => sum(keys.map(k => at(k)[i]))), plain.data.map(p => p.value), `${label} ${report} group=${group}: Σ groups = ungrouped`)
      } else {
        for (const k of keys) {
          const g = expected(facts, group === 'storyId' ? [k] : inScope, group === 'source' ? [k] : (sources === null || sources.length === 0 ? null : sources), from, to, dim)
          t.same(at(k), g.avg, `${label} avg group ${k}: messages ÷ conversations of the group`)
        }
      }
      if (group === 'storyId') t.same(keys.toSorted(), inScope.toSorted(), `${label}: one group per story in scope`)
    }
  }
})

t.test('property: groupShape=series — one series per value with its own summary, summing to the ungrouped series', async t => {
  const app = await build(t, { config: { chatbotcom: { ...DEFAULTS, groupShape: 'series' } } })
  const random = rng(SEED + 1)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]
  const sessions = [await chatbotSession(app, 0), await chatbotSession(app, 1)]
  for (let run = 0; run < Math.max(10, RUNS / 2); run++) {
    const s = pick(sessions)
    const from = Date.UTC(2026, 1, 10) + Math.floor(random() * 50) * DAY
    const to = from + Math.floor(random() * 10 * DAY)
    const dim = pick(['day', 'hour', 'month'] as const)
    const srcs = random() < 0.5 ? [] : SOURCES.filter(() => random() < 0.4)
    const q = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&dimension=${dim}${srcs.length > 0 ? `&${form('source', srcs, run % 5)}` : ''}`
    const report = pick(REPORTS.filter(r => r !== 'conversations.avg'))
    const group = pick(['source', 'storyId'] as const)
    const label = `run ${run}: ${s.account.name} ${report}?${q}&group=${group}`
    const plain = await get(app, `/reports/${report}?${q}`, s.headers)
    const body = await get(app, `/reports/${report}?${q}&group=${group}`, s.headers)
    t.equal(schemaErrors('ChatbotSeriesReport', body), null, `${label}: schema`)
    const groups = body.data as unknown as Array<Series & Record<string, string>>
    t.same(body.summary, plain.summary, `${label}: top-level summary = ungrouped`)
    for (const g of groups) {
      t.same(g.data.map(p => p.date), plain.data.map(p => p.date), `${label} ${g[group]}: the same buckets`)
      checkSeries(t, g, dim, from, to, `${label} ${g[group]}`)
    }
    t.same(plain.data.map((_, i) => sum(groups.map(g => g.data[i].value))), plain.data.map(p => p.value), `${label}: Σ groups = ungrouped, bucket-wise`)
    if (group === 'source' && srcs.length > 0) t.same(groups.map(g => g[group]).toSorted(), [...new Set(srcs)].toSorted(), `${label}: one series per requested source`)
  }
})

t.test('bucket counts: hour over 30 full days is 720 points; day from..to is the number of days; months and years', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 0)
  const cases: Array<[string, number, string, string]> = [
    ['from=2026-03-01&to=2026-03-30&dimension=hour', 720, '2026-03-01T00:00:00.000Z', '2026-03-30T23:00:00.000Z'],
    ['from=2026-02-15T00:00:00Z&to=2026-03-16T23:59:59.999Z&dimension=hour', 720, '2026-02-15T00:00:00.000Z', '2026-03-16T23:00:00.000Z'],
    ['from=2026-02-10&to=2026-03-31', 50, '2026-02-10T00:00:00.000Z', '2026-03-31T00:00:00.000Z'],
    ['from=2026-2-18&to=2026-3-31&dimension=day', 42, '2026-02-18T00:00:00.000Z', '2026-03-31T00:00:00.000Z'],
    ['from=2026-03-31&to=2026-03-31', 1, '2026-03-31T00:00:00.000Z', '2026-03-31T00:00:00.000Z'],
    ['from=2026-03-31&to=2026-03-31&dimension=hour', 24, '2026-03-31T00:00:00.000Z', '2026-03-31T23:00:00.000Z'],
    ['from=2025-04-15&to=2026-03-31&dimension=month', 12, '2025-04-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ['from=2020-06-01&to=2026-03-31&dimension=year', 7, '2020-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['from=2026-03-30&dimension=auto', 37, '2026-03-30T00:00:00.000Z', '2026-03-31T12:00:00.000Z'],
    ['from=2026-02-01&to=2026-03-31&dimension=auto', 59, '2026-02-01T00:00:00.000Z', '2026-03-31T00:00:00.000Z'],
    ['from=2025-01-01&to=2026-03-31&dimension=auto', 15, '2025-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ['dimension=auto&to=2026-03-31', 53, '1974-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']
  ]
  for (const [q, n, first, last] of cases) {
    const body = await get(app, `/reports/conversations?${q}`, s.headers)
    t.equal(body.data.length, n, `${q}: ${n} points`)
    t.equal(body.data[0]?.date, first, `${q}: first ${first}`)
    t.equal(body.data.at(-1)?.date, last, `${q}: last ${last}`)
  }
  // the 42 days of history hold every conversation: the sum over a wider range is the same
  // (with TEST_DB the history is the shared database's: 180 or 365 days)
  const shared = process.env.TEST_DB !== undefined && process.env.TEST_DB !== ''
  const daily = shared ? await get(app, '/reports/conversations?from=2024-01-01&to=2026-03-31&dimension=day', s.headers) : null
  const first = daily === null ? '2026-02-18' : (daily.data.find(p => p.value > 0)?.date ?? '').slice(0, 10)
  const all = await get(app, `/reports/conversations?from=${first}&to=2026-03-31`, s.headers)
  const wider = await get(app, '/reports/conversations?from=2024-12-01&to=2026-04-30&dimension=month', s.headers)
  t.equal(wider.summary.total, all.summary.total, 'zero-filled months around the history add nothing')
  t.ok(all.data.every(p => p.value > 0), 'every day of the history has conversations')
})

t.test('paid: every conversation with two or more user messages counts, about 70 % in all (README fidelity note)', async t => {
  const app = await build(t)
  for (const index of [0, 1]) {
    const s = await chatbotSession(app, index)
    const q = 'from=2026-02-18&to=2026-03-31'
    const [conv, paid] = await Promise.all(['conversations', 'conversations.paid'].map(r => get(app, `/reports/${r}?${q}`, s.headers)))
    const share = paid.summary.total / conv.summary.total
    t.ok(share > 0.55 && share < 0.85, `${s.account.name}: paid share ${share.toFixed(3)}`)
    const unpaidLong = app.db.prepare(`SELECT COUNT(*) FROM sessions s JOIN bots b ON b.id = s.bot_id
      WHERE b.ext_id IN (SELECT value FROM json_each(?)) AND s.user_msgs >= 2 AND s.paid = 0`).pluck().get(JSON.stringify(s.account.stories.map(x => x.id)))
    t.equal(unpaidLong, 0, `${s.account.name}: no unpaid conversation with ≥ 2 user messages`)
  }
})
