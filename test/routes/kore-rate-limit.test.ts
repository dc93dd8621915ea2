/** Kore's documented rate limits, opt-in: 60 a minute per bot answered 429 in the Kore envelope. */
import t from 'tap'
import { fixedClock } from '../../src/clock.js'
import { build, koreSession, NOW } from '../helper.js'

t.test('off by default: a contract suite is never throttled', async t => {
  const app = await build(t)
  const s = await koreSession(app)
  for (let i = 0; i < 70; i++) {
    const res = await app.inject({ method: 'POST', url: `/api/public/bot/${s.bot.botId}/getSessions`, headers: s.builderHeaders, payload: { limit: 1 } })
    if (res.statusCode !== 200) t.fail(`request ${i}: ${res.statusCode}`)
  }
  t.pass('70 requests in the same minute')
})

t.test('on: the 61st request of a minute for a bot is a 429 with Retry-After; other bots are unaffected', async t => {
  const clock = fixedClock(NOW)
  const app = await build(t, { clock, config: { kore: { rateLimit: true, jobDelayMs: 2000, importFailedStatus: 'failed' } } })
  const s = await koreSession(app, 0)
  const other = await koreSession(app, 1)
  const call = (sess: typeof s) => app.inject({ method: 'POST', url: `/api/public/bot/${sess.bot.botId}/getSessions`, headers: sess.builderHeaders, payload: { limit: 1 } })
  for (let i = 0; i < 60; i++) t.equal((await call(s)).statusCode, 200)
  const limited = await call(s)
  t.equal(limited.statusCode, 429)
  t.same(limited.json(), { errors: [{ msg: "You've exceeded the per-minute rate limit. Please wait for sometime before retrying.", code: 429 }] })
  t.ok(Number(limited.headers['retry-after']) >= 1)
  t.equal((await call(other)).statusCode, 200, 'limits are per bot')
  clock.advance(60_001)
  t.equal((await call(s)).statusCode, 200, 'the window slides')
})
