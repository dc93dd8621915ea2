/** ChatBot.com periods resolve against the sandbox clock (UTC); from/to override them, a missing side taking its default (issue 4). */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { fixedClock } from '../../src/clock.js'
import { build, chatbotSession, NOW } from '../helper.js'

interface Point { date: string, value: number }
interface Series { data: Point[], summary: { total: number } }

const day = (d: string) => `${d}T00:00:00.000Z`

async function get (app: FastifyInstance, url: string, headers: Record<string, string>) {
  const res = await app.inject({ url, headers })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res
}

/** [period, first bucket day, last bucket day, number of daily buckets]; `undefined` = no period (last30days). */
type Row = [string | undefined, string, string, number]
const CLOCKS: Array<[string, Row[]]> = [
  ['2026-03-31T12:00:00.000Z', [
    ['today', '2026-03-31', '2026-03-31', 1], ['yesterday', '2026-03-30', '2026-03-30', 1],
    ['last7days', '2026-03-25', '2026-03-31', 7], ['last30days', '2026-03-02', '2026-03-31', 30], [undefined, '2026-03-02', '2026-03-31', 30],
    ['thisMonth', '2026-03-01', '2026-03-31', 31], ['lastMonth', '2026-02-01', '2026-02-28', 28],
    ['last3Months', '2025-12-31', '2026-03-31', 91], ['thisYear', '2026-01-01', '2026-03-31', 90], ['lastYear', '2025-01-01', '2025-12-31', 365]
  ]],
  ['2026-03-01T00:30:00.000Z', [
    ['today', '2026-03-01', '2026-03-01', 1], ['yesterday', '2026-02-28', '2026-02-28', 1],
    ['last7days', '2026-02-23', '2026-03-01', 7], ['last30days', '2026-01-31', '2026-03-01', 30],
    ['thisMonth', '2026-03-01', '2026-03-01', 1], ['lastMonth', '2026-02-01', '2026-02-28', 28],
    ['last3Months', '2025-12-01', '2026-03-01', 91], ['thisYear', '2026-01-01', '2026-03-01', 60], ['lastYear', '2025-01-01', '2025-12-31', 365]
  ]],
  ['2026-01-01T00:00:00.000Z', [
    ['today', '2026-01-01', '2026-01-01', 1], ['yesterday', '2025-12-31', '2025-12-31', 1],
    ['last7days', '2025-12-26', '2026-01-01', 7], ['last30days', '2025-12-03', '2026-01-01', 30],
    ['thisMonth', '2026-01-01', '2026-01-01', 1], ['lastMonth', '2025-12-01', '2025-12-31', 31],
    ['last3Months', '2025-10-01', '2026-01-01', 93], ['thisYear', '2026-01-01', '2026-01-01', 1], ['lastYear', '2025-01-01', '2025-12-31', 365]
  ]],
  ['2024-03-01T10:00:00.000Z', [
    ['today', '2024-03-01', '2024-03-01', 1], ['yesterday', '2024-02-29', '2024-02-29', 1],
    ['last7days', '2024-02-24', '2024-03-01', 7], ['thisMonth', '2024-03-01', '2024-03-01', 1],
    ['lastMonth', '2024-02-01', '2024-02-29', 29], ['last3Months', '2023-12-01', '2024-03-01', 92],
    ['thisYear', '2024-01-01', '2024-03-01', 61], ['lastYear', '2023-01-01', '2023-12-31', 365]
  ]],
  ['2026-03-15T23:59:59.999Z', [
    ['today', '2026-03-15', '2026-03-15', 1], ['yesterday', '2026-03-14', '2026-03-14', 1],
    ['last7days', '2026-03-09', '2026-03-15', 7], ['thisMonth', '2026-03-01', '2026-03-15', 15],
    ['lastMonth', '2026-02-01', '2026-02-28', 28]
  ]],
  ['2026-05-31T12:00:00.000Z', [
    ['thisMonth', '2026-05-01', '2026-05-31', 31], ['lastMonth', '2026-04-01', '2026-04-30', 30],
    ['last3Months', '2026-02-28', '2026-05-31', 93], ['last7days', '2026-05-25', '2026-05-31', 7]
  ]]
]

for (const [now, rows] of CLOCKS) {
  t.test(`clock at ${now}: each period's first and last daily bucket`, async t => {
    const app = await build(t, { clock: fixedClock(Date.parse(now)) })
    const s = await chatbotSession(app, 0)
    for (const [period, first, last, n] of rows) {
      const q = period === undefined ? '' : `?period=${period}`
      for (const report of ['conversations', 'conversations.avg']) {
        const body = (await get(app, `/reports/${report}${q}`, s.headers)).json() as Series
        t.equal(body.data[0].date, day(first), `${report}${q}: first ${first}`)
        t.equal(body.data.at(-1)?.date, day(last), `${report}${q}: last ${last}`)
        t.equal(body.data.length, n, `${report}${q}: ${n} days`)
      }
    }
    // the heatmap and the interactions use the same range
    for (const [period] of rows) {
      if (period === undefined) continue
      const conv = (await get(app, `/reports/conversations?period=${period}`, s.headers)).json() as Series
      const heat = (await get(app, `/reports/conversations.heatmap?period=${period}`, s.headers)).json() as Array<Point[]>
      t.equal(heat.flat().reduce((a, c) => a + c.value, 0), conv.summary.total, `heatmap?period=${period}: Σ = conversations`)
    }
  })
}

t.test('today and dimension=hour run to the clock\'s hour; a moved clock moves the periods', async t => {
  const clock = fixedClock(NOW)
  const app = await build(t, { clock })
  const s = await chatbotSession(app, 0)
  const hours = async (q: string) => ((await get(app, `/reports/conversations?${q}`, s.headers)).json() as Series).data.map(p => p.date)
  let h = await hours('period=today&dimension=hour')
  t.equal(h.length, 13, 'today at 12:00: hours 00–12')
  t.equal(h.at(-1), '2026-03-31T12:00:00.000Z')
  h = await hours('period=today&dimension=auto')
  t.equal(h.length, 13, 'auto picks hours for today')
  clock.set(Date.parse('2026-03-15T08:20:00.000Z'))
  h = await hours('period=today&dimension=hour')
  t.same([h.length, h[0], h.at(-1)], [9, '2026-03-15T00:00:00.000Z', '2026-03-15T08:00:00.000Z'], 'the same app after the clock moved')
  t.same((await hours('period=yesterday')), [day('2026-03-14')])
  clock.set(Date.parse('2026-03-15T23:59:59.999Z'))
  t.equal((await hours('period=today&dimension=hour')).length, 24, 'just before midnight: 24 hours')
  clock.set(Date.parse('2026-03-16T00:00:00.000Z'))
  t.same(await hours('period=today&dimension=hour'), ['2026-03-16T00:00:00.000Z'], 'at midnight: one hour')
  t.same(await hours('period=yesterday'), [day('2026-03-15')])
})

t.test('periods equal the explicit ranges they stand for, and count only up to now', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 0)
  const body = async (q: string, report = 'conversations') => (await get(app, `/reports/${report}?${q}`, s.headers)).body
  for (const report of ['conversations', 'conversations.paid', 'conversations.messages', 'conversations.avg', 'conversations.heatmap', 'conversations.interactions']) {
    t.equal(await body('period=yesterday', report), await body('from=2026-03-30&to=2026-03-30', report), `${report}: yesterday = from..to 2026-03-30`)
    t.equal(await body('period=lastMonth', report), await body('from=2026-02-01&to=2026-02-28', report), `${report}: lastMonth = February`)
    t.equal(await body('period=thisMonth', report), await body('from=2026-03-01', report), `${report}: thisMonth = from the 1st to now`)
    t.equal(await body('period=today', report), await body(`from=2026-03-31&to=${NOW}`, report), `${report}: today = midnight to now`)
    t.equal(await body('', report), await body('period=last30days', report), `${report}: the default period is last30days`)
  }
  // sessions after the sandbox's now (12:00) exist in the dataset but are not counted today
  const started = app.db.prepare(`SELECT COUNT(*) FROM sessions s JOIN bots b ON b.id = s.bot_id
    WHERE b.ext_id IN (?, ?) AND s.started_ms BETWEEN ? AND ?`).pluck()
  const ids = s.account.stories.map(x => x.id)
  const today = JSON.parse(await body('period=today')) as Series
  t.equal(today.summary.total, started.get(...ids, Date.parse('2026-03-31'), NOW), 'today counts midnight..now')
  t.ok((started.get(...ids, NOW + 1, Date.parse('2026-04-01') - 1) as number) > 0, 'the dataset has conversations later today (not counted)')
})

t.test('from/to override period; a missing side takes its default (from 1974-1-1, to now)', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 0)
  const dates = async (q: string) => ((await get(app, `/reports/conversations?${q}`, s.headers)).json() as Series).data.map(p => p.date)
  t.same(await dates('period=yesterday&from=2026-03-20&to=2026-03-22'), ['2026-03-20', '2026-03-21', '2026-03-22'].map(day), 'both sides given')
  t.same(await dates('period=lastYear&from=2026-03-29'), ['2026-03-29', '2026-03-30', '2026-03-31'].map(day), 'from only: to = now')
  const years = await dates('period=lastMonth&to=2026-03-31&dimension=year')
  t.same([years.length, years[0], years.at(-1)], [53, '1974-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'], 'to only: from = 1974-1-1')
})
