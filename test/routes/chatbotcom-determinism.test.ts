/** ChatBot.com: the same requests on two fresh databases (same seed and anchor) answer the same bytes (issue 4, acceptance 3). */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { chatbotSession, freshApp } from '../helper.js'

/** 40+ requests: every report, both accounts, periods, dimensions, groups, filters, offsets and an error. */
async function responses (app: FastifyInstance): Promise<string[]> {
  const out: string[] = [JSON.stringify((await app.inject({ url: '/__sandbox/tenants' })).json().chatbotcom)]
  for (const index of [0, 1]) {
    const s = await chatbotSession(app, index)
    const story = s.account.stories[0].id
    const urls = [
      '/reports/conversations',
      '/reports/conversations.paid?period=last7days',
      '/reports/conversations.messages?period=thisMonth&dimension=hour',
      '/reports/conversations.avg?from=2026-02-18&to=2026-03-31',
      '/reports/conversations?from=2026-3-1&to=2026-3-10&group=source',
      `/reports/conversations.paid?from=2026-03-01T06:30:00Z&to=2026-03-09T18:00:00Z&group=storyId&storyId=${story}`,
      '/reports/conversations.messages?from=2025-06-01&dimension=month&source=widget&source=app',
      '/reports/conversations.avg?period=lastMonth&dimension=auto&source[]=widget&source[]=messenger',
      '/reports/conversations?period=thisYear&dimension=year&source[0]=custom',
      '/reports/conversations.heatmap',
      '/reports/conversations.heatmap?offset=330&period=last3Months',
      `/reports/conversations.heatmap?offset=-480&storyId=${story}&source=widget&from=2026-03-01`,
      '/reports/conversations.interactions',
      `/reports/conversations.interactions?storyId=${story}&period=yesterday`,
      '/reports/conversations.interactions?from=2026-02-20T12:00:00Z&to=2026-02-21T12:00:00Z',
      '/reports/conversations?period=nope'
    ]
    for (const url of urls) out.push((await app.inject({ url, headers: s.headers })).body)
  }
  return out
}

t.test('two fresh databases with the same seed answer the ChatBot.com reports byte for byte the same', async t => {
  const a = await responses(await freshApp(t, 42))
  const b = await responses(await freshApp(t, 42))
  t.ok(a.length >= 20, `${a.length} requests`)
  for (let i = 0; i < a.length; i++) t.equal(a[i], b[i], `response ${i}`)
  t.ok(a.every(body => body.length > 2), 'no empty answers')
  const c = await responses(await freshApp(t, 7))
  const differing = a.filter((body, i) => body !== c[i]).length
  t.ok(differing > a.length / 2, `another seed differs in ${differing} of ${a.length}`)
})
