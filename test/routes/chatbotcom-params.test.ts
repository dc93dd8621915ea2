/** ChatBot.com parameter readings: story ids in any case, epoch seconds or ms, the 1974 default, 405 on a wrong method. */
import t from 'tap'
import { build, chatbotSession } from '../helper.js'

t.test('parameter forms that mean the same give the same bytes', async t => {
  const app = await build(t)
  const s = await chatbotSession(app)
  const get = async (q: string) => (await app.inject({ url: `/reports/conversations?${q}`, headers: s.headers })).body
  const id = s.account.stories[0].id
  t.equal(await get(`period=last7days&storyId=${id.toUpperCase()}`), await get(`period=last7days&storyId=${id}`))
  const from = Date.UTC(2026, 2, 1) / 1000
  const to = Date.UTC(2026, 2, 10) / 1000
  t.equal(await get(`from=${from}&to=${to}`), await get(`from=${from * 1000}&to=${to * 1000}`), 'epoch seconds = milliseconds')
  t.equal(await get('source[1]=app&source[0]=widget&period=last7days'), await get('source=widget&source=app&period=last7days'))
})

t.test('only `to`: from defaults to 1974-1-1, by day, and still answers', async t => {
  const app = await build(t)
  const s = await chatbotSession(app)
  const res = await app.inject({ url: '/reports/conversations?to=2026-03-31', headers: s.headers })
  t.equal(res.statusCode, 200)
  t.equal(res.json().data[0].date, '1974-01-01T00:00:00.000Z')
  t.equal(res.json().data.length, 19083, 'every day from 1974-01-01 to 2026-03-31')
})

t.test('a wrong method on a report is a 405 with Allow', async t => {
  const app = await build(t)
  const s = await chatbotSession(app)
  const res = await app.inject({ method: 'POST', url: '/reports/conversations', headers: s.headers })
  t.equal(res.statusCode, 405)
  t.match(res.headers.allow, /GET/)
  t.equal(res.json().status.code, 405)
})
