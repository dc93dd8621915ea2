/** ChatBot.com C6 interactions: Σ value = bot answers in range, usage sums to 100, per-item counts by SQL (issue 4, acceptance 2). */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build, chatbotSession, NOW, seededDb } from '../helper.js'
import { schemaErrors } from '../schema-check.js'
import { propertyRun, rng } from '../property.js'
import { period } from '../chatbotcom-oracle.js'

const { SEED, RUNS } = propertyRun(t, 60)

const DAY = 86_400_000
const PERIODS = ['today', 'yesterday', 'last7days', 'last30days', 'thisMonth', 'lastMonth', 'last3Months', 'thisYear', 'lastYear']
const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100

interface Item { name: string, id?: string, parentId?: string, type?: string, usage: number, value: number }

async function get (app: FastifyInstance, url: string, headers: Record<string, string>): Promise<Item[]> {
  const res = await app.inject({ url, headers })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}

t.test('property: values count the bot answers in range (by SQL on a separate copy), usage = share of the total', async t => {
  const app = await build(t)
  const db = seededDb()
  t.teardown(() => db.close())
  // every bot answer of a story in [from, to], keyed as the report names its item
  const answers = db.prepare(`SELECT CASE i.kind WHEN 'intent' THEN 'id:' || i.ext_id WHEN 'contextFallback' THEN 'parent:' || p.ext_id
      ELSE i.kind END AS key, COUNT(*) AS n
    FROM messages m JOIN answers a ON a.id = m.answer_id JOIN intents i ON i.id = a.intent_id LEFT JOIN intents p ON p.id = i.parent_id
    JOIN bots b ON b.id = m.bot_id
    WHERE m.direction = 1 AND b.ext_id IN (SELECT value FROM json_each(?)) AND m.ts_ms BETWEEN ? AND ? GROUP BY 1`)
  const botMessages = db.prepare(`SELECT COUNT(*) AS n FROM messages m JOIN bots b ON b.id = m.bot_id
    WHERE m.direction = 1 AND b.ext_id IN (SELECT value FROM json_each(?)) AND m.ts_ms BETWEEN ? AND ?`)
  const random = rng(SEED)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]
  const sessions = [await chatbotSession(app, 0), await chatbotSession(app, 1)]
  let nonEmpty = 0
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
      from = Date.UTC(2026, 1, 5) + Math.floor(random() * 56 * 24) * 3_600_000
      to = from + Math.floor(random() * (random() < 0.3 ? 3_600_000 : 30 * DAY))
      params.push(random() < 0.5 ? `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}` : `from=${from}&to=${to}`)
    }
    const story = random() < 0.5 ? null : pick(s.account.stories).id
    if (story !== null) params.push(`storyId=${story}`)
    const q = params.join('&')
    const label = `run ${run}: ${s.account.name} ${q}`
    const body = await get(app, `/reports/conversations.interactions?${q}`, s.headers)
    t.equal(schemaErrors('ChatbotInteractions', body), null, `${label}: schema`)
    const stories = JSON.stringify(story === null ? s.account.stories.map(x => x.id) : [story])
    const total = body.reduce((a, x) => a + x.value, 0)
    t.equal(total, (botMessages.get(stories, from, to) as { n: number }).n, `${label}: Σ value = bot answers in range`)
    if (total > 0) {
      nonEmpty++
      const usage = body.reduce((a, x) => a + x.usage, 0)
      t.ok(Math.abs(usage - 100) <= body.length * 0.005 + 1e-9, `${label}: Σ usage ${usage} = 100 within rounding`)
      t.ok(body.every(x => x.usage === round2(x.value / total * 100)), `${label}: usage = round(value ÷ Σ × 100, 2)`)
    } else {
      t.ok(body.every(x => x.usage === 0), `${label}: no triggers, every usage 0`)
    }
    // per item: the same counts as SQL (fallback and welcome items carry no id: compare them as multisets)
    const rows = answers.all(stories, from, to) as Array<{ key: string, n: number }>
    const sql = new Map(rows.map(r => [r.key, r.n]))
    const regular = body.filter(x => x.type === undefined || x.type === 'contextFallback')
    t.ok(regular.every(x => x.value === (sql.get(x.type === undefined ? `id:${x.id}` : `parent:${x.parentId}`) ?? 0)), `${label}: interaction values = SQL counts`)
    for (const kind of ['fallback', 'welcome']) {
      const sum = body.filter(x => x.type === kind).reduce((a, x) => a + x.value, 0)
      t.equal(sum, sql.get(kind) ?? 0, `${label}: Σ ${kind} = SQL count`)
    }
    // dimension and source are not parameters of this report: ignored
    const res = await app.inject({ url: `/reports/conversations.interactions?${q}&dimension=hour&source=slack`, headers: s.headers })
    t.equal(res.body, JSON.stringify(body), `${label}: dimension and source ignored`)
  }
  t.ok(nonEmpty >= RUNS / 2, `${nonEmpty} of ${RUNS} runs had triggers`)
})

t.test('the seed\'s arithmetic: two triggers of one interaction and one of another give 66.67 and 33.33', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 1)
  // the first run of three consecutive bot answers of one story with a 2 + 1 split
  const msgs = app.db.prepare(`SELECT m.ts_ms AS ts, a.intent_id AS intent FROM messages m JOIN answers a ON a.id = m.answer_id
    JOIN bots b ON b.id = m.bot_id WHERE b.ext_id = ? AND m.direction = 1 ORDER BY m.ts_ms, m.id`).all(s.account.stories[0].id) as Array<{ ts: number, intent: number }>
  const i = msgs.findIndex((m, k) => k + 2 < msgs.length && m.ts !== (msgs[k - 1]?.ts ?? -1) && msgs[k + 2].ts !== (msgs[k + 3]?.ts ?? -1) &&
    new Set([m.intent, msgs[k + 1].intent, msgs[k + 2].intent]).size === 2)
  t.ok(i >= 0, 'found three answers with a 2 + 1 split')
  const body = await get(app, `/reports/conversations.interactions?from=${msgs[i].ts}&to=${msgs[i + 2].ts}`, s.headers)
  const hot = body.filter(x => x.value > 0)
  t.same(hot.map(x => [x.value, x.usage]), [[2, 66.67], [1, 33.33]], 'usage 66.67 and 33.33, the busier first')
  t.ok(body.slice(2).every(x => x.value === 0 && x.usage === 0), 'the rest listed with value 0 and usage 0')
  t.equal(body.length, app.db.prepare('SELECT COUNT(*) AS n FROM intents i JOIN bots b ON b.id = i.bot_id WHERE b.ext_id = ?').pluck().get(s.account.stories[0].id), 'every interaction listed')
})

t.test('an empty range lists every interaction with value 0 and usage 0', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 0)
  const body = await get(app, '/reports/conversations.interactions?from=2025-01-01&to=2025-12-31', s.headers)
  t.equal(schemaErrors('ChatbotInteractions', body), null)
  t.ok(body.length > 0 && body.every(x => x.value === 0 && x.usage === 0), `${body.length} items, all zero`)
  t.same(body.map(x => x.type ?? 'interaction').slice(-4), ['fallback', 'fallback', 'welcome', 'welcome'], 'zero ties: fallbacks then welcomes last')
  // all ties: tree order (story by story, each interaction followed by its context fallbacks), then fallbacks, then welcomes
  const rows = app.db.prepare(`SELECT i.id, i.kind, i.ext_id AS extId, i.parent_id AS parent, b.ext_id AS story FROM intents i JOIN bots b ON b.id = i.bot_id
    WHERE b.ext_id IN (?, ?) ORDER BY b.id, i.id`).all(...s.account.stories.map(x => x.id)) as Array<{ id: number, kind: string, extId: string, parent: number | null, story: string }>
  const ext = new Map(rows.map(r => [r.id, r.extId]))
  const tree = rows.filter(r => r.kind === 'intent').flatMap(r => [`id:${r.extId}`, ...rows.filter(c => c.kind === 'contextFallback' && c.parent === r.id).map(c => `parent:${ext.get(c.parent as number)}`)])
  const want = [...tree, 'fallback', 'fallback', 'welcome', 'welcome']
  t.same(body.map(x => x.id !== undefined ? `id:${x.id}` : x.parentId !== undefined ? `parent:${x.parentId}` : x.type), want, 'tree order among equal values')
})
