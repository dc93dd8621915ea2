/** Kore admin endpoints: user roles (K13), upload (K18), publish (K14) and its status job (K19), and bad input (acceptance 1, 4, 7). */
import { createHash } from 'node:crypto'
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { fixedClock } from '../../src/clock.js'
import { build, koreSession, NOW } from '../helper.js'
import { schemaErrors } from '../schema-check.js'

const BOUNDARY = 'sandboxBoundary7MA4YWxk'

/** A multipart body as a client library sends it; `parts` are [name, value, filename?]. */
function multipart (parts: Array<[string, string | Buffer, string?]>): Buffer {
  const chunks: Buffer[] = []
  for (const [name, value, filename] of parts) {
    const disposition = filename === undefined ? `form-data; name="${name}"` : `form-data; name="${name}"; filename="${filename}"`
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${filename === undefined ? '' : 'Content-Type: application/json\r\n'}\r\n`))
    chunks.push(Buffer.isBuffer(value) ? value : Buffer.from(value), Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`))
  return Buffer.concat(chunks)
}

async function upload (app: FastifyInstance, headers: Record<string, string>, content: string | Buffer, ext = 'json') {
  return app.inject({
    method: 'POST',
    url: '/api/public/uploadfile',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: multipart([['file', content, `file.${ext}`], ['fileContext', 'bulkImport'], ['fileExtension', ext]])
  })
}

t.test('user roles: the account\'s people, owner first, pages that partition the list', async t => {
  const app = await build(t)
  const s = await koreSession(app, 0)
  const all = await app.inject({ url: '/api/public/alluserroles', headers: s.adminHeaders })
  t.equal(all.statusCode, 200)
  const body = all.json()
  t.equal(schemaErrors('KoreUserRoles', body), null)
  t.ok(body.total >= 6 && body.total <= 12, `${body.total} people`)
  t.equal(body.users.length, body.total, 'the default limit (50) covers a seeded account')
  t.equal(body.availableMore, false)
  const owner = body.users[0]
  t.same(owner.adminRoles.map((r: { roleName: string }) => r.roleName), ['Master Admin'], 'the owner is first, Master Admin')
  const koreBots = s.tenants.bots.map(b => b.botId).sort()
  t.same(owner.btRoles.map((r: { botId: string }) => r.botId).sort(), koreBots, 'the owner holds a role on every bot')
  t.ok(owner.btRoles.every((r: { roleName: string }) => r.roleName === 'Bot Owner'))
  const names = new Map(s.tenants.bots.map(b => [b.botId, b.name]))
  for (const u of body.users) {
    t.match(u.userId, /^u-[0-9a-f-]{36}$/)
    t.match(u.accountId, /^[0-9a-f]{24}$/)
    t.match(u.username, /^[a-z.]+@initech\.example\.com$/)
    for (const r of u.btRoles) t.equal(r.botName, names.get(r.botId), `${u.username}: role on a bot of the account`)
    if (u.btRoles.some((r: { roleName: string }) => r.roleName === 'Bot Developer' || r.roleName === 'Bot Owner')) t.equal(u.isDeveloper, true)
  }
  t.equal(new Set(body.users.map((u: { userId: string }) => u.userId)).size, body.total, 'unique people')
  t.ok(body.users.some((u: { btRoles: unknown[] }) => u.btRoles.length > 0 && u !== owner), 'developers or testers with bot roles')

  // the seed's sample: limit=2, then pages with skip (and its alias offset)
  for (const limit of [1, 2, 3, 5]) {
    const seen: string[] = []
    for (let skip = 0; skip < body.total + limit; skip += limit) {
      const param = skip % 2 === 0 ? 'skip' : 'offset'
      const page = (await app.inject({ url: `/api/public/alluserroles?limit=${limit}&${param}=${skip}`, headers: s.adminHeaders })).json()
      t.equal(schemaErrors('KoreUserRoles', page), null)
      t.equal(page.total, body.total)
      t.ok(page.users.length <= limit)
      t.equal(page.availableMore, skip + page.users.length < body.total, `limit ${limit} skip ${skip}: availableMore`)
      seen.push(...page.users.map((u: { userId: string }) => u.userId))
    }
    t.same(seen, body.users.map((u: { userId: string }) => u.userId), `limit ${limit}: pages partition the list in order`)
  }
  const again = await app.inject({ url: '/api/public/alluserroles', headers: s.adminHeaders })
  t.equal(again.body, all.body, 'stable between calls')
})

t.test('upload: a 24-hex fileId, the content\'s SHA-1, the file stored for this account', async t => {
  const app = await build(t)
  const s = await koreSession(app, 0)
  const ids = new Set<string>()
  for (const [content, ext] of [['{"a":1}', 'json'], ['function x () {}', 'js'], ['q,a\nhi,hello\n', 'csv'], [Buffer.from([0x50, 0x4b, 3, 4, 0, 1, 2]), 'zip']] as const) {
    const res = await upload(app, s.adminHeaders, content, ext)
    t.equal(res.statusCode, 200, res.body)
    const body = res.json()
    t.equal(schemaErrors('KoreUploadResult', body), null)
    t.equal(body.hash, createHash('sha1').update(content).digest('hex'))
    t.match(body.fileName, /^f-[0-9a-f-]{36}$/)
    ids.add(body.fileId)
    const row = app.db.prepare('SELECT extension, context, content FROM uploads WHERE ext_id = ?').get(body.fileId) as { extension: string, context: string, content: Buffer }
    t.equal(row.extension, ext)
    t.equal(row.context, 'bulkImport')
    t.ok(Buffer.from(row.content).equals(Buffer.from(content)), 'content stored byte for byte')
  }
  t.equal(ids.size, 4, 'every upload gets its own id')
  // the field order of a client does not matter, nor a leading dot in the extension
  const reordered = await app.inject({
    method: 'POST',
    url: '/api/public/uploadfile',
    headers: { ...s.adminHeaders, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: multipart([['fileExtension', '.json'], ['fileContext', 'bulkImport'], ['file', '{}', 'config.json']])
  })
  t.equal(reordered.statusCode, 200, reordered.body)
})

t.test('publish: the documented bare array; publish status before and after', async t => {
  const app = await build(t)
  for (const botIndex of [0, 1, 2]) {
    const s = await koreSession(app, botIndex)
    const before = await app.inject({ url: `/api/public/bot/${s.bot.botId}/publish/status`, headers: s.adminHeaders })
    t.equal(before.statusCode, 200)
    t.equal(schemaErrors('KorePublishStatus', before.json()), null)
    t.equal(before.json().status, 'successful', 'a seeded bot has been published once')
    t.ok(Date.parse(before.json().requestedTime) < Date.parse('2026-02-18T00:00:00Z'), 'before its history starts')

    const res = await app.inject({ method: 'POST', url: `/api/public/bot/${s.bot.botId}/publish`, headers: s.adminHeaders, payload: { versionComment: 'new update', initiateTraining: botIndex !== 1 } })
    t.equal(res.statusCode, 200, res.body.slice(0, 200))
    const entries = res.json()
    t.equal(schemaErrors('KorePublishResult', entries), null)
    const dialogs = entries.filter((e: { resourceType: string }) => e.resourceType === 'dialog')
    const intents = app.db.prepare("SELECT ext_id AS extId, name FROM intents WHERE bot_id = (SELECT id FROM bots WHERE ext_id = ?) AND kind = 'intent' ORDER BY id").all(s.bot.botId) as Array<{ extId: string, name: string }>
    t.same(dialogs.map((d: { resourceId: string, result: { name: string } }) => [d.resourceId, d.result.name]), intents.map(i => [i.extId, i.name]), 'one dialog entry per dialog task')
    for (const d of dialogs) {
      t.equal(d.result.state, 'awaitingApproval')
      t.equal(d.result.versionComment, 'new update')
      t.match(d.resourceId, /^dg-/)
    }
    const byType = new Map(entries.filter((e: { resourceType: string }) => e.resourceType !== 'dialog').map((e: { resourceType: string }) => [e.resourceType, e]))
    t.same([...byType.keys()], ['NL', 'CHANNELS', 'EXTENSIONS', 'SETTINGS'])
    const channels = app.db.prepare('SELECT ext_id AS t FROM channels WHERE bot_id = (SELECT id FROM bots WHERE ext_id = ?) ORDER BY id').all(s.bot.botId) as Array<{ t: string }>
    t.same((byType.get('CHANNELS') as { result: { modules: string[] } }).result.modules, channels.map(c => c.t), 'the bot\'s channel types')
    t.same((byType.get('NL') as { result: { modules: string[] } }).result.modules, botIndex === 1 ? ['settings'] : ['nl_model', 'settings'], 'initiateTraining')

    const after = (await app.inject({ url: `/api/public/bot/${s.bot.botId}/publish/status`, headers: s.adminHeaders })).json()
    t.equal(schemaErrors('KorePublishStatus', after), null)
    t.equal(after.status, 'inprogress', 'the new publish is the one shown')
    t.equal(after.streamId, s.bot.botId)
    t.match(after._id, /^ds-[0-9a-f-]{36}$/)
  }
})

t.test('publish: inprogress on the sandbox clock, then successful', async t => {
  const clock = fixedClock(NOW)
  const app = await build(t, { clock })
  const s = await koreSession(app, 1)
  const delay = app.config.kore.jobDelayMs
  const status = async () => {
    const body = (await app.inject({ url: `/api/public/bot/${s.bot.botId}/publish/status`, headers: s.adminHeaders })).json()
    t.equal(schemaErrors('KorePublishStatus', body), null)
    return body
  }
  const publish = async (versionComment: string) => {
    const res = await app.inject({ method: 'POST', url: `/api/public/bot/${s.bot.botId}/publish`, headers: s.adminHeaders, payload: { versionComment } })
    t.equal(res.statusCode, 200)
    t.equal(schemaErrors('KorePublishResult', res.json()), null)
  }
  await publish('v2')
  let last = -1
  for (const at of [0, delay / 4, delay / 2, delay - 1]) {
    clock.set(NOW + at)
    const st = await status()
    t.equal(st.status, 'inprogress', `+${at} ms`)
    t.ok(st.percentageComplete >= last && st.percentageComplete < 100, `+${at} ms: ${st.percentageComplete}%`)
    last = st.percentageComplete
  }
  clock.set(NOW + delay)
  const done = await status()
  t.equal(done.status, 'successful')
  t.equal(done.percentageComplete, 100)
  t.same(done.statusSummary.map((x: { resourceType: string }) => x.resourceType), ['SETTINGS', 'CHANNELS', 'NL', 'AUTOVERSIONING'])
  t.ok(done.statusSummary.every((x: { status: string }) => x.status === 'SUCCESS'))
  t.equal(done.lastModifiedOn, new Date(NOW + delay).toISOString())
  t.equal(done.requestedTime, new Date(NOW).toISOString())
  // a later publish becomes the one shown
  await publish('v3')
  const next = await status()
  t.not(next._id, done._id)
  t.equal(next.status, 'inprogress')
})

t.test('bad input across K3, K4, K13–K16, K18, K19: the Kore envelope with a 4xx, never a 500', async t => {
  const app = await build(t)
  const s = await koreSession(app, 0)
  const bot = s.bot.botId
  const uploaded = (await upload(app, s.adminHeaders, '{"localeData":{},"dialogs":[]}')).json()
  t.equal(schemaErrors('KoreUploadResult', uploaded), null)
  const def = uploaded.fileId as string
  const mp = `multipart/form-data; boundary=${BOUNDARY}`
  const json = 'application/json'
  const cases: Array<[string, string, number, string | undefined, unknown, string?]> = [
    // method, url, status, content type, payload, expected message
    ['GET', '/api/public/alluserroles?limit=0', 400, undefined, undefined],
    ['GET', '/api/public/alluserroles?limit=101', 400, undefined, undefined],
    ['GET', '/api/public/alluserroles?limit=ten', 400, undefined, undefined],
    ['GET', '/api/public/alluserroles?skip=-1', 400, undefined, undefined],
    ['POST', '/api/public/alluserroles', 405, undefined, undefined, 'Method Not Allowed'],
    ['POST', `/api/public/bot/${bot}/publish`, 412, undefined, undefined, 'Validation errors/ Invalid arguments'],
    ['POST', `/api/public/bot/${bot}/publish`, 412, json, {}, 'Validation errors/ Invalid arguments'],
    ['POST', `/api/public/bot/${bot}/publish`, 412, json, { versionComment: '  ' }, 'Validation errors/ Invalid arguments'],
    ['POST', `/api/public/bot/${bot}/publish`, 412, json, '', 'Validation errors/ Invalid arguments'],
    ['POST', `/api/public/bot/${bot}/publish`, 400, json, '{"versionComment":', undefined],
    ['POST', `/api/public/bot/${bot}/publish`, 400, json, { versionComment: { text: 'x' } }, undefined],
    ['POST', `/api/public/bot/${bot}/publish`, 400, json, { versionComment: 'x', initiateTraining: 'maybe' }, undefined],
    ['GET', `/api/public/bot/${bot}/publish`, 405, undefined, undefined, 'Method Not Allowed'],
    ['POST', `/api/public/bot/${bot}/publish/status`, 405, undefined, undefined, 'Method Not Allowed'],
    ['POST', '/api/public/bot/st-00000000-0000-4000-8000-000000000000/publish', 400, json, { versionComment: 'x' }, 'Invalid StreamId'],
    ['GET', '/api/public/bot/not-a-bot/publish/status', 400, undefined, undefined, 'Invalid StreamId'],
    ['POST', '/api/public/uploadfile', 400, json, { file: 'x' }, 'The request must be multipart/form-data'],
    ['POST', '/api/public/uploadfile', 400, json, { file: 'x', fileContext: 'bulkImport', fileExtension: 'json' }, 'The request must be multipart/form-data'],
    ['POST', '/api/public/uploadfile', 400, 'text/plain', 'hello', undefined],
    // no boundary line at all: busboy sees a form without parts, so the fields are missing
    ['POST', '/api/public/uploadfile', 412, mp, 'garbage without any boundary', 'Validation errors/ Invalid arguments'],
    ['POST', '/api/public/uploadfile', 400, 'multipart/form-data', 'no boundary parameter', undefined],
    ['POST', '/api/public/uploadfile', 400, mp, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\n\r\n{"cut":`, undefined],
    ['POST', '/api/public/uploadfile', 412, mp, multipart([['fileContext', 'bulkImport'], ['fileExtension', 'json']]), 'Validation errors/ Invalid arguments'],
    ['POST', '/api/public/uploadfile', 412, mp, multipart([['file', '{}', 'a.json'], ['fileContext', 'bulkImport']]), 'Validation errors/ Invalid arguments'],
    ['POST', '/api/public/uploadfile', 400, mp, multipart([['file', '{}', 'a.exe'], ['fileContext', 'bulkImport'], ['fileExtension', 'exe']]), 'Invalid fileExtension: exe'],
    ['POST', '/api/public/uploadfile', 400, mp, multipart([['file', '{}', 'a.json'], ['fileContext', 'avatar'], ['fileExtension', 'json']]), 'Invalid fileContext: avatar'],
    ['POST', '/api/public/uploadfile', 400, mp, multipart([['file', '', 'a.json'], ['fileContext', 'bulkImport'], ['fileExtension', 'json']]), 'The uploaded file is empty'],
    ['POST', '/api/public/uploadfile', 413, mp, multipart([['file', Buffer.alloc(5 * 1024 * 1024 + 1, 32), 'a.json'], ['fileContext', 'bulkImport'], ['fileExtension', 'json']]), undefined],
    ['POST', '/api/public/uploadfile', 413, mp, multipart([['file', '{}', 'a.json'], ['file', '{}', 'b.json'], ['fileContext', 'bulkImport'], ['fileExtension', 'json']]), undefined],
    ['GET', '/api/public/uploadfile', 405, undefined, undefined, 'Method Not Allowed'],
    ['POST', `/api/public/bot/${bot}/import`, 412, json, { configInfo: def }, 'Validation errors/ Invalid arguments'],
    ['POST', `/api/public/bot/${bot}/import`, 412, json, { botDefinition: def }, 'Validation errors/ Invalid arguments'],
    ['POST', `/api/public/bot/${bot}/import`, 412, undefined, undefined, 'Validation errors/ Invalid arguments'],
    ['POST', `/api/public/bot/${bot}/import`, 400, json, { botDefinition: 'ConusmerBotDefinitionFileID', configInfo: def }, 'Invalid file id'],
    ['POST', `/api/public/bot/${bot}/import`, 400, json, { botDefinition: def, configInfo: 'f'.repeat(24) }, 'Invalid file id'],
    ['POST', `/api/public/bot/${bot}/import`, 400, json, { botDefinition: def, configInfo: def, botFunctions: ['BotFunctionFIleID'] }, 'Invalid file id'],
    ['POST', `/api/public/bot/${bot}/import`, 400, json, { botDefinition: def, configInfo: def, importOptions: { tasks: ['everything'] } }, undefined],
    ['POST', `/api/public/bot/${bot}/import`, 400, json, { botDefinition: def, configInfo: def, importOptions: 'all' }, undefined],
    ['GET', `/api/public/bot/${bot}/import`, 405, undefined, undefined, 'Method Not Allowed'],
    ['GET', '/api/public/bot/import/status/bir-00000000-0000-5000-8000-000000000000', 400, undefined, undefined, 'Invalid request ID'],
    ['GET', '/api/public/bot/import/status/%27%20OR%201%3D1--', 400, undefined, undefined, 'Invalid request ID'],
    ['POST', '/api/public/bot/import/status/bir-x', 405, undefined, undefined, 'Method Not Allowed'],
    ['PUT', '/api/public/bot/import/status/bir-x', 405, undefined, undefined, 'Method Not Allowed'],
    ['DELETE', '/api/public/bot/eraseUsersData', 412, undefined, undefined, 'Validation errors/ Invalid arguments'],
    ['DELETE', '/api/public/bot/eraseUsersData', 412, json, { botIds: [bot] }, 'Validation errors/ Invalid arguments'],
    ['DELETE', '/api/public/bot/eraseUsersData', 412, json, { userIds: ['u-1'] }, 'Validation errors/ Invalid arguments'],
    ['DELETE', '/api/public/bot/eraseUsersData', 412, json, { userIds: ['u-1'], botIds: [], RemoveDataFromAllBots: false }, 'Validation errors/ Invalid arguments'],
    ['DELETE', '/api/public/bot/eraseUsersData', 400, json, { userIds: [], botIds: [bot] }, undefined],
    ['DELETE', '/api/public/bot/eraseUsersData', 400, json, { userIds: [{ id: 1 }], botIds: [bot] }, undefined],
    ['DELETE', '/api/public/bot/eraseUsersData', 400, json, { userIds: ['u-1'], botIds: ['st-unknown'] }, 'Invalid StreamId'],
    ['DELETE', '/api/public/bot/eraseUsersData', 400, json, { userIds: ['u-1'], RemoveDataFromAllBots: 'yes' }, undefined],
    ['DELETE', '/api/public/bot/eraseUsersData', 400, json, '{"userIds":["u-1"', undefined],
    ['GET', '/api/public/bot/eraseUsersData', 405, undefined, undefined, 'Method Not Allowed'],
    ['GET', '/api/public/bot/eraseUsersData/status/eud-unknown', 400, undefined, undefined, 'Invalid request ID'],
    ['DELETE', '/api/public/bot/eraseUsersData/status/eud-unknown', 405, undefined, undefined, 'Method Not Allowed']
  ]
  t.ok(cases.length >= 15, `${cases.length} malformed requests`)
  for (const [method, url, status, type, payload, msg] of cases) {
    const headers: Record<string, string> = { ...s.adminHeaders }
    if (type !== undefined) headers['content-type'] = type
    const body = payload === undefined ? undefined : typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload)
    const res = await app.inject({ method: method as 'GET', url, headers, payload: body })
    const label = `${method} ${url} ${typeof payload === 'string' ? payload.slice(0, 40) : Buffer.isBuffer(payload) ? `(${payload.length} bytes)` : JSON.stringify(payload ?? '')}`
    t.equal(res.statusCode, status, `${label}: ${res.body.slice(0, 160)}`)
    t.equal(schemaErrors('KoreError', res.json()), null, `${label}: envelope`)
    t.equal(res.json().errors[0].code, status, `${label}: code`)
    if (msg !== undefined) t.equal(res.json().errors[0].msg, msg, `${label}: message`)
  }
  const after = await app.inject({ url: '/api/public/alluserroles', headers: s.adminHeaders })
  t.equal(after.statusCode, 200, 'still serving')
  t.equal((app.db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n, 0, 'no refused request started a job')
})
