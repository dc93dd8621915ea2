/** Issue 6: the response cache serves repeats, never across credentials or writes, and stays within its bytes. */
import t from 'tap'
import { fixedClock } from '../src/clock.js'
import { ByteLru } from '../src/plugins/response-cache.js'
import { build, chatbotSession, evaSession, koreSession, NOW } from './helper.js'

t.test('a repeated read is answered from the cache with the same bytes', async t => {
  const app = await build(t)
  const cache = app.responseCache
  if (cache === null) throw new Error('the cache is on by default')
  const s = await evaSession(app)
  const url = `${s.base}/dashboard/conversations?startDate=2026-03-01&endDate=2026-03-20&timezone=Asia/Kolkata`
  const first = await app.inject({ url, headers: s.headers })
  const hits = cache.stats().hits
  const second = await app.inject({ url, headers: s.headers })
  t.equal(second.statusCode, 200)
  t.equal(second.body, first.body, 'same bytes')
  t.equal(second.headers['content-type'], first.headers['content-type'], 'same content type')
  t.equal(cache.stats().hits, hits + 1, 'the second answer came from the cache')

  // credentials are checked before the cache: a bad token is refused even for a cached URL
  const refused = await app.inject({ url, headers: { authorization: 'Bearer nope' } })
  t.equal(refused.statusCode, 401)
  // ChatBot.com: another account's token is another key
  const c = await chatbotSession(app, 0)
  const other = await chatbotSession(app, 1)
  const report = '/reports/conversations?from=2026-03-01&to=2026-03-30&dimension=day'
  const a = await app.inject({ url: report, headers: c.headers })
  const b = await app.inject({ url: report, headers: other.headers })
  t.not(a.body, b.body, 'two accounts, two answers')
  t.equal((await app.inject({ url: report, headers: c.headers })).body, a.body)
})

t.test('a write makes every cached answer unreachable: the answers stay exact', async t => {
  const clock = fixedClock(NOW)
  const app = await build(t, { clock, config: { kore: { rateLimit: false, jobDelayMs: 0, importFailedStatus: 'failed' } } })
  const s = await koreSession(app, 0)
  const sessionsOf = async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/public/bot/${s.bot.botId}/getSessions`,
      headers: { ...s.builderHeaders, 'content-type': 'application/json' },
      payload: { dateFrom: '2026-03-20', dateTo: '2026-03-25', limit: 20 }
    })
    t.equal(res.statusCode, 200, res.statusCode === 200 ? 'getSessions answered' : res.body)
    return res.json() as { total: number, sessions: Array<{ userId: string }> }
  }
  const first = await sessionsOf()
  const before = first.total
  t.equal((await sessionsOf()).total, before, 'repeated: cached')
  const users = [...new Set(first.sessions.map(x => x.userId))].slice(0, 5)
  const erase = await app.inject({
    method: 'DELETE',
    url: '/api/public/bot/eraseUsersData',
    headers: { ...s.adminHeaders, 'content-type': 'application/json' },
    payload: { userIds: users, botIds: [s.bot.botId] }
  })
  t.equal(erase.statusCode, 200, erase.body)
  clock.advance(1000)
  const after = (await sessionsOf()).total
  t.ok(after < before, `the erasure shows at once: ${before} → ${after} conversations`)
})

t.test('the cache can be turned off, and its memory is bounded', async t => {
  const app = await build(t, { config: { cacheMb: 0 } })
  t.equal(app.responseCache, null)
  const s = await evaSession(app)
  const res = await app.inject({ url: `${s.base}/dashboard/users?startDate=2026-03-01&endDate=2026-03-02`, headers: s.headers })
  t.equal(res.statusCode, 200)

  const lru = new ByteLru(1000)
  for (let i = 0; i < 50; i++) lru.set(`k${i}`, { body: 'x'.repeat(40), type: 'application/json' })
  t.ok(lru.stats().bytes <= 1000, `bytes ${lru.stats().bytes} ≤ 1000`)
  t.equal(lru.get('k0'), undefined, 'the oldest entries went first')
  t.ok(lru.get('k49') !== undefined, 'the newest is kept')
  lru.set('big', { body: 'y'.repeat(200), type: 'application/json' })
  t.equal(lru.get('big'), undefined, 'an answer larger than an eighth of the cache is not kept')
})
