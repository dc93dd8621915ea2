/** ChatBot.com C1–C6 answer with the seed's shapes and key orders, for both accounts (issue 4, acceptance 1). */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../src/config.js'
import { build, chatbotSession } from '../helper.js'
import { schemaErrors } from '../schema-check.js'

const SERIES = ['conversations', 'conversations.paid', 'conversations.messages', 'conversations.avg']
const HEX24 = /^[0-9a-f]{24}$/
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const DEFAULTS: Config['chatbotcom'] = { groupShape: 'points', weekStart: 'sunday', offsetSign: 'east', heatmapUsage: 'total', maxPoints: 10000 }

type Json = Record<string, unknown>

async function get (app: FastifyInstance, url: string, headers: Record<string, string>) {
  const res = await app.inject({ url, headers })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return { res, body: JSON.parse(res.body) }
}

t.test('C1–C4: {data:[{date,value}], summary:{total,min,max,avg}}, schema-valid, for both accounts', async t => {
  const app = await build(t)
  for (const accountIndex of [0, 1]) {
    const s = await chatbotSession(app, accountIndex)
    for (const report of SERIES) {
      const label = `${s.account.name} ${report}`
      const { res, body } = await get(app, `/reports/${report}`, s.headers)
      t.match(res.headers['content-type'], /^application\/json/, `${label}: JSON`)
      t.equal(schemaErrors('ChatbotSeriesReport', body), null, `${label}: schema`)
      t.same(Object.keys(body), ['data', 'summary'], `${label}: top-level keys`)
      t.same(Object.keys(body.summary), ['total', 'min', 'max', 'avg'], `${label}: summary keys in the seed's order`)
      t.equal(body.data.length, 30, `${label}: the default period last30days gives 30 daily points`)
      t.ok(body.data.every((p: Json) => JSON.stringify(Object.keys(p)) === '["date","value"]'), `${label}: every point is {date, value}`)
      t.ok(body.data.every((p: Json) => ISO_MS.test(p.date as string) && (p.date as string).endsWith('T00:00:00.000Z')), `${label}: dates are UTC midnights with ms`)
      t.ok(body.data.every((p: Json) => typeof p.value === 'number'), `${label}: numeric values`)
      t.ok(body.summary.total > 0, `${label}: the account has data in the default period`)
    }
  }
})

t.test('C1–C4 with group: points carry the key (points shape) or one series per value (series shape)', async t => {
  const points = await build(t)
  const series = await build(t, { config: { chatbotcom: { ...DEFAULTS, groupShape: 'series' } } })
  for (const accountIndex of [0, 1]) {
    const s = await chatbotSession(points, accountIndex)
    const storyIds = s.account.stories.map(x => x.id)
    for (const report of SERIES) {
      for (const group of ['source', 'storyId']) {
        const url = `/reports/${report}?from=2026-03-20&to=2026-03-26&group=${group}`
        const label = `${s.account.name} ${report} group=${group}`
        const a = (await get(points, url, s.headers)).body
        t.equal(schemaErrors('ChatbotSeriesReport', a), null, `${label} points: schema`)
        t.ok(a.data.every((p: Json) => JSON.stringify(Object.keys(p)) === JSON.stringify(['date', group, 'value'])), `${label} points: {date, ${group}, value}`)
        t.same(Object.keys(a.summary), ['total', 'min', 'max', 'avg'])
        const keys = [...new Set(a.data.map((p: Json) => p[group]))]
        t.equal(a.data.length, 7 * keys.length, `${label} points: 7 days × ${keys.length} keys`)
        if (group === 'storyId') t.same(keys.toSorted(), storyIds.toSorted(), `${label}: one key per story of the account`)

        const b = (await get(series, url, s.headers)).body
        t.equal(schemaErrors('ChatbotSeriesReport', b), null, `${label} series: schema`)
        t.ok(b.data.every((g: Json) => JSON.stringify(Object.keys(g)) === JSON.stringify([group, 'data', 'summary'])), `${label} series: {${group}, data, summary}`)
        t.same(b.data.map((g: Json) => g[group]), keys, `${label} series: the same keys in the same order`)
        t.ok(b.data.every((g: { data: Json[] }) => g.data.length === 7 && g.data.every(p => JSON.stringify(Object.keys(p)) === '["date","value"]')), `${label} series: 7 {date, value} each`)
        t.same(b.summary, a.summary, `${label}: the top-level summary does not depend on the shape`)
      }
    }
  }
})

t.test('C5: a top-level array of 7 rows of 24 {day, hour, value, usage}, day 0..6 then hour 0..23', async t => {
  const app = await build(t)
  for (const accountIndex of [0, 1]) {
    const s = await chatbotSession(app, accountIndex)
    for (const q of ['', '?offset=120', `?storyId=${s.account.stories[0].id}&source=widget`, '?period=today']) {
      const label = `${s.account.name} heatmap${q}`
      const { res, body } = await get(app, `/reports/conversations.heatmap${q}`, s.headers)
      t.match(res.headers['content-type'], /^application\/json/)
      t.equal(schemaErrors('ChatbotHeatmap', body), null, `${label}: schema`)
      t.ok(Array.isArray(body), `${label}: no wrapper`)
      t.equal(body.length, 7, `${label}: 7 rows`)
      t.same(body.map((row: Json[]) => row.length), [24, 24, 24, 24, 24, 24, 24], `${label}: 24 cells each`)
      t.same(body.flat().map((c: Json) => [c.day, c.hour]), Array.from({ length: 168 }, (_, i) => [Math.floor(i / 24), i % 24]), `${label}: day then hour, in order`)
      t.ok(body.flat().every((c: Json) => JSON.stringify(Object.keys(c)) === '["day","hour","value","usage"]'), `${label}: {day, hour, value, usage}`)
      t.ok(body.flat().every((c: { value: number }) => Number.isInteger(c.value) && c.value >= 0), `${label}: counts`)
    }
  }
})

t.test('C6: a flat list, keys as in the seed per kind, every interaction of the stories once', async t => {
  const app = await build(t)
  const kinds = app.db.prepare(`SELECT i.kind, i.ext_id AS extId, p.ext_id AS parentExt, i.name FROM intents i
    LEFT JOIN intents p ON p.id = i.parent_id JOIN bots b ON b.id = i.bot_id WHERE b.vendor = 'chatbotcom' AND b.ext_id = ?`)
  for (const accountIndex of [0, 1]) {
    const s = await chatbotSession(app, accountIndex)
    const scopes = [['', s.account.stories.map(x => x.id)], ...s.account.stories.map(x => [`?storyId=${x.id}`, [x.id]] as const)] as const
    for (const [q, stories] of scopes) {
      const label = `${s.account.name} interactions${q}`
      const { res, body } = await get(app, `/reports/conversations.interactions${q}`, s.headers)
      t.match(res.headers['content-type'], /^application\/json/)
      t.equal(schemaErrors('ChatbotInteractions', body), null, `${label}: schema`)
      t.ok(Array.isArray(body), `${label}: a top-level array`)
      const regular = body.filter((x: Json) => x.type === undefined)
      const context = body.filter((x: Json) => x.type === 'contextFallback')
      const special = body.filter((x: Json) => x.type === 'fallback' || x.type === 'welcome')
      t.equal(regular.length + context.length + special.length, body.length, `${label}: no other type`)
      t.ok(regular.every((x: Json) => JSON.stringify(Object.keys(x)) === '["name","id","usage","value"]'), `${label}: regular {name, id, usage, value}`)
      t.ok(context.every((x: Json) => JSON.stringify(Object.keys(x)) === '["parentId","type","name","usage","value"]'), `${label}: contextFallback {parentId, type, name, usage, value}`)
      t.ok(special.every((x: Json) => JSON.stringify(Object.keys(x)) === '["type","name","usage","value"]'), `${label}: fallback/welcome {type, name, usage, value}`)
      t.ok(regular.every((x: Json) => HEX24.test(x.id as string)), `${label}: 24-hex ids`)
      t.equal(new Set(regular.map((x: Json) => x.id)).size, regular.length, `${label}: ids unique`)
      const ids = new Set(regular.map((x: Json) => x.id))
      t.ok(context.every((x: Json) => ids.has(x.parentId)), `${label}: every parentId is a listed interaction`)
      t.ok(context.every((x: Json) => x.name === 'Fallback Interaction'), `${label}: context fallbacks are named as in the seed`)
      t.ok(special.every((x: Json) => x.name === (x.type === 'welcome' ? 'Welcome Interaction' : 'Fallback Interaction')), `${label}: special names as in the seed`)
      t.equal(special.filter((x: Json) => x.type === 'welcome').length, stories.length, `${label}: one welcome per story`)
      t.equal(special.filter((x: Json) => x.type === 'fallback').length, stories.length, `${label}: one fallback per story`)

      // the same set as the stories' interactions in the dataset
      const rows = stories.flatMap(id => kinds.all(id) as Array<{ kind: string, extId: string, parentExt: string | null }>)
      t.same(regular.map((x: Json) => x.id).toSorted(), rows.filter(r => r.kind === 'intent').map(r => r.extId).toSorted(), `${label}: exactly the stories' interactions`)
      t.same(context.map((x: Json) => x.parentId).toSorted(), rows.filter(r => r.kind === 'contextFallback').map(r => r.parentExt).toSorted(), `${label}: exactly the stories' context fallbacks`)

      // value descending; among equal values interactions (and context fallbacks), then fallback, then welcome
      const rank = (x: Json) => x.type === 'fallback' ? 1 : x.type === 'welcome' ? 2 : 0
      let ordered = true
      for (let i = 1; i < body.length; i++) {
        const [a, b] = [body[i - 1], body[i]]
        if (a.value < b.value || (a.value === b.value && rank(a) > rank(b))) ordered = false
      }
      t.ok(ordered, `${label}: sorted by value desc, ties interaction < fallback < welcome`)
    }
  }
})

t.test('the seed example\'s avg rule: total over every bucket of the range (as 28 / 27 = 1.04)', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 0)
  // 27 daily buckets, as the seed's thisMonth-on-27-March example
  const { body } = await get(app, '/reports/conversations?from=2026-03-01&to=2026-03-27', s.headers)
  t.equal(body.data.length, 27)
  const total = body.data.reduce((a: number, p: { value: number }) => a + p.value, 0)
  t.equal(body.summary.total, total)
  t.equal(body.summary.avg, Math.round((total / 27 + Number.EPSILON) * 100) / 100, 'avg = round(total / 27, 2)')
})
