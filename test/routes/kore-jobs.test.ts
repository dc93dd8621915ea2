/** Kore jobs on the sandbox clock: import (K16/K15) and erase (K3/K4); acceptance 3 and 4 (publish: kore-admin.test.ts). */
import t from 'tap'
import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { fixedClock } from '../../src/clock.js'
import { build, koreSession, NOW } from '../helper.js'
import { schemaErrors } from '../schema-check.js'
import { propertyRun, rng } from '../property.js'

const { SEED, RUNS } = propertyRun(t, 8)

const BOUNDARY = 'jobsBoundary3Fz'
type Headers = Record<string, string>

async function upload (app: FastifyInstance, headers: Headers, content: string, ext = 'json'): Promise<string> {
  const parts = [['file', content, `f.${ext}`], ['fileContext', 'bulkImport'], ['fileExtension', ext]]
  const payload = parts.map(([name, value, file]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${file === undefined ? '' : `; filename="${file}"`}\r\n\r\n${value}\r\n`).join('') + `--${BOUNDARY}--\r\n`
  const res = await app.inject({ method: 'POST', url: '/api/public/uploadfile', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload })
  if (res.statusCode !== 200 || schemaErrors('KoreUploadResult', res.json()) !== null) throw new Error(`upload: ${res.statusCode} ${res.body}`)
  return res.json().fileId
}

async function ok (app: FastifyInstance, opts: { method?: 'GET' | 'POST' | 'DELETE', url: string, headers: Headers, payload?: object }, model: string) {
  const res = await app.inject(opts)
  if (res.statusCode !== 200) throw new Error(`${opts.url}: ${res.statusCode} ${res.body}`)
  const body = res.json()
  const errors = schemaErrors(model, body)
  if (errors !== null) throw new Error(`${model}: ${errors}`)
  return body
}

const DEFINITION = JSON.stringify({
  _id: 'st-x',
  defaultLanguage: 'en',
  localeData: { en: { name: 'Imported' } },
  dialogs: [{ localeData: { en: { name: 'Order Status' } } }, { localeData: { en: { name: 'Refunds' } } }, { lname: 'hidden one', isHidden: true }],
  forms: [{ name: 'ContactForm' }],
  widgets: [{ name: 'OrdersWidget' }],
  botEvents: { WELCOME_MESSAGE_EVENT: {}, CONVERSATION_END: {} }
})

t.test('import: pending until due, then success with the components imported', async t => {
  const clock = fixedClock(NOW)
  const app = await build(t, { clock })
  const s = await koreSession(app, 0)
  const h = s.adminHeaders
  const def = await upload(app, h, DEFINITION)
  const cfg = await upload(app, h, '{"name":"Imported","envVariables":[]}')
  const fn = await upload(app, h, 'module.exports = {}', 'js')
  const start = async (importOptions?: object, botFunctions?: string[]) => ok(app, {
    method: 'POST', url: `/api/public/bot/${s.bot.botId}/import`, headers: h, payload: { botDefinition: def, configInfo: cfg, botFunctions, importOptions }
  }, 'KoreImportRequest')
  const cases: Array<[string, object | undefined, string[] | undefined, string[]]> = [
    ['full import', undefined, [fn], ['Bot Definition', 'IdpConfigurations', 'CustomTemplates', 'BotFunctions', 'Widget', 'Dialog', 'Dialog', 'Form', 'Event', 'Event', 'KnowledgeTasks', 'Utterences', 'Patterns', 'BotVariables', 'SmallTalk']],
    ['nothing selected is a full import', { tasks: [], nlpData: [], settings: [] }, undefined, ['Bot Definition', 'IdpConfigurations', 'CustomTemplates', 'Widget', 'Dialog', 'Dialog', 'Form', 'Event', 'Event', 'KnowledgeTasks', 'Utterences', 'Patterns', 'BotVariables', 'SmallTalk']],
    ['tasks', { tasks: ['botTask', 'knowledgeGraph', 'smallTalk'], nlpData: [], settings: [] }, undefined, ['Dialog', 'Dialog', 'KnowledgeTasks', 'SmallTalk']],
    ['nlpData', { nlpData: ['nlpSettings', 'utterances', 'patterns', 'standardResponses'], settings: [], options: { utterances: { append: true, replace: false } }, storyBoardScenes: { includeComments: true }, tasks: [], customDashboard: false }, undefined, ['Utterences', 'Patterns', 'Standard Responses']],
    ['settings', { nlpData: [], settings: ['botSettings', 'botVariables', 'ivrSettings'], options: {}, tasks: [] }, undefined, ['CustomTemplates', 'BotVariables']]
  ]
  const started = []
  for (const [label, options, fns, expected] of cases) {
    const accepted = await start(options, fns)
    t.equal(accepted.status, 'pending', `${label}: accepted pending`)
    t.match(accepted._id, /^bir-[0-9a-f-]{36}$/)
    t.same(accepted.statusLogs, [{ taskType: 'importRequest', taskName: s.bot.name, status: 'success' }])
    t.equal(accepted.requestType, 'Botimport')
    started.push({ label, id: accepted._id as string, expected })
  }
  const poll = async (id: string) => ok(app, { url: `/api/public/bot/import/status/${id}`, headers: h }, 'KoreImportStatus')
  clock.advance(app.config.kore.jobDelayMs - 1)
  for (const { label, id } of started) t.equal((await poll(id)).status, 'pending', `${label}: still pending 1 ms before due`)
  clock.advance(1)
  for (const { label, id, expected } of started) {
    const st = await poll(id)
    t.equal(st.status, 'success', label)
    t.equal(st._id, id)
    t.equal(st.streamId, s.bot.botId)
    const types = st.statusLogs.map((l: { taskType: string }) => l.taskType)
    t.equal(types[0], 'importRequest', `${label}: first importRequest`)
    t.equal(types[types.length - 1], 'importBot', `${label}: last importBot`)
    t.same(types.slice(1, -1), expected, `${label}: components`)
    t.ok(st.statusLogs.every((l: { status: string }) => l.status === 'success'))
    if (expected.includes('Dialog')) {
      t.same(st.statusLogs.filter((l: { taskType: string }) => l.taskType === 'Dialog').map((l: { taskName: string }) => l.taskName), ['Order Status', 'Refunds'], `${label}: dialogs named by the file, hidden ones left out`)
    }
  }
})

t.test('import of an unusable file ends failed (spelling configurable); old Universal Bots are 422', async t => {
  for (const failed of ['failed', 'failure'] as const) {
    const clock = fixedClock(NOW)
    const app = await build(t, { clock, config: { kore: { rateLimit: false, jobDelayMs: 500, importFailedStatus: failed } } })
    const s = await koreSession(app, 2)
    const h = s.adminHeaders
    const good = await upload(app, h, DEFINITION)
    const cfg = await upload(app, h, '{}')
    const bad: Array<[string, string, string]> = [
      ['not JSON', '<xml>definition</xml>', cfg],
      ['a JSON array', '[1,2,3]', cfg],
      ['JSON without localeData', '{"dialogs":[]}', cfg],
      ['JSON without dialogs', '{"localeData":{"en":{}}}', cfg]
    ]
    const ids: Array<[string, string]> = []
    for (const [label, content, config] of bad) {
      const def = await upload(app, h, content)
      ids.push([label, (await ok(app, { method: 'POST', url: `/api/public/bot/${s.bot.botId}/import`, headers: h, payload: { botDefinition: def, configInfo: config } }, 'KoreImportRequest'))._id])
    }
    const badConfig = await upload(app, h, 'name=x', 'csv')
    ids.push(['config not JSON', (await ok(app, { method: 'POST', url: `/api/public/bot/${s.bot.botId}/import`, headers: h, payload: { botDefinition: good, configInfo: badConfig } }, 'KoreImportRequest'))._id])
    for (const [label, id] of ids) t.equal((await ok(app, { url: `/api/public/bot/import/status/${id}`, headers: h }, 'KoreImportStatus')).status, 'pending', `${label}: pending first`)
    clock.advance(500)
    for (const [label, id] of ids) {
      const st = await ok(app, { url: `/api/public/bot/import/status/${id}`, headers: h }, 'KoreImportStatus')
      t.equal(st.status, failed, `${label}: ${failed}`)
      t.equal(st.statusLogs[0].taskType, 'importRequest')
      t.equal(st.statusLogs[st.statusLogs.length - 1].status, failed)
      t.ok(st.statusLogs[st.statusLogs.length - 1].message.length > 0, `${label}: says why`)
    }
    const oldUb = await upload(app, h, JSON.stringify({ type: 'universalbot', universalBotVersion: 1, localeData: {}, dialogs: [] }))
    const res = await app.inject({ method: 'POST', url: `/api/public/bot/${s.bot.botId}/import`, headers: h, payload: { botDefinition: oldUb, configInfo: cfg } })
    t.equal(res.statusCode, 422)
    t.same(res.json(), { errors: [{ msg: 'The file contains the definition of the Universal Bots built using an older version. This version is no longer supported and the file cannot be imported.', code: 422 }] })
    const newUb = await upload(app, h, JSON.stringify({ type: 'universalbot', universalBotVersion: 2, localeData: {}, dialogs: [] }))
    await ok(app, { method: 'POST', url: `/api/public/bot/${s.bot.botId}/import`, headers: h, payload: { botDefinition: newUb, configInfo: cfg } }, 'KoreImportRequest')
    t.pass('a current Universal Bot imports')
    // ids of other kinds of job are not import request ids, and vice versa
    const erase = await ok(app, { method: 'DELETE', url: '/api/public/bot/eraseUsersData', headers: h, payload: { userIds: ['u-none'], RemoveDataFromAllBots: true } }, 'KoreEraseAccepted')
    for (const url of [`/api/public/bot/import/status/${erase.requestId as string}`, `/api/public/bot/eraseUsersData/status/${ids[0][1]}`, '/api/public/bot/import/status/bir-', '/api/public/bot/import/status/bir-%22%3E%3Cscript%3E']) {
      const r = await app.inject({ url, headers: h })
      t.equal(r.statusCode, 400, url)
      t.same(r.json(), { errors: [{ msg: 'Invalid request ID', code: 400 }] })
    }
  }
})

/** Everything each end user has, per (user row, UTC day): sessions, messages, flows, entities. */
function snapshot (db: Database.Database): Map<number, string> {
  const rows = db.prepare(`SELECT s.user_id AS u, s.bot_id AS b, s.started_ms / 86400000 AS d, COUNT(*) AS n, SUM(s.user_msgs + s.bot_msgs) AS m,
      (SELECT COUNT(*) FROM messages x WHERE x.session_id IN (SELECT id FROM sessions y WHERE y.user_id = s.user_id AND y.started_ms / 86400000 = s.started_ms / 86400000)) AS mm
    FROM sessions s GROUP BY s.user_id, s.bot_id, d ORDER BY s.user_id, d`).all() as Array<Record<string, number>>
  const out = new Map<number, string>()
  for (const r of rows) out.set(r.u, `${out.get(r.u) ?? ''}|${r.b}:${r.d}:${r.n}:${r.m}:${r.mm}`)
  const extra = db.prepare(`SELECT u.id AS u, (SELECT COUNT(*) FROM session_flows f WHERE f.session_id IN (SELECT id FROM sessions WHERE user_id = u.id)) AS f,
      (SELECT COUNT(*) FROM message_entities e WHERE e.message_id IN (SELECT m.id FROM messages m WHERE m.session_id IN (SELECT id FROM sessions WHERE user_id = u.id))) AS e
    FROM users u`).all() as Array<Record<string, number>>
  for (const r of extra) out.set(r.u, `${out.get(r.u) ?? ''}#${r.f}:${r.e}`)
  return out
}

const count = (db: Database.Database, sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n

/** Every user-level Kore endpoint that answers 200 must not mention an erased user (routes of others are used when present). */
async function mentions (app: FastifyInstance, s: Awaited<ReturnType<typeof koreSession>>, userId: string, lastSessionMs: number): Promise<string[]> {
  const b = s.bot.botId
  // a window around the user's last session, under the 7-day limit of the history APIs
  const day = (d: number) => new Date(lastSessionMs + d * 86_400_000).toISOString().slice(0, 10)
  const dates = { dateFrom: day(-2), dateTo: day(2) }
  const probes: Array<{ method: 'GET' | 'POST', url: string, headers: Headers, payload?: object }> = [
    { method: 'GET', url: '/__sandbox/tenants', headers: {} },
    { method: 'POST', url: `/api/public/bot/${b}/getSessions`, headers: s.adminHeaders, payload: { userId, ...dates, limit: 100 } },
    { method: 'POST', url: '/api/public/getSessions', headers: s.adminHeaders, payload: { userId, ...dates, limit: 100 } },
    { method: 'GET', url: `/api/public/bot/${b}/getMessages?userId=${userId}&dateFrom=${dates.dateFrom}&dateTo=${dates.dateTo}&limit=100`, headers: s.adminHeaders },
    { method: 'POST', url: `/api/public/bot/${b}/getMessagesV2`, headers: s.adminHeaders, payload: { userId, ...dates, limit: 1000 } },
    { method: 'GET', url: `/api/1.1/${b}/debuglogs?identity=${userId}&limit=50`, headers: s.builderHeaders }
  ]
  const found: string[] = []
  const ghost = 'u-99999999-9999-4999-8999-999999999999'
  for (const p of probes) {
    const res = await app.inject(p)
    if (res.statusCode !== 200 || !res.body.includes(userId)) continue
    // an endpoint that echoes the requested id back (a filter echo) says nothing about the data
    const echo = await app.inject({ ...p, url: p.url.replace(userId, ghost), payload: p.payload === undefined ? undefined : { ...p.payload, userId: ghost } })
    if (!echo.body.includes(ghost)) found.push(p.url)
  }
  return found
}

t.test('erase: in-progress, then the users are gone everywhere and nobody else changed; account people are refused', async t => {
  const clock = fixedClock(NOW)
  const app = await build(t, { clock })
  const s = await koreSession(app, 0)
  const h = s.adminHeaders
  const [victim, other] = s.bot.userIds
  const lastOf = (u: string) => count(app.db, 'SELECT MAX(started_ms) AS n FROM sessions WHERE user_id = (SELECT id FROM users WHERE ext_id = ?)', u)
  const [victimLast, otherLast] = [lastOf(victim), lastOf(other)]
  const seenBefore = await mentions(app, s, victim, victimLast)
  t.comment(`the user is visible before in: ${seenBefore.join(', ')}`)
  const mentionsBefore = await mentions(app, s, other, otherLast)
  t.ok(seenBefore.length > 0, 'the user is visible before')
  const roles = await ok(app, { url: '/api/public/alluserroles', headers: h }, 'KoreUserRoles')
  const developer = roles.users[roles.users.length - 1].userId as string
  const owner = roles.users[0].userId as string
  const before = snapshot(app.db)
  const victimRow = count(app.db, 'SELECT id AS n FROM users WHERE ext_id = ?', victim)

  const accepted = await ok(app, { method: 'DELETE', url: '/api/public/bot/eraseUsersData', headers: h, payload: { userIds: [victim, owner, developer, 'u-00000000-0000-4000-8000-000000000000'], botIds: [s.bot.botId] } }, 'KoreEraseAccepted')
  t.equal(accepted.status, 'in-progress')
  t.match(accepted.requestId, /^eud-[0-9a-f-]{36}$/)
  const status = async () => ok(app, { url: `/api/public/bot/eraseUsersData/status/${accepted.requestId as string}`, headers: h }, 'KoreEraseStatus')
  const pending = await status()
  t.same(pending.response.map((r: { status: string }) => r.status), ['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS'])
  t.equal(pending.RemoveDataFromAllBots, false)
  t.equal(count(app.db, 'SELECT COUNT(*) AS n FROM users WHERE ext_id = ?', victim), 1, 'nothing deleted before the job is due')

  clock.advance(app.config.kore.jobDelayMs)
  const done = await status()
  t.same(done.response.map((r: { userId: string, status: string }) => [r.userId, r.status]), [[victim, 'SUCCESS'], [owner, 'FAILED'], [developer, 'FAILED'], ['u-00000000-0000-4000-8000-000000000000', 'SUCCESS']])
  t.match(done.response[1].reason, /account owner/)
  t.equal(done._id, accepted.requestId)
  t.equal(done.lastUpdatedOn, new Date(NOW + app.config.kore.jobDelayMs).toISOString())

  for (const [table, sql] of [['users', 'SELECT COUNT(*) AS n FROM users WHERE id = ?'], ['sessions', 'SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?'],
    ['messages', 'SELECT COUNT(*) AS n FROM messages WHERE user_id = ?'],
    ['session_flows', 'SELECT COUNT(*) AS n FROM session_flows WHERE session_id NOT IN (SELECT id FROM sessions) OR ? < 0'],
    ['message_entities', 'SELECT COUNT(*) AS n FROM message_entities WHERE message_id NOT IN (SELECT id FROM messages) OR ? < 0']]) {
    t.equal(count(app.db, sql, victimRow), 0, `no ${table} rows remain`)
  }
  t.same(await mentions(app, s, victim, victimLast), [], 'the erased user appears in no Kore response')
  t.same(await mentions(app, s, other, otherLast), mentionsBefore, 'another user still does, in the same places')
  const after = snapshot(app.db)
  before.delete(victimRow)
  t.same(after, before, "every other user's sessions, messages, flows and entities per day are unchanged")
  t.equal(count(app.db, 'SELECT COUNT(*) AS n FROM account_users WHERE ext_id IN (?, ?)', owner, developer), 2, 'account people are kept')
})

t.test('erase, as a property over random requests: exactly the chosen users of the chosen bots disappear', async t => {
  const clock = fixedClock(NOW)
  const app = await build(t, { clock })
  const s = await koreSession(app, 0)
  const random = rng(SEED)
  const bots = s.tenants.bots.map(b => b.botId)
  const members = (await ok(app, { url: '/api/public/alluserroles', headers: s.adminHeaders }, 'KoreUserRoles')).users.map((u: { userId: string }) => u.userId) as string[]
  for (let run = 0; run < RUNS; run++) {
    const users = app.db.prepare("SELECT u.id, u.ext_id AS extId, b.ext_id AS botId FROM users u JOIN bots b ON b.id = u.bot_id WHERE b.vendor = 'kore' ORDER BY u.id").all() as Array<{ id: number, extId: string, botId: string }>
    const picked = Array.from({ length: 1 + Math.floor(random() * 5) }, () => users[Math.floor(random() * users.length)])
    const ids = picked.map(u => u.extId)
    if (random() < 0.3) ids.push(members[Math.floor(random() * members.length)])
    if (random() < 0.2) ids.push(`u-unknown-${run}`)
    const all = random() < 0.3
    const chosen = all ? bots : bots.filter(() => random() < 0.5)
    if (chosen.length === 0) chosen.push(bots[Math.floor(random() * bots.length)])
    const label = `run ${run}: ${ids.length} ids, ${all ? 'all bots' : `${chosen.length} bots`}`
    const expectedGone = new Set(users.filter(u => ids.includes(u.extId) && chosen.includes(u.botId)).map(u => u.id))
    const before = snapshot(app.db)
    const accepted = await ok(app, { method: 'DELETE', url: '/api/public/bot/eraseUsersData', headers: s.adminHeaders, payload: all ? { userIds: ids, RemoveDataFromAllBots: true } : { userIds: ids, botIds: chosen } }, 'KoreEraseAccepted')
    clock.advance(app.config.kore.jobDelayMs)
    const done = await ok(app, { url: `/api/public/bot/eraseUsersData/status/${accepted.requestId as string}`, headers: s.adminHeaders }, 'KoreEraseStatus')
    const unique = [...new Set(ids)]
    t.same(done.response.map((r: { userId: string }) => r.userId), unique, `${label}: one status per distinct user`)
    for (const r of done.response) t.equal(r.status, members.includes(r.userId) ? 'FAILED' : 'SUCCESS', `${label}: ${r.userId}`)
    const after = snapshot(app.db)
    for (const id of expectedGone) {
      t.notOk(after.has(id), `${label}: user row ${id} gone`)
      before.delete(id)
    }
    t.same(after, before, `${label}: everyone else unchanged (including the listed users of unchosen bots)`)
    t.equal(count(app.db, 'SELECT COUNT(*) AS n FROM messages WHERE session_id NOT IN (SELECT id FROM sessions)'), 0, `${label}: no orphan messages`)
  }
})

t.test('jobs survive a restart, and a reset brings erased users back', async t => {
  const clock = fixedClock(NOW)
  const app = await build(t, { clock })
  const s = await koreSession(app, 2)
  const victims = s.bot.userIds.slice(0, 3)
  const original = count(app.db, 'SELECT COUNT(*) AS n FROM sessions')
  const accepted = await ok(app, { method: 'DELETE', url: '/api/public/bot/eraseUsersData', headers: s.adminHeaders, payload: { userIds: victims, RemoveDataFromAllBots: true } }, 'KoreEraseAccepted')
  // the "crash": another process opens the same data while the job is pending
  const restarted = await build(t, { clock, db: new Database(app.db.serialize()) })
  const url = `/api/public/bot/eraseUsersData/status/${accepted.requestId as string}`
  t.equal((await ok(restarted, { url, headers: s.adminHeaders }, 'KoreEraseStatus')).response[0].status, 'IN_PROGRESS')
  clock.advance(restarted.config.kore.jobDelayMs)
  const done = await ok(restarted, { url, headers: s.adminHeaders }, 'KoreEraseStatus')
  t.same(done.response.map((r: { status: string }) => r.status), ['SUCCESS', 'SUCCESS', 'SUCCESS'], 'the restarted server ran the pending job')
  t.equal(done.RemoveDataFromAllBots, true)
  t.equal(count(restarted.db, `SELECT COUNT(*) AS n FROM users WHERE ext_id IN (${victims.map(() => '?').join(',')})`, ...victims), 0)
  t.ok(count(restarted.db, 'SELECT COUNT(*) AS n FROM sessions') < original)

  const reset = await restarted.inject({ method: 'POST', url: '/__sandbox/reset' })
  t.equal(reset.statusCode, 200)
  t.equal(count(restarted.db, `SELECT COUNT(*) AS n FROM users WHERE ext_id IN (${victims.map(() => '?').join(',')})`, ...victims), 3, 'the users are back')
  t.equal(count(restarted.db, 'SELECT COUNT(*) AS n FROM sessions'), original, 'with all their sessions')
  t.equal(count(restarted.db, 'SELECT COUNT(*) AS n FROM jobs'), 0, 'and the job is gone')
  const gone = await restarted.inject({ url, headers: s.adminHeaders })
  t.equal(gone.statusCode, 400)
  t.equal((await koreSession(restarted, 2)).bot.userIds.join(), s.bot.userIds.join(), 'the tenants list is as seeded')
})
