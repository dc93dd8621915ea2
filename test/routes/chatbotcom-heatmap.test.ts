/** ChatBot.com C5 heatmap: Σ cells = conversations for every offset and week start, cells by an independent count, usage (issue 4, acceptance 2). */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../src/config.js'
import { build, chatbotSession, NOW } from '../helper.js'
import { schemaErrors } from '../schema-check.js'
import { propertyRun, rng } from '../property.js'

const { SEED } = propertyRun(t, 1)

const DAY = 86_400_000
const SOURCES = ['messenger', 'livechat', 'livechat3', 'slack', 'widget', 'app', 'custom']
const DEFAULTS: Config['chatbotcom'] = { groupShape: 'points', weekStart: 'sunday', offsetSign: 'east', heatmapUsage: 'total', maxPoints: 10000 }
const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100

interface Cell { day: number, hour: number, value: number, usage: number }
interface Fact { started: number, story: string, source: string }

async function get (app: FastifyInstance, url: string, headers: Record<string, string>) {
  const res = await app.inject({ url, headers })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}

function factsOf (app: FastifyInstance): Fact[] {
  return app.db.prepare(`SELECT s.started_ms AS started, b.ext_id AS story, c.ext_id AS source
    FROM sessions s JOIN bots b ON b.id = s.bot_id JOIN channels c ON c.id = s.channel_id WHERE b.vendor = 'chatbotcom'`).all() as Fact[]
}

/** Cell values from the raw sessions with JS Date: `minutes` east of UTC, day 0 = Sunday or Monday. */
function grid (facts: Fact[], stories: string[], source: string | null, from: number, to: number, minutes: number, weekStart: 'sunday' | 'monday'): number[][] {
  const g = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
  for (const f of facts) {
    if (f.started < from || f.started > to || !stories.includes(f.story) || (source !== null && f.source !== source)) continue
    const d = new Date(f.started + minutes * 60_000)
    g[weekStart === 'sunday' ? d.getUTCDay() : (d.getUTCDay() + 6) % 7][d.getUTCHours()]++
  }
  return g
}

/** A random range in (and a little before) the 42 days, and maybe one story and one source. */
function draw (random: () => number, stories: string[]) {
  const from = Date.UTC(2026, 1, 8) + Math.floor(random() * 52) * DAY
  const span = Math.floor(random() * (random() < 0.5 ? 7 : 40)) * DAY
  const to = Math.min(from + span, Date.UTC(2026, 2, 31))
  const story = random() < 0.5 ? null : stories[Math.floor(random() * stories.length)]
  const source = random() < 0.5 ? null : SOURCES[Math.floor(random() * SOURCES.length)]
  const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  const q = `from=${ymd(from)}&to=${ymd(to)}${story === null ? '' : `&storyId=${story}`}${source === null ? '' : `&source=${source}`}`
  return { q, from, to: to + DAY - 1, stories: story === null ? stories : [story], source }
}

for (const weekStart of ['sunday', 'monday'] as const) {
  t.test(`every offset −720..720 (weekStart=${weekStart}): Σ cells = conversations total, cells = an independent count`, async t => {
    const app = await build(t, { config: { chatbotcom: { ...DEFAULTS, weekStart } } })
    const random = rng(SEED + (weekStart === 'sunday' ? 0 : 1))
    const sessions = [await chatbotSession(app, 0), await chatbotSession(app, 1)]
    const facts = factsOf(app)
    let sums = 0
    let cells = 0
    let usages = 0
    const failures: string[] = []
    // 80 random ranges and filters (with their conversations totals), cycled through the offsets
    const pool = await Promise.all(Array.from({ length: 80 }, async (_, i) => {
      const s = sessions[i & 1]
      const r = draw(random, s.account.stories.map(x => x.id))
      return { s, r, conv: await get(app, `/reports/conversations?${r.q}`, s.headers) }
    }))
    for (let offset = -720; offset <= 720; offset++) {
      const { s, r, conv } = pool[Math.floor(random() * pool.length)]
      const url = `/reports/conversations.heatmap?${r.q}&offset=${offset}`
      const body = await get(app, url, s.headers) as Cell[][]
      const values = body.flat().map(c => c.value)
      const total = values.reduce((a, b) => a + b, 0)
      if (total === conv.summary.total) sums++; else failures.push(`${url}: Σ ${total} ≠ conversations ${conv.summary.total}`)
      const want = grid(facts, r.stories, r.source, r.from, r.to, offset, weekStart)
      if (JSON.stringify(body.map(row => row.map(c => c.value))) === JSON.stringify(want)) cells++; else failures.push(`${url}: cells differ from the independent count`)
      const u = body.flat().reduce((a, c) => a + c.usage, 0)
      const usageOk = total === 0 ? body.flat().every(c => c.usage === 0) : Math.abs(u - 100) <= 168 * 0.005 + 1e-9 && body.flat().every(c => c.usage === round2(c.value / total * 100))
      if (usageOk) usages++; else failures.push(`${url}: usage Σ ${u}`)
    }
    t.same(failures.slice(0, 10), [], 'no failures (first 10 shown)')
    t.equal(sums, 1441, 'Σ cells = conversations total for all 1441 offsets')
    t.equal(cells, 1441, 'cells = the independent weekday × hour count for all 1441 offsets')
    t.equal(usages, 1441, 'usage = value ÷ Σ × 100 (2 decimals), summing to 100 within rounding, for all 1441 offsets')
  })
}

t.test('offset is minutes east of UTC (120 = UTC+2) and day 0 is Sunday, by default', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 0)
  const facts = factsOf(app).filter(f => s.account.stories.some(x => x.id === f.story))
  // one conversation, alone in a 1 ms range
  const one = facts.find(f => new Date(f.started).getUTCHours() === 10) as Fact
  const at = (q: string) => get(app, `/reports/conversations.heatmap?from=${one.started}&to=${one.started}&${q}`, s.headers) as Promise<Cell[][]>
  const dow = new Date(one.started).getUTCDay()
  const hot = (g: Cell[][]) => g.flat().filter(c => c.value > 0).map(c => [c.day, c.hour, c.value, c.usage])
  t.same(hot(await at('offset=0')), [[dow, 10, 1, 100]], 'offset 0: UTC weekday and hour, usage 100 (the seed example)')
  t.same(hot(await at('offset=120')), [[dow, 12, 1, 100]], 'offset 120 = UTC+2')
  t.same(hot(await at('offset=-600')), [[dow, 0, 1, 100]], 'offset −600 = UTC−10')
  t.same(hot(await at('offset=-660')), [[(dow + 6) % 7, 23, 1, 100]], 'offset −660 crosses into the previous day')
  t.same(hot(await at('offset=720')), [[dow, 22, 1, 100]], 'offset 720 = UTC+12')
  t.same(hot(await at('offset=-720')), [[(dow + 6) % 7, 22, 1, 100]], 'offset −720 = UTC−12, the previous day')
  // a Sunday is day 0 (getDay numbering by default)
  const sunday = facts.find(f => new Date(f.started).getUTCDay() === 0 && new Date(f.started).getUTCHours() === 5) as Fact
  const g = await get(app, `/reports/conversations.heatmap?from=${sunday.started}&to=${sunday.started}`, s.headers) as Cell[][]
  t.same(hot(g), [[0, 5, 1, 100]], 'Sunday is day 0')
})

t.test('switches: offsetSign=west mirrors the offset, weekStart=monday rotates the rows, heatmapUsage=max is relative to the busiest cell', async t => {
  const east = await build(t)
  const west = await build(t, { config: { chatbotcom: { ...DEFAULTS, offsetSign: 'west' } } })
  const monday = await build(t, { config: { chatbotcom: { ...DEFAULTS, weekStart: 'monday' } } })
  const max = await build(t, { config: { chatbotcom: { ...DEFAULTS, heatmapUsage: 'max' } } })
  const random = rng(SEED + 7)
  for (let run = 0; run < 30; run++) {
    const s = await chatbotSession(east, run & 1)
    const r = draw(random, s.account.stories.map(x => x.id))
    const offset = Math.floor(random() * 1441) - 720
    const label = `run ${run}: ${r.q}&offset=${offset}`
    const e = await get(east, `/reports/conversations.heatmap?${r.q}&offset=${offset}`, s.headers) as Cell[][]
    t.equal(schemaErrors('ChatbotHeatmap', e), null)
    const w = await get(west, `/reports/conversations.heatmap?${r.q}&offset=${-offset}`, s.headers)
    t.same(w, e, `${label}: west with −offset = east with offset`)
    const m = await get(monday, `/reports/conversations.heatmap?${r.q}&offset=${offset}`, s.headers) as Cell[][]
    t.same(m.map(row => row.map(c => c.value)), [1, 2, 3, 4, 5, 6, 0].map(d => e[d].map(c => c.value)), `${label}: monday rows = sunday rows rotated by one`)
    t.same(m.flat().map(c => [c.day, c.hour]), e.flat().map(c => [c.day, c.hour]), `${label}: monday keeps day 0..6, hour 0..23`)
    const x = await get(max, `/reports/conversations.heatmap?${r.q}&offset=${offset}`, s.headers) as Cell[][]
    const top = Math.max(...x.flat().map(c => c.value))
    t.ok(x.flat().every(c => c.usage === (top === 0 ? 0 : round2(c.value / top * 100))), `${label}: max usage = value ÷ busiest × 100`)
    if (top > 0) t.ok(x.flat().some(c => c.usage === 100), `${label}: the busiest cell has usage 100`)
  }
})

t.test('scalar source and storyId: the array forms are accepted and only the first value counts', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 0)
  const [a, b] = s.account.stories.map(x => x.id)
  const q = 'from=2026-03-01&to=2026-03-20&offset=90'
  const body = async (extra: string) => (await app.inject({ url: `/reports/conversations.heatmap?${q}&${extra}`, headers: s.headers })).body
  const widget = await body('source=widget')
  t.equal(await body('source=widget&source=messenger'), widget, 'source=a&source=b → a')
  t.equal(await body('source[]=widget&source[]=messenger'), widget, 'source[]= → first')
  t.equal(await body('source[0]=widget&source[1]=messenger'), widget, 'source[i]= → first')
  t.not(await body('source=messenger'), widget, 'another source differs')
  const story = await body(`storyId=${a}`)
  t.equal(await body(`storyId=${a}&storyId=${b}`), story, 'storyId=a&storyId=b → a')
  t.equal(await body(`storyId[]=${a}&storyId[]=${b}`), story, 'storyId[]= → first')
  t.not(await body(`storyId=${b}`), story, 'the other story differs')
  t.equal(await body('source=widget&group=nope&dimension=week'), widget, 'group and dimension are not heatmap parameters: ignored')
  const conv = await get(app, `/reports/conversations?from=2026-03-01&to=2026-03-20&storyId=${a}&source=widget`, s.headers)
  const both = JSON.parse(await body(`storyId=${a}&source=widget`)) as Cell[][]
  t.equal(both.flat().reduce((x, c) => x + c.value, 0), conv.summary.total, 'story and source together: Σ = conversations')
  const today = await get(app, '/reports/conversations.heatmap?period=today', s.headers) as Cell[][]
  const todayConv = await get(app, '/reports/conversations?period=today', s.headers)
  t.equal(today.flat().reduce((x, c) => x + c.value, 0), todayConv.summary.total, 'period=today: Σ = conversations up to now')
  t.equal(new Date(NOW).getUTCDay(), 2, 'NOW is a Tuesday')
  t.ok(today.flat().every(c => c.value === 0 || (c.day === 2 && c.hour <= 12)), 'today\'s conversations sit on Tuesday, hours 0–12')
})
