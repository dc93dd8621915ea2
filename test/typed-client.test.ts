/** The published types (types/openapi.d.ts): generated from openapi.yaml, and a client written against them compiles and reads real answers. */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'
import { OPENAPI_PATH } from '../src/openapi.js'
import { chatbotTotal, evaQuery, evaTotals, koreCounts, koreMessage, koreRequest, misspelt } from './fixtures/typed-client.js'
import { build, chatbotSession, evaSession, koreSession } from './helper.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TYPES_PATH = join(ROOT, 'types/openapi.d.ts')

t.test('types/openapi.d.ts equals a fresh generation from openapi.yaml (run npm run types)', async t => {
  // what the CLI of `npm run types` writes: the header, then the printed AST
  const fresh = COMMENT_HEADER + astToString(await openapiTS(pathToFileURL(OPENAPI_PATH), { silent: true }))
  t.equal(readFileSync(TYPES_PATH, 'utf8'), fresh)
  t.match(fresh, 'EvaConversationsDashboard: {', 'components are named by the schemas\' $id')
})

t.test('the typed client compiles with a frontend\'s strictest settings, importing chatbot-analytics-sandbox/types', async t => {
  const tsc = join(ROOT, 'node_modules/.bin/tsc')
  const output = await promisify(execFile)(tsc, ['--noEmit', '-p', 'test/fixtures/tsconfig.typed-client.json', '--listFiles'], { cwd: ROOT })
    .then(r => r.stdout, (err: { stdout?: string, message: string }) => `tsc failed: ${err.stdout ?? err.message}`)
  t.notMatch(output, 'tsc failed', output)
  t.match(output, /types\/openapi\.d\.ts/, 'resolved through package.json exports')
})

t.test('the typed client reads real answers: what the types promise is there', async t => {
  const app = await build(t)

  const eva = await evaSession(app)
  const query = new URLSearchParams(Object.entries(evaQuery('2026-03-01', '2026-03-31')).map(([k, v]): [string, string] => [k, String(v)]))
  const evaRes = await app.inject({ url: `${eva.base}/dashboard/conversations?${query}`, headers: eva.headers })
  t.equal(evaRes.statusCode, 200)
  const evaSeen = evaTotals(evaRes.json())
  t.ok(evaSeen.total > 0)
  t.equal(evaSeen.fromDays, evaSeen.total, 'the channels\' daily buckets add up to totalAmount')
  t.ok(evaSeen.channels.length > 0 && evaSeen.channels.every(c => !c.includes('undefined')), evaSeen.channels.join(', '))
  t.type(evaSeen.increased, 'boolean')

  const k = await koreSession(app)
  const sessionsUrl = `/api/public/bot/${k.bot.botId}/getSessions`
  const koreRes = await app.inject({ method: 'POST', url: sessionsUrl, headers: k.builderHeaders, payload: koreRequest(50) })
  t.equal(koreRes.statusCode, 200)
  const kore = koreCounts(koreRes.json())
  t.ok(kore.page > 0 && kore.page <= 50)
  t.equal(kore.byContainment.selfService + kore.byContainment.dropOff + kore.byContainment.agent, kore.page, 'every session has one of the three containment types')
  t.equal(kore.more, kore.total > kore.page)
  t.ok(kore.messages > 0)
  const denied = await app.inject({ method: 'POST', url: sessionsUrl, payload: koreRequest(1) })
  t.equal(denied.statusCode, 401)
  t.equal(koreMessage(denied.json()), 'Invalid SDK credentials')

  const c = await chatbotSession(app)
  for (const group of ['', '&group=storyId', '&group=source']) {
    const res = await app.inject({ url: `/reports/conversations?period=last30days${group}`, headers: c.headers })
    t.equal(res.statusCode, 200, group)
    const seen = chatbotTotal(res.json())
    t.ok(seen.buckets > 0, group)
    t.equal(seen.fromData, seen.total, `points add up to summary.total ${group}`)
  }

  t.same(misspelt(evaRes.json(), koreRes.json()), [undefined, undefined], 'the fields the types refuse are absent from the answers')
})
