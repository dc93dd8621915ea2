/**
 * The eva dashboards written as text (src/engine/bucket-json.ts) are byte-for-byte what the
 * route's schema serializer (fast-json-stringify, Fastify's own copy) writes for the same
 * value, over random windows, zones, hour filters and channels.
 */
import { createRequire } from 'node:module'
import t from 'tap'
import { ALL_MODELS } from '../schemas/index.js'
import { build, evaSession } from './helper.js'
import { propertyRun, rng } from './property.js'

const { SEED, RUNS } = propertyRun(t, 20)

const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'))
const fastJson = fromFastify('fast-json-stringify') as (schema: unknown, options: { schema: Record<string, unknown> }) => (data: unknown) => string
const models = Object.fromEntries(ALL_MODELS.map(m => [m.$id, m]))
const serializer = (id: string) => fastJson({ $ref: `${id}#` }, { schema: models })

const ROUTES: Array<[string, string]> = [
  ['dashboard/conversations', 'EvaConversationsDashboard'],
  ['dashboard/messages', 'EvaTrafficDashboard'],
  ['dashboard/users', 'EvaTrafficDashboard']
]
const ZONES = ['UTC', 'Asia/Kathmandu', 'America/Sao_Paulo', 'Europe/Madrid', '+05:30', 'Pacific/Chatham']

t.test('text answers equal the schema serializer output', async t => {
  const app = await build(t)
  const random = rng(SEED)
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]
  const s = await evaSession(app, 0)
  const serialize = Object.fromEntries(ROUTES.map(([, id]) => [id, serializer(id)]))
  const differ: string[] = []
  let checked = 0
  for (let run = 0; run < RUNS; run++) {
    const end = Date.UTC(2026, 2, 31) - Math.floor(random() * 20) * 86_400_000
    const start = end - Math.floor(random() * 40) * 86_400_000
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
    const channels = s.bot.channels.filter(() => random() < 0.6).map(c => c.uuid).join(',')
    const q = `startDate=${day(start)}&endDate=${day(end)}&timezone=${encodeURIComponent(pick(ZONES))}&startHour=${pick([0, 6])}&endHour=${pick([23, 20])}&channelUuids=${channels}`
    for (const [path, id] of ROUTES) {
      const res = await app.inject({ url: `${s.base}/${path}?${q}`, headers: s.headers })
      if (res.statusCode !== 200) throw new Error(`${path}?${q}: ${res.statusCode} ${res.body}`)
      checked++
      t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      if (serialize[id](res.json()) !== res.body) differ.push(`${path}?${q}`)
    }
  }
  t.same(differ.slice(0, 3), [], `${checked} answers equal their serializer's text`)
})
