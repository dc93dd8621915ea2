/** Same seed + scenario + anchor ⇒ identical bytes; another seed ⇒ other data (acceptance 5). */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { evaSession, freshApp } from './helper.js'

/** 50+ requests covering every read endpoint with varied windows, zones, sorts and pages. */
async function responses (app: FastifyInstance): Promise<string[]> {
  const out: string[] = []
  for (const botIndex of [0, 1, 2]) {
    const s = await evaSession(app, botIndex)
    const windows = [
      'startDate=2026-03-01&endDate=2026-03-31',
      'startDate=2026-03-08T00:00:00.000Z&endDate=2026-03-08T00:00:00.000Z&timezone=America/New_York',
      `startDate=2026-03-10T06:30:00.000Z&endDate=2026-03-20T18:00:00.000Z&startHour=8&endHour=18&timezone=Asia/Kathmandu&channelUuids=${s.bot.channels[0].uuid}`
    ]
    out.push(JSON.stringify((await app.inject({ url: '/__sandbox/tenants' })).json()))
    const paths = ['/dashboard/summary', '/messages/report_configurations']
    for (const w of windows) {
      for (const p of ['dashboard/conversations', 'dashboard/messages', 'dashboard/users', 'dashboard/accuracy', 'dashboard/stacking/intents', 'dashboard/stacking/flows']) {
        paths.push(`/${p}?${w}`)
      }
      paths.push(`/conversations/list?${w}&page=2&size=7&orderBy=duration&direction=ASC`)
      paths.push(`/messages/list?${w}&page=3&size=9&orderBy=confidence&nlpResponseFilters=FOUND`)
    }
    for (const p of paths) out.push((await app.inject({ url: s.base + p, headers: s.headers })).body)
    const code = JSON.parse(out[out.length - 2]).content[0]?.sessionCode
    if (code !== undefined) out.push((await app.inject({ url: `${s.base}/conversations/details?sessionCode=${code}`, headers: s.headers })).body)
  }
  return out
}

t.test('two fresh databases with the same seed answer byte for byte the same', async t => {
  const a = await responses(await freshApp(t, 42))
  const b = await responses(await freshApp(t, 42))
  t.ok(a.length >= 50, `${a.length} requests`)
  for (let i = 0; i < a.length; i++) t.equal(a[i], b[i], `response ${i}`)
  const c = await responses(await freshApp(t, 7))
  const differing = a.filter((body, i) => body !== c[i]).length
  t.ok(differing > a.length / 2, `another seed differs in ${differing} of ${a.length}`)
})
