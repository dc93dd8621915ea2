/** K1/K2 properties over random windows and custom filters: Sessions widgets agree with SQL and with getSessions. */
import t from 'tap'
import { build, koreSession, koreTenants } from '../helper.js'
import { schemaErrors } from '../schema-check.js'
import { find, url, widgetsOf, type WidgetInfo } from './kore-widgets.helper.js'
import { propertyRun, rng } from '../property.js'

const { SEED, RUNS } = propertyRun(t, 40)

const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)

interface SessionFact { channel: string, status: string, interactive: number, containment: string, language: string, isNew: number, user: string, code: string, started: number }

t.test('property: Sessions widgets agree with the sessions in the window under random custom filters', async t => {
  const app = await build(t)
  const random = rng(SEED)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]
  const tenants = await koreTenants(app)
  const sessions = await Promise.all(tenants.bots.map((_, i) => koreSession(app, i)))
  const facts = app.db.prepare(`SELECT c.ext_id AS channel, s.status, s.interactive, s.containment, s.language, s.is_new_user AS isNew,
    u.ext_id AS user, s.code, s.started_ms AS started FROM sessions s JOIN channels c ON c.id = s.channel_id JOIN users u ON u.id = s.user_id
    JOIN bots b ON b.id = s.bot_id WHERE b.ext_id = ?`)
  const HISTORY_START = Date.UTC(2026, 1, 18)

  for (let run = 0; run < RUNS; run++) {
    const s = pick(sessions)
    const ws = widgetsOf(app, s.bot.botId)
    const all = facts.all(s.bot.botId) as SessionFact[]
    const first = HISTORY_START - 3 * DAY + Math.floor(random() * 45) * DAY
    const days = 1 + Math.floor(random() * (random() < 0.7 ? 14 : 60))
    const q = `startDate=${iso(first)}&endDate=${iso(first + (days - 1) * DAY)}`
    const inWindow = all.filter(f => f.started >= first && f.started < first + days * DAY)
    // 0–3 random filters, with the predicate each one means
    const filters: Array<{ filterSource: string, fieldName: string, values: Array<string | number> }> = []
    const preds: Array<(f: SessionFact) => boolean> = []
    const channels = [...new Set(all.map(f => f.channel))]
    for (let k = Math.floor(random() * 4); k > 0; k--) {
      const sample = pick(inWindow.length > 0 ? inWindow : all)
      const options: Array<() => void> = [
        () => { const v = pick(['newuser', 'returninguser']); filters.push({ filterSource: 'userType', fieldName: 'user', values: [v] }); preds.push(f => f.isNew === (v === 'newuser' ? 1 : 0)) },
        () => { const v = channels.filter(() => random() < 0.5); if (v.length === 0) v.push('whatsapp'); filters.push({ filterSource: 'sessions', fieldName: 'channel', values: v }); preds.push(f => v.includes(f.channel)) },
        () => { const v = pick(['dropOff', 'selfService', 'agent']); filters.push({ filterSource: 'sessions', fieldName: 'containment_type', values: [v.toLowerCase()] }); preds.push(f => f.containment === v) },
        () => { const v = pick(['Interactive', 'Non-interactive']); filters.push({ filterSource: 'Sessions', fieldName: 'sessiontype', values: [v] }); preds.push(f => f.interactive === (v === 'Interactive' ? 1 : 0)) },
        () => { const v = pick(['active', 'closed']); filters.push({ filterSource: 'sessions', fieldName: 'sessionstatus', values: [v] }); preds.push(f => f.status === v) },
        () => { filters.push({ filterSource: 'sessions', fieldName: 'userId', values: [sample.user] }); preds.push(f => f.user === sample.user) },
        () => { filters.push({ filterSource: 'sessions', fieldName: 'sessionid', values: [sample.code, 'ffffffffffffffffffffffff'] }); preds.push(f => f.code === sample.code) },
        () => { const lo = sample.started - Math.floor(random() * DAY); filters.push({ filterSource: 'sessions', fieldName: 'timestampvalue', values: [lo, lo + DAY] }); preds.push(f => f.started >= lo && f.started <= lo + DAY) },
        () => { filters.push({ filterSource: 'sessions', fieldName: 'language', values: ['EN'] }); preds.push(f => f.language.toLowerCase() === 'en') }
      ]
      pick(options)()
    }
    const expected = inWindow.filter(f => preds.every(p => p(f)))
    const label = `run ${run}: ${s.bot.name} ${q} ${JSON.stringify(filters)}`
    const post = async (w: WidgetInfo) => {
      const res = await app.inject({ method: 'POST', url: url(s.bot.botId, w.dashboard, w.name, q), headers: pick([s.builderHeaders, s.adminHeaders]), payload: { customFilters: filters } })
      if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body}`)
      t.equal(schemaErrors('KoreWidget', res.json()), null)
      return res.json().queryResponse.queryResponse as Array<Record<string, string | number>>
    }
    const total = (rows: Array<Record<string, string | number>>) => rows.reduce((a, r) => a + Number(r.sessions), 0)
    const byChannel = await post(find(ws, 'Sessions', ['channel'], true))
    const counts = new Map<string, number>()
    for (const f of expected) counts.set(f.channel, (counts.get(f.channel) ?? 0) + 1)
    t.same(Object.fromEntries(byChannel.map(r => [r.channel, r.sessions])), Object.fromEntries(counts), `${label}: per channel`)
    t.equal(total(await post(find(ws, 'Sessions', ['containment_type'], true))), expected.length, `${label}: Σ containment`)
    const daily = await post(find(ws, 'Sessions', ['date'], true))
    if (days <= 50) t.equal(total(daily), expected.length, `${label}: Σ per day`)
    t.ok(daily.every((r, i) => i === 0 || String(daily[i - 1].date) < String(r.date)), 'days ascending')
    if (filters.length === 0) {
      const get = await app.inject({ url: url(s.bot.botId, 'Support Overview', 'Sessions by Channel', q), headers: s.builderHeaders })
      t.same(get.json().queryResponse.queryResponse, byChannel, `${label}: GET = POST without filters`)
    }
  }
})

/**
 * Acceptance 2, against the sessions endpoint itself (built separately): over random windows
 * under 7 days, the Sessions widgets' totals equal getSessions `total`, per containment type
 * and per session type too. Skipped while getSessions does not answer.
 */
t.test('property: Sessions widgets agree with getSessions over the same window', async t => {
  const app = await build(t)
  const random = rng(SEED + 1)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]
  const tenants = await koreTenants(app)
  const sessions = await Promise.all(tenants.bots.map((_, i) => koreSession(app, i)))
  const probe = await app.inject({ method: 'POST', url: `/api/public/bot/${sessions[0].bot.botId}/getSessions`, headers: sessions[0].builderHeaders, payload: { limit: 1 } })
  if (probe.statusCode !== 200) {
    t.comment(`skipped: getSessions answers ${probe.statusCode}`)
    return
  }
  for (let run = 0; run < Math.ceil(RUNS / 2); run++) {
    const s = pick(sessions)
    const first = Date.UTC(2026, 1, 15) + Math.floor(random() * 45) * DAY
    const days = 1 + Math.floor(random() * 7)
    const [from, to] = [iso(first), iso(first + (days - 1) * DAY)]
    const label = `run ${run}: ${s.bot.name} ${from}..${to}`
    const getSessions = async (query: string, body: Record<string, unknown> = {}) => {
      const res = await app.inject({ method: 'POST', url: `/api/public/bot/${s.bot.botId}/getSessions${query}`, headers: s.adminHeaders, payload: { dateFrom: from, dateTo: to, limit: 1, ...body } })
      if (res.statusCode !== 200) throw new Error(`${label} getSessions${query}: ${res.statusCode} ${res.body}`)
      return res.json().total as number
    }
    const widget = async (dashboard: string, name: string, customFilters?: unknown[]) => {
      const res = await app.inject({ method: customFilters === undefined ? 'GET' : 'POST', url: url(s.bot.botId, dashboard, name, `startDate=${from}&endDate=${to}`), headers: s.builderHeaders, payload: customFilters === undefined ? undefined : { customFilters } })
      return res.json().queryResponse.queryResponse as Array<Record<string, string | number>>
    }
    const split = Object.fromEntries((await widget('Containment', 'Containment Split')).map(r => [r.containment_type, Number(r.sessions)]))
    const total = (await widget('Support Overview', 'Sessions by Channel')).reduce((a, r) => a + Number(r.sessions), 0)
    t.equal(total, await getSessions(''), `${label}: widget total = getSessions total`)
    for (const type of ['selfService', 'dropOff', 'agent']) {
      t.equal(split[type] ?? 0, await getSessions(`?containmentType=${type}`), `${label}: ${type}`)
    }
    const nonInteractive = (await widget('Containment', 'Containment Split', [{ filterSource: 'sessions', fieldName: 'sessiontype', values: ['Non-interactive'] }]))
      .reduce((a, r) => a + Number(r.sessions), 0)
    t.equal(nonInteractive, await getSessions('', { sessionType: 'non-interactive' }), `${label}: non-interactive sessions`)
  }
})
