/** Valid-ish baseline requests: real tenants and ids from the seeded app, values drawn from each route's schema and a table of known-good hints. */
import type { FastifyInstance, InjectOptions } from 'fastify'
import { chatbotSession, evaSession, evaToken, koreSession } from '../helper.js'
import type { JsonSchema, KoreApp, RouteSpec } from './catalog.js'
import type { FuzzRequest } from './request.js'
import { between, chance, pick, type Rand } from './values.js'

export interface EvaFixtures {
  realm: string
  username: string
  password: string
  token: string
  refreshToken: string
  /** a valid token of a user who may not read the bot (answers 403) */
  foreignToken: string
  orgUUID: string
  envUUID: string
  botUUID: string
  channels: string[]
  sessionCode: string
  reportUuid: string
  reportFile: string
}

export interface KoreFixtures {
  botId: string
  /** a bot of the account that the builder app may not read */
  otherBotId: string
  dashboards: Array<{ name: string, widgets: string[] }>
  userId: string
  sessionId: string
  builderJwt: string
  builderClientId: string
  builderSecret: string
  adminJwt: string
  /** a builder app of another bot */
  foreignBuilderJwt: string
  fileId: string
  birId: string
  reqId: string
}

export interface ChatbotFixtures {
  token: string
  clientToken: string
  stories: string[]
}

export interface Fixtures { eva?: EvaFixtures, kore?: KoreFixtures, chatbot?: ChatbotFixtures }

export const MULTIPART_BOUNDARY = 'fuzzBoundary7MA4YWxkTrZu0gW'

/** A multipart body; `parts` are [name, value, filename?]. */
export function multipart (parts: Array<[string, string | Buffer, string?]>, boundary = MULTIPART_BOUNDARY): Buffer {
  const chunks: Buffer[] = []
  for (const [name, value, filename] of parts) {
    const disposition = filename === undefined ? `form-data; name="${name}"` : `form-data; name="${name}"; filename="${filename}"`
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${filename === undefined ? '' : 'Content-Type: application/json\r\n'}\r\n`))
    chunks.push(Buffer.isBuffer(value) ? value : Buffer.from(value), Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(chunks)
}

/** A small bot definition the import accepts. */
export const BOT_DEFINITION = JSON.stringify({ localeData: { en: { name: 'Fuzz Bot' } }, dialogs: [{ name: 'Fuzz Dialog' }] })

async function json (app: FastifyInstance, opts: InjectOptions): Promise<unknown> {
  const res = await app.inject(opts)
  if (res.statusCode >= 300) throw new Error(`fixture request failed: ${res.statusCode} ${res.body.slice(0, 300)}`)
  return res.body === '' ? null : res.json()
}

export async function evaFixtures (app: FastifyInstance): Promise<EvaFixtures> {
  const s = await evaSession(app)
  const foreign = s.tenants.users.find(u => !u.botUUIDs.includes(s.bot.botUUID))
  if (foreign === undefined) throw new Error('no eva user without access to the first bot')
  const login = await json(app, {
    method: 'POST',
    url: `/auth/realms/${s.user.realm}/protocol/openid-connect/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'password', client_id: 'eva-cockpit', username: s.user.username, password: s.user.password }).toString()
  }) as { refresh_token: string }
  const list = await json(app, { method: 'GET', url: `${s.base}/conversations/list?startDate=2026-03-01&endDate=2026-03-31&size=1`, headers: s.headers }) as { content: Array<{ sessionCode: string }> }
  const sessionCode = list.content[0]?.sessionCode
  if (sessionCode === undefined) throw new Error('no eva conversation in March 2026')
  await json(app, {
    method: 'POST',
    url: `${s.base}/conversations/request_report`,
    headers: s.headers,
    payload: { startDate: '2026-03-01', endDate: '2026-03-10', startHour: 0, endHour: 23, sampleSize: 5, reportType: 'CHRONOLOGICAL' }
  })
  const reports = await json(app, { method: 'GET', url: `${s.base}/reports/list?page=1&size=1`, headers: s.headers }) as { content: Array<{ fileUrl: string }> }
  const file = /\/eva-dashboard\/files\/([^/]+)\/([^/?]+)$/.exec(reports.content[0]?.fileUrl ?? '')
  if (file === null) throw new Error('no report file url')
  return {
    realm: s.user.realm,
    username: s.user.username,
    password: s.user.password,
    token: s.token,
    refreshToken: login.refresh_token,
    foreignToken: await evaToken(app, foreign.username, foreign.password, foreign.realm),
    orgUUID: s.bot.orgUUID,
    envUUID: s.bot.envUUID,
    botUUID: s.bot.botUUID,
    channels: s.bot.channels.map(c => c.uuid),
    sessionCode,
    reportUuid: file[1],
    reportFile: decodeURIComponent(file[2])
  }
}

export async function koreFixtures (app: FastifyInstance): Promise<KoreFixtures> {
  const s = await koreSession(app)
  const foreign = s.tenants.apps.find(a => a.kind === 'builder' && !a.botIds.includes(s.bot.botId) && a.scopes.length > 1)
  const other = s.tenants.bots.find(b => b.botId !== s.bot.botId)
  if (foreign === undefined || other === undefined) throw new Error('no second Kore bot and builder app')
  const sessions = await json(app, {
    method: 'POST',
    url: `/api/public/bot/${s.bot.botId}/getSessions`,
    headers: s.builderHeaders,
    payload: { limit: 1, dateFrom: '2026-03-25', dateTo: '2026-03-31' }
  }) as { sessions: Array<{ sessionId: string, userId: string }> }
  const session = sessions.sessions[0]
  if (session === undefined) throw new Error('no Kore session in the last week of March 2026')
  const upload = await json(app, {
    method: 'POST',
    url: '/api/public/uploadfile',
    headers: { ...s.adminHeaders, 'content-type': `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` },
    payload: multipart([['file', BOT_DEFINITION, 'bot.json'], ['fileContext', 'bulkImport'], ['fileExtension', 'json']])
  }) as { fileId: string }
  const imported = await json(app, {
    method: 'POST',
    url: `/api/public/bot/${s.bot.botId}/import`,
    headers: s.adminHeaders,
    payload: { botDefinition: upload.fileId, configInfo: upload.fileId }
  }) as { _id: string }
  const erase = await json(app, {
    method: 'DELETE',
    url: '/api/public/bot/eraseUsersData',
    headers: s.adminHeaders,
    payload: { userIds: ['u-fuzz-nobody'], botIds: [s.bot.botId] }
  }) as { requestId: string }
  return {
    botId: s.bot.botId,
    otherBotId: other.botId,
    dashboards: s.bot.dashboards.filter(d => d.widgets.length > 0),
    userId: session.userId,
    sessionId: session.sessionId,
    builderJwt: s.builder.sampleJwt,
    builderClientId: s.builder.clientId,
    builderSecret: s.builder.clientSecret,
    adminJwt: s.admin.sampleJwt,
    foreignBuilderJwt: foreign.sampleJwt,
    fileId: upload.fileId,
    birId: imported._id,
    reqId: erase.requestId
  }
}

export async function chatbotFixtures (app: FastifyInstance): Promise<ChatbotFixtures> {
  const s = await chatbotSession(app)
  return { token: s.account.developerToken, clientToken: s.account.clientToken, stories: s.account.stories.map(x => x.id) }
}

/** One baseline draw: the PRNG, the fixtures and the values chosen so far (for pairs such as dates). */
export interface Draw {
  r: Rand
  f: Fixtures
  route: RouteSpec
  memo: Record<string, unknown>
  /** the Kore app kind chosen for this request */
  koreApp?: KoreApp
}

function need<T> (v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`fixtures for ${what} not loaded`)
  return v
}

function memo<T> (d: Draw, key: string, make: () => T): T {
  if (!(key in d.memo)) d.memo[key] = make()
  return d.memo[key] as T
}

function datePair (d: Draw, pairs: Array<[string, string]>): [string, string] {
  return memo(d, 'dates', () => pick(d.r, pairs))
}

const EVA_DATES: Array<[string, string]> = [
  ['2026-03-01', '2026-03-10'], ['2026-03-01T00:00:00Z', '2026-03-31T23:59:59Z'], ['2026-02-01', '2026-03-31'], ['2026-03-30', '2026-03-30']
]
const KORE_DAYS: Array<[string, string]> = [['2026-03-01', '2026-03-10'], ['2026-03-24', '2026-03-30'], ['2026-03-31', '2026-03-31']]
const KORE_HISTORY: Array<[string, string]> = [['2026-03-25', '2026-03-30'], ['2026-03-28T00:00:00.000Z', '2026-03-31T12:00:00.000Z']]
const CHATBOT_DATES: Array<[string, string]> = [['2026-03-01', '2026-03-31'], ['2026-03-30', '2026-03-31'], ['2026-1-1', '2026-03-31T12:00:00Z']]

const WIDGET_FILTERS = [
  [],
  [{ filterSource: 'Sessions', fieldName: 'sessionstatus', values: ['closed'] }],
  [{ filterSource: 'Sessions', fieldName: 'channel', values: ['rtm', 'msteams'] }],
  [{ filterSource: 'userType', fieldName: 'user', values: ['newuser'] }],
  [{ filterSource: 'Sessions', fieldName: 'date', values: ['03-01-2026', '03-10-2026'] }],
  [{ filterSource: 'Sessions', fieldName: 'timestampvalue', values: [null, 1774958400000] }]
]

/**
 * A known-good value for a parameter or top-level body field, or undefined: required fields
 * without a hint are drawn from their schema, optional ones are left out.
 */
function hint (d: Draw, where: 'path' | 'query' | 'body', name: string): unknown {
  const { r, route } = d
  const op = route.id.replace(/~bare$/, '')
  switch (route.group) {
    case 'eva': {
      const f = need(d.f.eva, 'eva')
      if (where === 'path') {
        return { orgUUID: f.orgUUID, envUUID: f.envUUID, botUUID: f.botUUID, realm: f.realm, uuid: f.reportUuid, fileName: f.reportFile }[name]
      }
      if (op === 'evaToken') {
        const refresh = memo(d, 'grant', () => chance(r, 0.3))
        if (name === 'grant_type') return refresh ? 'refresh_token' : 'password'
        if (name === 'client_id') return pick(r, ['eva-cockpit', 'eva-api'])
        if (name === 'refresh_token') return refresh ? f.refreshToken : undefined
        if (name === 'username') return refresh ? undefined : f.username
        if (name === 'password') return refresh ? undefined : f.password
        return undefined
      }
      const search = memo(d, 'search', () => chance(r, 0.3))
      switch (name) {
        case 'startDate': return datePair(d, EVA_DATES)[0]
        case 'endDate': return datePair(d, EVA_DATES)[1]
        case 'startHour': return between(r, 0, 11)
        case 'endHour': return between(r, 12, 23)
        case 'timezone': return pick(r, ['UTC', 'Europe/Madrid', '+02:00', 'America/Sao_Paulo', undefined])
        case 'channelUuids': return chance(r, 0.4) ? f.channels.filter(() => chance(r, 0.5)).join(',') : undefined
        case 'searchBy': return search ? 'SESSION_CODE' : undefined
        case 'searchTerm': return search ? f.sessionCode : undefined
        case 'filterField': return search && op === 'evaConversationsRequestReport' ? 'SESSION_CODE' : undefined
        case 'filterTerm': return search && op === 'evaConversationsRequestReport' ? f.sessionCode : undefined
        case 'sessionCode': return f.sessionCode
        case 'page': return between(r, 0, 3)
        case 'size': return between(r, 1, 20)
        case 'sampleSize': return between(r, 1, 50)
        case 'nlpResponseFilters': return pick(r, ['ALL', 'FOUND', 'NONE', 'FOUND,NONE'])
        default: return undefined
      }
    }
    case 'kore': {
      const f = need(d.f.kore, 'kore')
      const board = memo(d, 'board', () => pick(r, f.dashboards))
      switch (name) {
        case 'botId': case 'streamId': return f.botId
        case 'dashboardName': return board.name
        case 'widgetName': return memo(d, 'widget', () => pick(r, board.widgets))
        case 'birId': return f.birId
        case 'reqId': return f.reqId
      }
      if (op.endsWith('DashboardWidget')) {
        if (name === 'startDate') return datePair(d, KORE_DAYS)[0]
        if (name === 'endDate') return datePair(d, KORE_DAYS)[1]
        if (name === 'limit') return pick(r, [1, 10, 50, -1, undefined])
        if (name === 'customFilters') return structuredClone(pick(r, WIDGET_FILTERS))
        return undefined
      }
      if (op === 'koreUserEngagementTrendV2') {
        switch (name) {
          case 'start_date': return datePair(d, KORE_DAYS)[0]
          case 'end_date': return datePair(d, KORE_DAYS)[1]
          case 'aggregation_type': return pick(r, ['daily', 'hourly', 'Daily', undefined])
          case 'conversationType': return pick(r, ['All', 'Interactive', 'Non Interactive', undefined])
          case 'conversationStatus': return pick(r, ['All', 'Active', 'Closed', undefined])
          case 'channels': return pick(r, ['rtm', 'All', 'rtm,msteams', undefined])
          case 'timeZoneOffset': return pick(r, ['UTC', 'Asia/Kolkata', '+05:30', undefined])
          default: return undefined
        }
      }
      if (op === 'koreDebugLogs') {
        switch (name) {
          case 'identity': return f.userId
          case 'channelType': return pick(r, ['rtm', 'msteams', undefined])
          case 'minimumInfo': return pick(r, [true, false, undefined])
          case 'limit': return pick(r, [1, 20, 50, undefined])
          case 'offset': return pick(r, [0, 3, undefined])
          case 'timezone': return pick(r, ['UTC', 'Asia/Kolkata', undefined])
          case 'fromDate': return datePair(d, [['2026-03-01', '2026-03-31'], ['2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z']])[0]
          case 'toDate': return datePair(d, [['2026-03-01', '2026-03-31'], ['2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z']])[1]
          default: return undefined
        }
      }
      if (op === 'koreGetUserRoles') {
        if (name === 'limit') return pick(r, [1, 50, 100, undefined])
        if (name === 'skip' || name === 'offset') return pick(r, [0, 2, undefined])
        return undefined
      }
      if (op === 'korePublishBot') {
        if (name === 'versionComment') return 'fuzz publish'
        if (name === 'initiateTraining') return pick(r, [true, false, undefined])
        return undefined
      }
      if (op === 'koreImportIntoExistingBot') {
        if (name === 'botDefinition' || name === 'configInfo') return f.fileId
        if (name === 'botFunctions') return pick(r, [[f.fileId], undefined])
        if (name === 'importOptions') return pick(r, [{ tasks: ['botTask'], nlpData: ['utterances'] }, undefined])
        return undefined
      }
      if (op === 'koreEraseUsersData') {
        const all = memo(d, 'all', () => chance(r, 0.3))
        if (name === 'userIds') return [f.userId]
        if (name === 'botIds') return all ? undefined : [f.botId]
        if (name === 'RemoveDataFromAllBots') return all ? true : undefined
        return undefined
      }
      // the history routes: getSessions, getMessages(V2), GET and POST, per bot and admin
      const v1 = op === 'koreGetMessages' || op === 'koreGetMessagesPost' || op === 'koreAdminGetMessages'
      switch (name) {
        case 'userId': return op === 'koreGetMessages' || op === 'koreGetMessagesV2' || chance(r, 0.4) ? f.userId : undefined
        case 'dateFrom': return chance(r, 0.7) ? datePair(d, KORE_HISTORY)[0] : undefined
        case 'dateTo': return 'dates' in d.memo ? (d.memo.dates as [string, string])[1] : undefined
        case 'skip': case 'offset': return pick(r, [0, 1, undefined, undefined])
        case 'limit': return pick(r, [1, 10, v1 ? 100 : 200, undefined])
        case 'sessionType': return pick(r, ['interactive', 'non-interactive', undefined])
        case 'containmentType': return pick(r, ['dropOff', 'selfService', 'agent', undefined])
        case 'channelType': return pick(r, ['rtm', 'msteams', undefined])
        case 'sessionId': return chance(r, 0.2) ? (where === 'query' ? f.sessionId : [f.sessionId]) : undefined
        case 'tags': return pick(r, [{ and: [{ name: 'vip', type: 'session' }] }, { or: [{ name: 'vip', values: ['true'] }] }, undefined])
        case 'includeMeta': case 'getAgentsInfo': case 'includeSecureForm': case 'includeTraceId': case 'forward':
          return pick(r, [true, false, undefined])
        case 'direction': return pick(r, [-1, 0, 1, undefined])
        default: return undefined
      }
    }
    case 'chatbotcom': {
      const f = need(d.f.chatbot, 'chatbotcom')
      const dated = memo(d, 'dated', () => chance(r, 0.6))
      switch (name) {
        case 'from': return dated ? datePair(d, CHATBOT_DATES)[0] : undefined
        case 'to': return dated ? datePair(d, CHATBOT_DATES)[1] : undefined
        case 'period': return dated ? undefined : pick(r, ['today', 'yesterday', 'last7days', 'last30days', 'thisMonth', 'lastMonth', 'last3Months', undefined])
        case 'dimension': return pick(r, ['auto', 'day', 'month', undefined])
        case 'group': return pick(r, ['storyId', 'source', undefined])
        case 'offset': return pick(r, [0, 120, -300, 720, -720])
        case 'source': return pick(r, [['widget'], ['messenger', 'slack'], undefined])
        case 'storyId': return pick(r, [[f.stories[0]], f.stories, undefined])
        default: return undefined
      }
    }
    case 'sandbox': {
      if (route.method === 'PUT' && route.path === '/__sandbox/clock') {
        const jump = memo(d, 'jump', () => chance(r, 0.5))
        if (name === 'now') return jump ? '2026-03-31T12:00:00.000Z' : undefined
        if (name === 'advance') return jump ? undefined : pick(r, ['PT1H', 'P1D', 'PT30M', '-PT2H'])
        if (name === 'frozen') return jump ? true : undefined
        return undefined
      }
      if (route.path === '/__sandbox/faults') {
        if (name === 'seed') return between(r, 1, 1000)
        // a rule that matches no route, so nothing fires even before the clean-up
        if (name === 'rules') {
          return [{
            vendor: pick(r, ['kore', 'eva', 'chatbotcom']),
            route: '/__fuzz_never__/**',
            method: 'GET',
            ...pick(r, [{ status: 503, retryAfter: 2 }, { latency: { kind: 'fixed', ms: 5 } }, { drop: true }]),
            probability: 0.5,
            count: 1
          }]
        }
        return undefined
      }
      if (route.path === '/__sandbox/rate-limits' && name === 'kore') return false
      if (route.path === '/__sandbox/requests') {
        if (name === 'limit') return between(r, 1, 50)
        if (name === 'vendor') return pick(r, ['kore', 'eva', undefined])
        if (name === 'status') return pick(r, [200, 400, undefined])
      }
      return undefined
    }
  }
}

/** A value valid for `schema` alone (no semantics): for required fields without a hint. */
export function fromSchema (s: JsonSchema, r: Rand): unknown {
  if (s.const !== undefined) return s.const
  if (s.enum !== undefined) return pick(r, s.enum)
  const alternatives = s.anyOf ?? s.oneOf
  if (alternatives !== undefined) return fromSchema(pick(r, alternatives), r)
  const type = Array.isArray(s.type) ? s.type.find(t => t !== 'null') : s.type
  if (s.default !== undefined) return s.default
  switch (type) {
    case 'string': {
      if (s.pattern === '^[0-9a-f-]{36}$' || (s.pattern ?? '').includes('{8}-')) return '00000000-0000-4000-8000-000000000000'
      if ((s.pattern ?? '').includes('{24}')) return 'a'.repeat(24)
      const base = 'fuzz'.padEnd(s.minLength ?? 0, 'z')
      return s.maxLength === undefined ? base : base.slice(0, s.maxLength)
    }
    case 'integer': case 'number': return Math.min(Math.max(s.minimum ?? 0, 1), s.maximum ?? 1)
    case 'boolean': return chance(r, 0.5)
    case 'array': return Array.from({ length: s.minItems ?? 0 }, () => fromSchema(s.items ?? {}, r))
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const k of s.required ?? []) out[k] = fromSchema(s.properties?.[k] ?? {}, r)
      return out
    }
    default: return 'fuzz'
  }
}

function valueFor (d: Draw, where: 'path' | 'query' | 'body', name: string, schema: JsonSchema, required: boolean): unknown {
  const v = hint(d, where, name)
  if (v !== undefined) return v
  return required ? fromSchema(schema, d.r) : undefined
}

/** Query values as strings: arrays become repeated keys. */
export function queryPairs (name: string, value: unknown): Array<{ key: string, value: string }> {
  if (value === undefined) return []
  if (Array.isArray(value)) return value.map(v => ({ key: name, value: String(v) }))
  return [{ key: name, value: String(value) }]
}

/** The body object of a JSON or form route, field by field. */
function bodyObject (d: Draw, schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const required = new Set(schema.required ?? [])
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    const v = valueFor(d, 'body', name, s, required.has(name))
    if (v !== undefined) out[name] = v
  }
  return out
}

export function authHeaders (d: Draw): Record<string, string> {
  switch (d.route.auth) {
    case 'eva': return { authorization: `Bearer ${need(d.f.eva, 'eva').token}` }
    case 'chatbot': return { authorization: `Bearer ${need(d.f.chatbot, 'chatbotcom').token}` }
    case 'kore': {
      const f = need(d.f.kore, 'kore')
      d.koreApp = pick(d.r, d.route.koreApps)
      return { auth: d.koreApp === 'admin' ? f.adminJwt : f.builderJwt }
    }
    default: return {}
  }
}

/** A request the route should answer with a 2xx. */
export function baseline (route: RouteSpec, r: Rand, f: Fixtures): FuzzRequest {
  const d: Draw = { r, f, route, memo: {} }
  const pathParams: FuzzRequest['pathParams'] = {}
  const query: FuzzRequest['query'] = []
  for (const p of route.params) {
    const v = valueFor(d, p.in, p.name, p.schema, p.required)
    if (p.in === 'path') pathParams[p.name] = { value: String(v) }
    else query.push(...queryPairs(p.name, v))
  }
  const req: FuzzRequest = { method: route.method, template: route.path, pathParams, query, headers: authHeaders(d) }
  if (route.id === 'koreUploadFile') {
    req.headers['content-type'] = `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`
    const ext = pick(r, ['json', '.json', 'JSON', 'csv'])
    req.payload = multipart([['file', BOT_DEFINITION, `bot.${ext.replace('.', '')}`], ['fileContext', 'bulkImport'], ['fileExtension', ext]])
  } else if (route.body?.contentType === 'application/x-www-form-urlencoded') {
    req.headers['content-type'] = route.body.contentType
    const form = bodyObject(d, route.body.schema)
    req.payload = new URLSearchParams(Object.entries(form).map(([k, v]): [string, string] => [k, String(v)])).toString()
  } else if (route.body !== undefined) {
    req.headers['content-type'] = 'application/json'
    req.body = bodyObject(d, route.body.schema)
  }
  return req
}
