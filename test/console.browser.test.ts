/**
 * The console at / in a real browser (Debian's chromium driven by playwright-core): every chart
 * plots non-zero data equal to what the API answers to the very request the page sent, with no
 * console errors, failed requests or CSP violations. Leaves a full-page screenshot in test/artifacts.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import type { Browser, Page } from 'playwright-core'
import { CSP_PROBE, withBrowser } from './browser-helper.js'
import { HOUR_KEYS } from '../schemas/kore/engagement.js'
import { ANCHOR, build } from './helper.js'

const SCREENSHOT = fileURLToPath(new URL('artifacts/console.png', import.meta.url))
/** The console's default window: the last 30 days of the seeded history. */
const FROM = '2026-03-02'

interface SentRequest { method: string, url: string, headers: Record<string, string>, body?: string }
interface Plotted {
  state: string
  error?: string
  requests: SentRequest[]
  series: Array<{ name: string, points: Array<[string | number, number]> }>
}
type Charts = Record<string, Plotted>
// API answers are untyped JSON here: each check reads the fields it compares
type Json = any

const values = (points: Array<[string | number, number]>) => points.map(p => p[1])

/** What each chart must plot, derived from the API's answers to the requests it sent (in order). */
const EXPECTED: Record<string, (answers: Json[]) => Array<{ name: string, values: number[] }>> = {
  'eva-conversations': ([a]) => a.channelAnalytics.map((c: Json) => ({ name: c.channelName, values: c.days.map((b: Json) => b.value) })),
  'eva-messages': ([a]) => [{ name: 'user messages', values: a.trafficAnalyticsDTO.days.map((b: Json) => b.value) }],
  'eva-users': ([a]) => [{ name: 'users', values: a.trafficAnalyticsDTO.days.map((b: Json) => b.value) }],
  'kore-daily': ([a]) => [
    { name: 'new users', values: a.newUsersTrend.dataPoints.map((p: Json) => p.users) },
    { name: 'returning users', values: a.returningUsersTrend.dataPoints.map((p: Json) => p.users) },
    { name: 'unique users', values: a.uniqueUsersTrend.dataPoints.map((p: Json) => p.users) }
  ],
  'kore-hourly': ([a]) => [['new users', 'newUsersTrend'], ['returning users', 'returningUsersTrend'], ['unique users', 'uniqueUsersTrend']]
    .map(([name, key]) => ({ name, values: a[key].dataPoints.flatMap((p: Json) => HOUR_KEYS.map(k => p[k])) })),
  'chatbotcom-conversations': ([c, paid]) => [
    { name: 'conversations', values: c.data.map((p: Json) => p.value) },
    { name: 'paid', values: paid.data.map((p: Json) => p.value) }
  ],
  'chatbotcom-messages': ([m, avg]) => [
    { name: 'messages', values: m.data.map((p: Json) => p.value) },
    { name: 'messages per conversation', values: avg.data.map((p: Json) => p.value) }
  ],
  'chatbotcom-heatmap': ([grid]) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
    .map((name, day) => ({ name, values: grid[day].map((c: Json) => c.value) })),
  'chatbotcom-interactions': ([list]) => [{ name: 'triggers', values: list.slice(0, 12).map((i: Json) => i.value) }]
}

/** Every chart has finished loading (and, when given, the eva messages chart sent `needle`). */
async function settled (page: Page, needle = ''): Promise<Charts> {
  // a function, not a string: Playwright polls string predicates through eval, which the console's CSP refuses
  await page.waitForFunction(({ count, needle }) => {
    const charts = (globalThis as unknown as { __consoleCharts?: Charts }).__consoleCharts ?? {}
    const all = Object.values(charts)
    return all.length === count && all.every(c => c.state !== 'loading' && c.state !== 'idle') &&
      (charts['eva-messages'].requests[0]?.url ?? '').includes(needle)
  }, { count: Object.keys(EXPECTED).length, needle }, { timeout: 15_000 })
  return await page.evaluate('window.__consoleCharts') as Charts
}

/** Sends each chart's requests again from here and holds its plotted series to the answers. */
async function checkCharts (t: Test, charts: Charts): Promise<void> {
  for (const [id, expected] of Object.entries(EXPECTED)) {
    const chart = charts[id]
    t.equal(chart.state, 'ready', `${id} rendered${chart.error === undefined ? '' : `: ${chart.error}`}`)
    const answers: Json[] = []
    for (const r of chart.requests) {
      const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body })
      t.equal(res.status, 200, `${id}: ${r.method} ${r.url}`)
      answers.push(await res.json())
    }
    const want = expected(answers)
    t.same(chart.series.map(s => ({ name: s.name, values: values(s.points) })), want, `${id} plots what the API answers`)
    const total = want.reduce((a, s) => a + s.values.reduce((x, y) => x + y, 0), 0)
    t.ok(total > 0, `${id} has data (Σ ${total})`)
  }
  // the totals the boxes and badges are built from agree with the plotted buckets
  const conversations = charts['eva-conversations']
  const [answer] = await Promise.all(conversations.requests.map(async r => await (await fetch(r.url, { headers: r.headers })).json() as Json))
  const plotted = conversations.series.reduce((a, s) => a + values(s.points).reduce((x, y) => x + y, 0), 0)
  t.equal(plotted, answer.periodOverview.totalAmount, 'eva: Σ plotted conversations = periodOverview.totalAmount')
}

function watch (page: Page): string[] {
  const problems: string[] = []
  page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`) })
  page.on('pageerror', e => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', r => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`))
  page.on('response', r => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`) })
  return problems
}

async function openConsole (browser: Browser, url: string) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  const problems = watch(page)
  await page.addInitScript(CSP_PROBE)
  await page.goto(url)
  return { page, problems }
}

withBrowser(t, browser => {
  t.test('every chart plots non-zero data equal to the API answer, without errors or CSP violations', async t => {
    const app = await build(t)
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const res = await fetch(`${base}/`)
    t.match(res.headers.get('content-security-policy'), /default-src 'self'.*script-src 'self'.*connect-src 'self'/, 'the console has its own strict CSP')
    t.notMatch(res.headers.get('content-security-policy'), /unsafe/, 'no unsafe-inline or unsafe-eval')

    const { page, problems } = await openConsole(browser(), `${base}/`)
    const charts = await settled(page)
    await checkCharts(t, charts)

    const tenants = await (await fetch(`${base}/__sandbox/tenants`)).json() as Json
    const [eva] = charts['eva-messages'].requests
    t.match(eva.url, `startDate=${FROM}&endDate=${ANCHOR}&startHour=0&endHour=23&timezone=UTC`, 'eva: the last 30 days up to the anchor, in UTC')
    t.match(eva.headers.authorization, /^Bearer ey/, 'eva: a Keycloak bearer token')
    const [kore] = charts['kore-daily'].requests
    t.match(kore.url, `start_date=${FROM}&end_date=${ANCHOR}&timeZoneOffset=UTC`)
    const builder = tenants.kore.apps.find((a: Json) => a.kind === 'builder' && a.botIds.includes(tenants.kore.bots[0].botId) && a.scopes.includes('User Engagement Trend'))
    t.equal(kore.headers.auth, builder.sampleJwt, "kore: the builder app's sampleJwt in the auth header")
    const [heatmap] = charts['chatbotcom-heatmap'].requests
    t.match(heatmap.url, `from=${FROM}&to=${ANCHOR}`)
    t.match(heatmap.url, 'offset=0')
    t.equal(heatmap.headers.authorization, `Bearer ${tenants.chatbotcom.accounts[0].developerToken}`, 'chatbotcom: the developer token')

    // tooltips are HTML: with the strict style-src they must carry no inline styles
    await page.locator('[data-chart="eva-messages"] .chart').hover()
    await page.locator('[data-chart="chatbotcom-heatmap"] .chart').hover({ position: { x: 200, y: 100 } })
    await page.locator('[data-chart="chatbotcom-heatmap"] .tt-head').waitFor({ timeout: 5000 })

    mkdirSync(dirname(SCREENSHOT), { recursive: true })
    await page.screenshot({ path: SCREENSHOT, fullPage: true })
    t.comment(`screenshot: ${SCREENSHOT}`)

    // another zone: every vendor gets its own form of it, and the charts still match the API
    await page.selectOption('#zone', 'Asia/Kolkata')
    const inKolkata = await settled(page, 'timezone=Asia%2FKolkata')
    await checkCharts(t, inKolkata)
    t.match(inKolkata['kore-daily'].requests[0].url, 'timeZoneOffset=Asia%2FKolkata')
    t.match(inKolkata['chatbotcom-heatmap'].requests[0].url, 'offset=330', 'chatbotcom heatmap: +05:30 as minutes')

    t.same(await page.evaluate('window.__csp'), [], 'no CSP violations')
    t.same(problems, [], 'no console errors or failed requests')
    await page.close()
  })

  t.test('with SANDBOX_ADMIN_TOKEN the console asks for the token, then loads', async t => {
    const app = await build(t, { config: { adminToken: 'console-test-token' } })
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const { page, problems } = await openConsole(browser(), `${base}/`)
    await page.locator('#admin').waitFor({ state: 'visible', timeout: 10_000 })
    t.match(await page.locator('#admin-reason').textContent(), /SANDBOX_ADMIN_TOKEN/, 'the refusal is explained')
    await page.fill('#admin-token', 'console-test-token')
    await page.click('#admin-form button[type=submit]')
    const charts = await settled(page)
    t.ok(Object.values(charts).every(c => c.state === 'ready'), 'every chart rendered once the token was given')
    t.ok(await page.locator('#admin').isHidden(), 'the token panel is gone')
    // the first attempt, before the token, is the only refusal
    t.same(problems.filter(p => !/HTTP 401: .*\/__sandbox\/(health|tenants)$/.test(p) && !/status of 401/.test(p)), [])
    t.same(await page.evaluate('window.__csp'), [])
    await page.close()
  })
})
