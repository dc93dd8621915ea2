/** K1/K2 custom dashboard widgets: the seeded dashboards, every widget's shape, and counts checked against SQL. */
import t from 'tap'
import Database from 'better-sqlite3'
import { TABLES_SQL } from '../../src/db/schema.js'
import { seedKoreDashboards } from '../../seeds/kore-dashboards.js'
import { insertTenants } from '../../seeds/tenant-rows.js'
import { build, koreSession, koreTenants } from '../helper.js'
import { schemaErrors } from '../schema-check.js'
import { find, url, widgetsOf, type WidgetInfo } from './kore-widgets.helper.js'

t.test('seeded dashboards: 2–3 per Kore bot, 3–6 widgets each, deterministic from the seed', async t => {
  const make = (seed: number) => {
    const db = new Database(':memory:')
    db.exec(TABLES_SQL)
    insertTenants(db, seed)
    seedKoreDashboards(db, seed)
    const rows = db.prepare(`SELECT d.bot_id, d.ext_id AS d, d.name AS dn, w.ext_id, w.name, w.type, w.dataset, w.definition
      FROM dashboards d JOIN widgets w ON w.dashboard_id = d.id ORDER BY w.id`).all()
    const perBot = db.prepare('SELECT bot_id, COUNT(*) AS n FROM dashboards GROUP BY bot_id').all() as Array<{ n: number }>
    const perDash = db.prepare('SELECT dashboard_id, COUNT(*) AS n FROM widgets GROUP BY dashboard_id').all() as Array<{ n: number }>
    const koreBots = (db.prepare("SELECT COUNT(*) AS n FROM bots WHERE vendor = 'kore'").get() as { n: number }).n
    db.close()
    return { rows, perBot, perDash, koreBots }
  }
  const a = make(42)
  t.same(make(42).rows, a.rows, 'same seed, same rows')
  t.notSame(make(7).rows, a.rows, 'another seed, other ids')
  t.equal(a.perBot.length, a.koreBots, 'every Kore bot has dashboards')
  t.ok(a.perBot.every(r => r.n >= 2 && r.n <= 3))
  t.ok(a.perDash.every(r => r.n >= 3 && r.n <= 6))
  t.ok(a.rows.every(r => /^wg-[0-9a-f-]{36}$/.test((r as { ext_id: string }).ext_id)))
})

t.test('every seeded widget answers with its documented shape (GET, builder and admin apps)', async t => {
  const app = await build(t)
  const tenants = await koreTenants(app)
  for (let i = 0; i < tenants.bots.length; i++) {
    const s = await koreSession(app, i)
    const ws = widgetsOf(app, s.bot.botId)
    t.same(s.bot.dashboards.flatMap(d => d.widgets.map(w => `${d.name}/${w}`)), ws.map(w => `${w.dashboard}/${w.name}`), 'tenants lists them')
    for (const datasetColumns of [['Sessions', 'channel'], ['Sessions', 'date'], ['Sessions', 'containment_type'], ['Messages', 'intent']]) {
      find(ws, datasetColumns[0], [datasetColumns[1]], true)
    }
    find(ws, 'Analytics', ['metricType'], false)
    for (const [k, w] of ws.entries()) {
      const headers = k % 2 === 0 ? s.builderHeaders : s.adminHeaders
      const res = await app.inject({ url: url(s.bot.botId, w.dashboard, w.name, 'startDate=2026-03-01&endDate=2026-03-31'), headers })
      t.equal(res.statusCode, 200, `${w.dashboard}/${w.name}`)
      const body = res.json()
      t.equal(schemaErrors('KoreWidget', body), null)
      t.equal(body.name, w.name)
      t.equal(body.sqlQuery.dataSet, w.dataset)
      t.equal(body.sqlQuery.botId, s.bot.botId)
      t.equal(body.sqlQuery.startDate, '2026-03-01T00:00:00.000Z')
      t.equal(body.sqlQuery.endDate, '2026-04-01T00:00:00.000Z')
      const rows = body.queryResponse.queryResponse as Array<Record<string, unknown>>
      t.ok(rows.length > 0 && rows.length <= 50, `${w.name}: ${rows.length} rows`)
      t.ok(rows.every(r => Object.keys(r).join() === Object.keys(body.queryResponse.metaData).join()), 'rows keyed by metaData')
    }
  }
})

t.test('the seed-like Analytics table and the counts of each dataset agree with SQL', async t => {
  const app = await build(t)
  const s = await koreSession(app, 0)
  const ws = widgetsOf(app, s.bot.botId)
  const bot = app.db.prepare('SELECT id FROM bots WHERE ext_id = ?').get(s.bot.botId) as { id: number }
  const q = 'startDate=2026-03-10&endDate=2026-03-16'
  const [start, end] = [Date.parse('2026-03-10'), Date.parse('2026-03-17')]
  const get = async (w: WidgetInfo, extra = '') => (await app.inject({ url: url(s.bot.botId, w.dashboard, w.name, q + extra), headers: s.builderHeaders })).json()

  const events = await get(find(ws, 'Analytics', ['metricType'], false), '&limit=-1')
  t.equal(events.queryResponse.queryResponse.length, 50, 'limit=-1 is the maximum, 50')
  const types = new Set(['successintents', 'failedintents', 'unhandledutterances', 'successtasks', 'failedtasks'])
  t.ok(events.queryResponse.queryResponse.every((r: { metricType: string }) => types.has(r.metricType)))
  t.same(events.queryResponse.metaData, { metricType: 'string' })
  t.same(events.sqlQuery.select, 'metricType')
  const three = await get(find(ws, 'Analytics', ['metricType'], false), '&limit=3')
  t.same(three.queryResponse.queryResponse, events.queryResponse.queryResponse.slice(0, 3), 'limit keeps the first rows')

  const userMsgs = app.db.prepare('SELECT COUNT(*) AS n, COUNT(intent_id) AS hit FROM messages WHERE bot_id = ? AND direction = 0 AND ts_ms >= ? AND ts_ms < ?')
    .get(bot.id, start, end) as { n: number, hit: number }
  const flows = app.db.prepare('SELECT COUNT(*) AS n FROM session_flows WHERE bot_id = ? AND started_ms >= ? AND started_ms < ?').get(bot.id, start, end) as { n: number }
  const summary = ws.find(w => w.dataset === 'Analytics' && w.def.query.measure !== undefined)
  if (summary !== undefined) {
    const by = Object.fromEntries((await get(summary)).queryResponse.queryResponse.map((r: { metricType: string, events: number }) => [r.metricType, r.events]))
    t.equal((by.successintents ?? 0) + (by.failedintents ?? 0) + (by.unhandledutterances ?? 0), userMsgs.n, 'intent events = user messages')
    t.equal(by.successintents ?? 0, userMsgs.hit)
    t.equal((by.successtasks ?? 0) + (by.failedtasks ?? 0), flows.n, 'task events = flows travelled')
  }
  const intents = await get(find(ws, 'Messages', ['intent'], true))
  const perIntent = app.db.prepare(`SELECT i.name AS intent, COUNT(*) AS messages FROM messages m JOIN intents i ON i.id = m.intent_id
    WHERE m.bot_id = ? AND m.direction = 0 AND m.ts_ms >= ? AND m.ts_ms < ? GROUP BY i.name ORDER BY messages DESC, intent`).all(bot.id, start, end)
  t.same(intents.queryResponse.queryResponse, perIntent.slice(0, 50), 'user messages per intent')
})

t.test('filters that do not fit Messages and Analytics widgets return no rows; userType applies to them', async t => {
  const app = await build(t)
  const s = await koreSession(app, 2)
  const ws = widgetsOf(app, s.bot.botId)
  const q = 'startDate=2026-03-01&endDate=2026-03-14'
  const post = async (w: WidgetInfo, customFilters: unknown[]) =>
    (await app.inject({ method: 'POST', url: url(s.bot.botId, w.dashboard, w.name, q), headers: s.adminHeaders, payload: { customFilters } })).json()
  const intents = find(ws, 'Messages', ['intent'], true)
  t.same((await post(intents, [{ filterSource: 'sessions', fieldName: 'channel', values: ['rtm'] }])).queryResponse.queryResponse, [])
  const sum = (b: { queryResponse: { queryResponse: Array<{ messages: number }> } }) => b.queryResponse.queryResponse.reduce((a, r) => a + r.messages, 0)
  const [allRows, fresh, back] = [await post(intents, []), await post(intents, [{ filterSource: 'userType', fieldName: 'user', values: ['newuser'] }]),
    await post(intents, [{ filterSource: 'userType', fieldName: 'user', values: ['returninguser'] }])]
  t.ok(sum(fresh) > 0 && sum(back) > 0)
  if (allRows.queryResponse.queryResponse.length < 50) t.equal(sum(fresh) + sum(back), sum(allRows), 'new + returning = all')
})
