/**
 * Issue 7's second acceptance item, in a real browser (Debian's chromium, playwright-core): a
 * frontend served from another origin calls every vendor with that vendor's own auth header
 * (each a CORS preflight) and reads the answers, errors included; and /docs renders Swagger UI
 * grouped by vendor under its CSP. The console's own test is test/console.browser.test.ts.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import type { Page } from 'playwright-core'
import { CSP_PROBE, withBrowser } from './browser-helper.js'
import { ANCHOR, build, chatbotSession, evaTenants, koreSession } from './helper.js'

/** What the frontend page reports for one call. */
interface Called { status: number, json: boolean, body: unknown, error?: string }

/** A bare page on its own origin: no CSP of ours, no shared cookies, nothing but fetch. */
async function frontendOrigin (): Promise<{ server: Server, origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<!doctype html><title>a frontend on another origin</title><p>frontend</p>')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  // "localhost" and "127.0.0.1" are different origins to the browser, whatever the port
  return { server, origin: `http://localhost:${(server.address() as AddressInfo).port}` }
}

async function call (page: Page, url: string, init: { method?: string, headers?: Record<string, string>, body?: string }): Promise<Called> {
  return await page.evaluate(async ({ url, init }) => {
    try {
      const res = await fetch(url, init)
      const text = await res.text()
      try {
        return { status: res.status, json: true, body: JSON.parse(text) }
      } catch {
        return { status: res.status, json: false, body: text.slice(0, 200) }
      }
    } catch (err) {
      // a CORS refusal surfaces as a TypeError with no status
      return { status: 0, json: false, body: null, error: String(err) }
    }
  }, { url, init })
}

function problemsOf (page: Page): string[] {
  const problems: string[] = []
  page.on('console', m => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`) })
  page.on('pageerror', e => problems.push(`page error: ${e.message}`))
  return problems
}

withBrowser(t, browser => {
  t.test('a frontend on another origin calls eva, Kore and ChatBot.com with their auth headers', async t => {
    const app = await build(t)
    const api = await app.listen({ port: 0, host: '127.0.0.1' })
    const { server, origin } = await frontendOrigin()
    t.teardown(() => server.close())
    t.not(new URL(api).origin, origin, 'the API and the frontend are different origins')

    const page = await browser().newPage()
    const problems = problemsOf(page)
    await page.goto(`${origin}/`)

    // eva: a form POST to the token endpoint (a simple request), then a bearer GET (preflighted)
    const eva = await evaTenants(app)
    const bot = eva.bots[0]
    const user = eva.users.find(u => u.botUUIDs.includes(bot.botUUID))
    if (user === undefined) throw new Error('no eva user for the first bot')
    const login = await call(page, `${api}/auth/realms/${user.realm}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'eva-cockpit', username: user.username, password: user.password }).toString()
    })
    t.equal(login.status, 200, 'eva login from another origin')
    const token = (login.body as { access_token: string }).access_token
    const dashboard = `${api}/eva-dashboard/org/${bot.orgUUID}/env/${bot.envUUID}/bot/${bot.botUUID}/dashboard/conversations?startDate=2026-03-01&endDate=${ANCHOR}&timezone=UTC`
    const conversations = await call(page, dashboard, { headers: { authorization: `Bearer ${token}` } })
    t.equal(conversations.status, 200, 'eva dashboard with Authorization')
    t.ok((conversations.body as { periodOverview: { totalAmount: number } }).periodOverview.totalAmount > 0, 'and its JSON is readable')
    const refused = await call(page, dashboard, { headers: { authorization: 'Bearer not-a-token' } })
    t.equal(refused.status, 401, 'an eva 401 reaches the script as a 401, not as a CORS failure')
    t.ok(refused.json, 'with its JSON body readable')

    // Kore: a JSON POST with the `auth` header
    const kore = await koreSession(app)
    const sessions = await call(page, `${api}/api/public/bot/${kore.bot.botId}/getSessions`, {
      method: 'POST',
      headers: { auth: kore.builder.sampleJwt, 'content-type': 'application/json' },
      body: JSON.stringify({ dateFrom: '2026-03-25T00:00:00.000Z', dateTo: `${ANCHOR}T00:00:00.000Z`, limit: 5 })
    })
    t.equal(sessions.status, 200, 'Kore getSessions with auth and a JSON body')
    t.ok(Array.isArray((sessions.body as { sessions: unknown[] }).sessions), 'and its JSON is readable')

    // ChatBot.com: a bearer GET
    const chatbot = await chatbotSession(app)
    const report = await call(page, `${api}/reports/conversations?from=2026-03-01&to=${ANCHOR}&dimension=day`, { headers: { authorization: `Bearer ${chatbot.account.developerToken}` } })
    t.equal(report.status, 200, 'ChatBot.com report with Authorization')
    t.ok(Array.isArray((report.body as { data: unknown[] }).data), 'and its JSON is readable')

    // the browser's preflights (Playwright does not show them as page requests; the journal does)
    const journal = await (await fetch(`${api}/__sandbox/requests?limit=100`)).json() as { requests: Array<{ method: string, status: number }> }
    const preflights = journal.requests.filter(r => r.method === 'OPTIONS')
    t.ok(preflights.length >= 3 && preflights.every(r => r.status === 204), `the preflights were answered 204 (${preflights.length})`)
    t.same(problems.filter(p => !/status of 401/.test(p)), [], 'no console errors but the deliberate 401')
    await page.close()
  })

  t.test('/docs renders Swagger UI, grouped by vendor, under its own CSP', async t => {
    const app = await build(t)
    const api = await app.listen({ port: 0, host: '127.0.0.1' })
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } })
    const problems = problemsOf(page)
    await page.addInitScript(CSP_PROBE)
    await page.goto(`${api}/docs`)
    await page.locator('.opblock').first().waitFor({ timeout: 15_000 })
    const tags = await page.locator('.opblock-tag').allTextContents()
    for (const tag of ['chatbotcom', 'eva-auth', 'eva-dashboard', 'kore']) t.ok(tags.some(x => x.startsWith(tag)), `the ${tag} group is listed`)
    const operations = await page.locator('.opblock').count()
    t.ok(operations >= 40, `every operation is listed (${operations})`)
    t.same(await page.evaluate('window.__csp'), [], 'no CSP violations')
    t.same(problems, [], 'no console errors')
    await page.close()
  })
})
