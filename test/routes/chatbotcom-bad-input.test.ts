/** ChatBot.com: malformed requests and refused callers get a 4xx ChatbotError body, never a 500 (issue 4, acceptance 4). */
import t from 'tap'
import { build, chatbotSession, NOW } from '../helper.js'
import { schemaErrors } from '../schema-check.js'
import type { Config } from '../../src/config.js'

const OK = 'from=2026-03-01&to=2026-03-10'
const ALL = ['conversations', 'conversations.paid', 'conversations.messages', 'conversations.avg', 'conversations.heatmap', 'conversations.interactions']
const DEFAULTS: Config['chatbotcom'] = { groupShape: 'points', weekStart: 'sunday', offsetSign: 'east', heatmapUsage: 'total', maxPoints: 10000 }

t.test('malformed requests: each a 4xx ChatbotError body, none a 500, and the server keeps serving', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 0)
  const other = await chatbotSession(app, 1)
  const own = s.account.stories[0].id
  const foreign = other.account.stories[0].id
  const dev = s.headers
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  const cases: Array<[string, number, Record<string, string>, RegExp?]> = [
    // unknown enum values
    [`/reports/conversations?${OK}&period=fortnight`, 400, dev, /"period" must be one of \[today, yesterday, last7days, last30days, thisMonth, lastMonth, last3Months, thisYear, lastYear\]/],
    [`/reports/conversations.avg?${OK}&dimension=week`, 400, dev, /"dimension" must be one of \[auto, year, month, day, hour\]/],
    [`/reports/conversations.paid?${OK}&group=channel`, 400, dev, /"group" must be one of \[storyId, source\]/],
    [`/reports/conversations?${OK}&source=telegram`, 400, dev, /"source" must be one of \[messenger, livechat, livechat3, slack, widget, app, custom\]/],
    [`/reports/conversations.messages?${OK}&source[]=widget&source[]=telegram`, 400, dev, /"source"/],
    [`/reports/conversations?${OK}&source[0]=widget&source[1]=WIDGET`, 400, dev, /"source"/],
    [`/reports/conversations?${OK}&source=widget,app`, 400, dev, /"source"/],
    [`/reports/conversations.heatmap?${OK}&source=sms`, 400, dev, /"source"/],
    ['/reports/conversations.interactions?period=forever', 400, dev, /"period"/],
    ['/reports/conversations.heatmap?period=LAST7DAYS', 400, dev, /"period"/],
    [`/reports/conversations?${OK}&period=today&period=yesterday`, 400, dev, /"period"/],
    // bad dates
    ['/reports/conversations?from=yesterday&to=2026-03-10', 400, dev, /"from"/],
    ['/reports/conversations?from=2026-02-30&to=2026-03-10', 400, dev, /"from"/],
    ['/reports/conversations?from=2026-03-01&to=2026-13-01', 400, dev, /"to"/],
    ['/reports/conversations?from=2026-03-01T25:00:00Z', 400, dev, /"from"/],
    ['/reports/conversations?from=', 400, dev, /"from"/],
    ['/reports/conversations.heatmap?to=1969-12-31', 400, dev, /"to"/],
    ['/reports/conversations.interactions?from=03/01/2026', 400, dev, /"from"/],
    // from after to
    ['/reports/conversations?from=2026-03-10&to=2026-03-01', 400, dev, /"from"/],
    ['/reports/conversations.heatmap?from=2026-03-10T10:00:00Z&to=2026-03-10T09:59:59Z', 400, dev, /"from"/],
    ['/reports/conversations.interactions?from=2030-01-01', 400, dev, /"from"/],
    // offset
    [`/reports/conversations.heatmap?${OK}&offset=-721`, 400, dev, /"offset"/],
    [`/reports/conversations.heatmap?${OK}&offset=721`, 400, dev, /"offset"/],
    [`/reports/conversations.heatmap?${OK}&offset=abc`, 400, dev, /"offset"/],
    [`/reports/conversations.heatmap?${OK}&offset=1.5`, 400, dev, /"offset"/],
    [`/reports/conversations.heatmap?${OK}&offset=`, 400, dev, /"offset"/],
    // storyId
    [`/reports/conversations?${OK}&storyId=abc`, 400, dev, /"storyId"/],
    [`/reports/conversations?${OK}&storyId=${'z'.repeat(24)}`, 400, dev, /"storyId"/],
    [`/reports/conversations?${OK}&storyId=${own}0`, 400, dev, /"storyId"/],
    [`/reports/conversations?${OK}&storyId[]=${own}&storyId[]=nope`, 400, dev, /"storyId"/],
    [`/reports/conversations.heatmap?${OK}&storyId=12345`, 400, dev, /"storyId"/],
    [`/reports/conversations.interactions?${OK}&storyId=${own.slice(1)}`, 400, dev, /"storyId"/],
    [`/reports/conversations?${OK}&storyId=${foreign}`, 404, dev],
    [`/reports/conversations?${OK}&storyId=${own}&storyId=${foreign}`, 404, dev],
    [`/reports/conversations.heatmap?${OK}&storyId=${foreign}`, 404, dev],
    [`/reports/conversations.interactions?${OK}&storyId=${foreign}`, 404, dev],
    [`/reports/conversations?${OK}&storyId=${'0'.repeat(24)}`, 404, dev],
    // too many points (maxPoints 25000)
    ['/reports/conversations?from=2023-01-01&to=2026-03-31&dimension=hour', 400, dev, /data points/],
    ['/reports/conversations.messages?period=lastYear&dimension=hour&from=2023-01-01', 400, dev, /data points/],
    // too many values
    [`/reports/conversations?${OK}&${'source=widget&'.repeat(51)}`, 400, dev, /"source"/],
    // auth: missing, unknown, client token, Basic, empty bearer
    [`/reports/conversations?${OK}`, 401, {}],
    [`/reports/conversations?${OK}`, 401, bearer('dev_00000000000000000000000000000000')],
    [`/reports/conversations?${OK}`, 401, bearer(s.account.clientToken)],
    [`/reports/conversations.heatmap?${OK}`, 401, bearer(other.account.clientToken)],
    [`/reports/conversations?${OK}`, 401, { authorization: `Basic ${Buffer.from(`${s.account.developerToken}:`).toString('base64')}` }],
    [`/reports/conversations?${OK}`, 401, { authorization: 'Bearer ' }],
    [`/reports/conversations?${OK}`, 401, { authorization: s.account.developerToken }],
    [`/reports/conversations?${OK}&token=${s.account.developerToken}`, 401, {}],
    // unknown report paths
    [`/reports/conversations.foo?${OK}`, 404, dev],
    ['/reports/users', 404, dev],
    ['/reports/conversations.heatmap/extra', 404, dev],
    ['/reports/conversations.foo', 404, {}]
  ]
  t.ok(cases.length >= 20, `${cases.length} malformed requests`)
  for (const [url, status, headers, message] of cases) {
    const res = await app.inject({ url, headers })
    const body = res.json()
    t.equal(res.statusCode, status, `${url.slice(0, 120)} ${JSON.stringify(headers).slice(0, 40)}: ${status}`)
    t.equal(schemaErrors('ChatbotError', body), null, `${url.slice(0, 80)}: ChatbotError body`)
    t.same(Object.keys(body), ['timestamp', 'status'])
    t.same(Object.keys(body.status ?? {}), ['code', 'type', 'message'])
    t.equal(body.status?.code, res.statusCode, 'status.code = HTTP status')
    t.equal(body.timestamp, new Date(NOW).toISOString(), 'timestamp from the sandbox clock')
    if (message !== undefined) t.match(body.status?.message, message, `${url.slice(0, 80)}: message names the parameter`)
    t.match(res.headers['content-type'], /^application\/json/)
  }
  // the client token is refused on every report, and so is a missing one
  for (const report of ALL) {
    for (const headers of [bearer(s.account.clientToken), {}]) {
      const res = await app.inject({ url: `/reports/${report}`, headers })
      t.equal(res.statusCode, 401, `${report} ${JSON.stringify(headers).slice(0, 30)}: 401`)
      t.equal(schemaErrors('ChatbotError', res.json()), null)
    }
  }
  // a wrong method is a 4xx in the same body
  const post = await app.inject({ method: 'POST', url: '/reports/conversations', headers: dev })
  t.ok([404, 405].includes(post.statusCode), `POST: ${post.statusCode}`)
  t.equal(schemaErrors('ChatbotError', post.json()), null)

  // still serving, for both accounts and every report
  for (const sess of [s, other]) {
    for (const report of ALL) {
      const res = await app.inject({ url: `/reports/${report}?${OK}`, headers: sess.headers })
      t.equal(res.statusCode, 200, `${sess.account.name} ${report}: 200 afterwards`)
    }
  }
})

t.test('random junk in every parameter never gives a 500', async t => {
  const app = await build(t)
  const s = await chatbotSession(app, 0)
  const junk = ['', ' ', '%00', '-1', '1e309', 'NaN', 'null', '[]', '{}', '%27%20OR%201%3D1', 'x'.repeat(300), '2026-03-01T00:00:00+99:99', '9'.repeat(40), '2026-3-1', '1974-1-1', '0', 'true']
  const names = ['from', 'to', 'period', 'dimension', 'group', 'source', 'source[]', 'source[0]', 'storyId', 'storyId[]', 'storyId[7]', 'offset']
  let n = 0
  for (const report of ALL) {
    for (const name of names) {
      for (const v of junk) {
        const res = await app.inject({ url: `/reports/${report}?${name}=${v}`, headers: s.headers })
        n++
        if (res.statusCode >= 500 || (res.statusCode >= 400 && schemaErrors('ChatbotError', res.json()) !== null)) {
          t.fail(`${report}?${name}=${v.slice(0, 40)}: ${res.statusCode} ${res.body.slice(0, 200)}`)
        }
      }
    }
  }
  t.pass(`${n} requests: no 500, every 4xx a ChatbotError`)
})

t.test('maxPoints is the limit on one series: at the limit a 200, one more a 400', async t => {
  const app = await build(t, { config: { chatbotcom: { ...DEFAULTS, maxPoints: 5 } } })
  const s = await chatbotSession(app, 0)
  const five = await app.inject({ url: '/reports/conversations?from=2026-03-01&to=2026-03-05', headers: s.headers })
  t.equal(five.statusCode, 200, '5 points')
  const six = await app.inject({ url: '/reports/conversations?from=2026-03-01&to=2026-03-06', headers: s.headers })
  t.equal(six.statusCode, 400, '6 points')
  t.equal(schemaErrors('ChatbotError', six.json()), null)
  const heat = await app.inject({ url: '/reports/conversations.heatmap?from=2026-03-01&to=2026-03-31', headers: s.headers })
  t.equal(heat.statusCode, 200, 'the heatmap has no series length')
  const big = await build(t)
  const s2 = await chatbotSession(big, 0)
  const hours = await big.inject({ url: '/reports/conversations?from=2025-02-24T08:00:00Z&to=2026-04-16T23:59:59Z&dimension=hour', headers: s2.headers })
  t.equal(hours.statusCode, 200, '10000 hourly points is allowed')
  t.equal(hours.json().data.length, 10000)
})
