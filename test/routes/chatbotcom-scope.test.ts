/** ChatBot.com: a developer token reads only its account's stories; unfiltered reports are the sum of the account's stories (issue 4). */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build, chatbotSession } from '../helper.js'
import { schemaErrors } from '../schema-check.js'

const ALL = ['conversations', 'conversations.paid', 'conversations.messages', 'conversations.avg', 'conversations.heatmap', 'conversations.interactions']
const SERIES = ['conversations', 'conversations.paid', 'conversations.messages']
const Q = 'from=2026-02-10&to=2026-03-31'

interface Point { date: string, value: number }
interface Item { id?: string, parentId?: string, type?: string, value: number }

async function get (app: FastifyInstance, url: string, headers: Record<string, string>) {
  const res = await app.inject({ url, headers })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res
}

t.test('/__sandbox/tenants lists the ChatBot.com accounts as {name, developerToken, clientToken, stories:[{id, name}]}', async t => {
  const app = await build(t)
  const { accounts } = await chatbotSession(app, 0)
  t.same(accounts.map(a => [a.name, a.stories.length]), [['Umbrella Retail', 2], ['Hooli Labs', 1]])
  for (const a of accounts) {
    t.same(Object.keys(a), ['name', 'developerToken', 'clientToken', 'stories'], `${a.name}: keys`)
    t.ok(a.stories.every(x => JSON.stringify(Object.keys(x)) === '["id","name"]' && /^[0-9a-f]{24}$/.test(x.id)), `${a.name}: stories {id (24 hex), name}`)
    t.not(a.developerToken, a.clientToken, `${a.name}: two different tokens`)
  }
  t.equal(new Set(accounts.flatMap(a => [a.developerToken, a.clientToken])).size, 4, 'four distinct tokens')
})

t.test('a token cannot read another account\'s story: 404 on every report, in every form', async t => {
  const app = await build(t)
  const [a, b] = [await chatbotSession(app, 0), await chatbotSession(app, 1)]
  const pairs: Array<[typeof a, typeof b]> = [[b, a], [a, b]]
  for (const [reader, owner] of pairs) {
    const mine = reader.account.stories[0].id
    for (const story of owner.account.stories) {
      for (const report of ALL) {
        const forms = [`storyId=${story.id}`, `storyId[]=${story.id}`, `storyId[0]=${story.id}`]
        if (!report.endsWith('heatmap') && !report.endsWith('interactions')) forms.push(`storyId=${mine}&storyId=${story.id}`, `storyId[]=${story.id}&storyId[]=${mine}`)
        for (const f of forms) {
          const res = await app.inject({ url: `/reports/${report}?${Q}&${f}`, headers: reader.headers })
          t.equal(res.statusCode, 404, `${reader.account.name} → ${owner.account.name}'s ${story.name}: ${report}?${f}`)
          t.equal(schemaErrors('ChatbotError', res.json()), null)
          t.notMatch(res.body, /"value"/, 'no data leaks')
        }
      }
    }
  }
})

t.test('Hooli Labs (one story): every unfiltered report is byte for byte its story\'s report', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 1)
  const id = s.account.stories[0].id
  for (const report of ALL) {
    for (const q of [Q, 'period=last7days', 'from=2026-03-01&to=2026-03-03&dimension=hour', 'offset=-300&from=2026-02-20']) {
      const plain = (await get(app, `/reports/${report}?${q}`, s.headers)).body
      const story = (await get(app, `/reports/${report}?${q}&storyId=${id}`, s.headers)).body
      t.equal(plain, story, `${report}?${q}: unfiltered = storyId=${id}`)
    }
  }
  const grouped = (await get(app, `/reports/conversations?${Q}&group=storyId`, s.headers)).json() as { data: Array<{ storyId: string }> }
  t.same([...new Set(grouped.data.map(p => p.storyId))], [id], 'group=storyId shows only its own story')
})

t.test('Umbrella Retail (two stories): unfiltered = Σ of its stories, per bucket, cell and interaction', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 0)
  const ids = s.account.stories.map(x => x.id)
  for (const report of SERIES) {
    const all = (await get(app, `/reports/${report}?${Q}`, s.headers)).json() as { data: Point[] }
    const parts = await Promise.all(ids.map(async id => (await get(app, `/reports/${report}?${Q}&storyId=${id}`, s.headers)).json() as { data: Point[] }))
    t.same(all.data.map((_, i) => parts[0].data[i].value + parts[1].data[i].value), all.data.map(p => p.value), `${report}: Σ stories per bucket`)
    const both = (await get(app, `/reports/${report}?${Q}&storyId=${ids[0]}&storyId=${ids[1]}`, s.headers)).json()
    t.same(both, all, `${report}: both stories listed = unfiltered`)
  }
  const heat = async (q: string) => ((await get(app, `/reports/conversations.heatmap?${Q}&offset=60${q}`, s.headers)).json() as Point[][]).flat().map(c => c.value)
  const [h, h0, h1] = [await heat(''), await heat(`&storyId=${ids[0]}`), await heat(`&storyId=${ids[1]}`)]
  t.same(h, h.map((_, i) => h0[i] + h1[i]), 'heatmap: Σ stories per cell')
  const inter = async (q: string) => (await get(app, `/reports/conversations.interactions?${Q}${q}`, s.headers)).json() as Item[]
  const [i, i0, i1] = [await inter(''), await inter(`&storyId=${ids[0]}`), await inter(`&storyId=${ids[1]}`)]
  const key = (x: Item) => x.id ?? (x.parentId !== undefined ? `p:${x.parentId}` : `${x.type}`)
  const tally = (xs: Item[]) => xs.map(x => `${key(x)}=${x.value}`).sort()
  t.same(tally(i), tally([...i0, ...i1]), 'interactions: the union of the stories\' lists, same values')
})

t.test('no leak across accounts: the two accounts\' conversations add up to all ChatBot.com conversations', async t => {
  const app = await build(t)
  const [a, b] = [await chatbotSession(app, 0), await chatbotSession(app, 1)]
  const total = async (s: typeof a) => ((await get(app, `/reports/conversations?${Q}`, s.headers)).json() as { summary: { total: number } }).summary.total
  const all = app.db.prepare(`SELECT COUNT(*) FROM sessions s JOIN bots b ON b.id = s.bot_id WHERE b.vendor = 'chatbotcom'
    AND s.started_ms BETWEEN ? AND ?`).pluck().get(Date.parse('2026-02-10'), Date.parse('2026-04-01') - 1)
  const [ta, tb] = [await total(a), await total(b)]
  t.ok(ta > 0 && tb > 0, `${ta} + ${tb}`)
  t.equal(ta + tb, all, 'Σ accounts = every ChatBot.com conversation')
})
