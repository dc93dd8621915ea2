/** Minimal repros of what fuzzing found (random runs and targeted control-plane probes), replayed on every run whatever the seed. */
import type { Fixtures } from './baseline.js'
import type { FuzzRequest } from './request.js'

export interface ReplayCase {
  name: string
  /** catalogue id of the route the request targets (for its 2xx schema) */
  routeId: string
  req: FuzzRequest
  /** the only statuses allowed; the oracle's invariants apply on top */
  statuses?: number[]
  /** the known-good probes must all still answer 200 afterwards */
  thenServing?: boolean
  /** the answer must come within this many milliseconds */
  maxMs?: number
  /** requests sent first (their answers are not judged) */
  setup?: FuzzRequest[]
  /** where the fuzzer's run pointed */
  cause: string
}

const get = (url: string, headers: Record<string, string> = {}): FuzzRequest => {
  const [path, query = ''] = url.split('?')
  return {
    method: 'GET',
    template: path,
    pathParams: {},
    query: query === '' ? [] : query.split('&').map(kv => ({ key: kv.split('=')[0], value: kv.split('=').slice(1).join('='), raw: true })),
    headers
  }
}

const withBody = (method: string, url: string, headers: Record<string, string>, body: unknown): FuzzRequest =>
  ({ ...get(url, headers), method, body, headers: { ...headers, 'content-type': 'application/json' } })

/** The known-good probes: one per vendor and the control plane, each a 200 while the server serves. */
export function probes (f: Fixtures): FuzzRequest[] {
  const e = f.eva
  return [
    get('/__sandbox/health'),
    get(`/eva-dashboard/org/${e?.orgUUID ?? ''}/env/${e?.envUUID ?? ''}/bot/${e?.botUUID ?? ''}/dashboard/summary`, { authorization: `Bearer ${e?.token ?? ''}` }),
    get('/api/public/alluserroles?limit=5', { auth: f.kore?.adminJwt ?? '' }),
    get('/reports/conversations', { authorization: `Bearer ${f.chatbot?.token ?? ''}` })
  ]
}

/** Needs every fixture; cases are built fresh for each run. */
export function replayCases (f: Fixtures): ReplayCase[] {
  const e = f.eva
  const k = f.kore
  const c = f.chatbot
  if (e === undefined || k === undefined || c === undefined) throw new Error('replays need every fixture')
  const eva = { authorization: `Bearer ${e.token}` }
  const base = `/eva-dashboard/org/${e.orgUUID}/env/${e.envUUID}/bot/${e.botUUID}`
  const window = 'startDate=2026-03-01&endDate=2026-03-10'
  const builder = { auth: k.builderJwt }
  const admin = { auth: k.adminJwt }
  const chatbot = { authorization: `Bearer ${c.token}` }
  const widget = `/api/public/bot/${k.botId}/dashboard/${encodeURIComponent(k.dashboards[0].name)}/widget/${encodeURIComponent(k.dashboards[0].widgets[0])}`
  const nonFinite = 'a query integer spelled Infinity, -Infinity or 1e309 passes validation (ajv coerces it and skips minimum/maximum for non-finite numbers; src/app.ts ajv coerceTypes) and reaches SQLite'
  return [
    {
      name: 'eva conversations/list with page=Infinity',
      routeId: 'evaConversationsList',
      req: get(`${base}/conversations/list?${window}&page=Infinity`, eva),
      statuses: [400],
      cause: `${nonFinite}: SqliteError datatype mismatch at src/db/sessions.repo.ts:100`
    },
    {
      name: 'eva conversations/list with page=-Infinity',
      routeId: 'evaConversationsList',
      req: get(`${base}/conversations/list?${window}&page=-Infinity`, eva),
      statuses: [400],
      cause: `${nonFinite}: pageIndex clamps it to 0 (src/engine/paging.ts:14), but springPage echoes pageNumber: -Infinity (paging.ts:53) and fast-json-stringify throws "cannot be converted to an integer"`
    },
    {
      name: 'eva reports/list with size=Infinity',
      routeId: 'evaReportsList',
      req: get(`${base}/reports/list?page=1&size=Infinity`, eva),
      statuses: [400],
      cause: `${nonFinite}: SqliteError datatype mismatch at src/db/reports.repo.ts:32`
    },
    {
      name: 'Kore widget with limit=1e309',
      routeId: 'koreGetDashboardWidget',
      req: get(`${widget}?startDate=2026-03-01&endDate=2026-03-10&limit=1e309`, builder),
      statuses: [400],
      cause: `${nonFinite}: SqliteError datatype mismatch at src/db/widgets.repo.ts:206`
    },
    {
      name: 'Kore alluserroles with limit=-Infinity',
      routeId: 'koreGetUserRoles',
      req: get('/api/public/alluserroles?limit=-Infinity', admin),
      statuses: [400],
      cause: `${nonFinite}: SqliteError datatype mismatch at src/db/kore-admin.repo.ts:54`
    },
    {
      name: 'Kore alluserroles with offset=1e21 (finite, but past SQLite\'s integers)',
      routeId: 'koreGetUserRoles',
      req: get('/api/public/alluserroles?offset=1e21', admin),
      statuses: [400],
      cause: 'schemas/kore/admin.ts:12-13 give skip and offset no maximum; a float beyond int64 binds as REAL: SqliteError datatype mismatch at src/db/kore-admin.repo.ts:54'
    },
    {
      name: 'Kore getMessages with skip=Infinity',
      routeId: 'koreGetMessages',
      req: get(`/api/public/bot/${k.botId}/getMessages?userId=${k.userId}&skip=Infinity`, builder),
      statuses: [400],
      cause: `${nonFinite}: SqliteError datatype mismatch at src/db/kore-history.repo.ts:207`
    },
    {
      name: 'ChatBot.com heatmap with offset=-Infinity',
      routeId: 'chatbotConversationsHeatmap',
      req: get('/reports/conversations.heatmap?offset=-Infinity', chatbot),
      statuses: [400],
      cause: `${nonFinite}: a NaN weekday indexes the grid, TypeError at routes/chatbotcom/popularity.ts:39`
    },
    {
      name: 'control plane: PUT /__sandbox/clock {"advance":"P999999999W"}',
      routeId: 'sandbox PUT /__sandbox/clock',
      req: withBody('PUT', '/__sandbox/clock', {}, { advance: 'P999999999W' }),
      statuses: [400],
      thenServing: true,
      cause: 'parseDuration (src/control/duration.ts:5) has no bound; routes/sandbox/controls.ts:28 moves the clock past the Date range, then clockState()\'s toISOString throws (controls.ts:11): a 500, and every later request 500s (journal onResponse at src/plugins/control.ts:27, eva/ChatBot.com error bodies) until the clock is reset'
    },
    {
      name: 'eva token endpoint with a wrong method',
      routeId: 'evaToken',
      req: get(`/auth/realms/${e.realm}/protocol/openid-connect/token`),
      statuses: [404, 405],
      cause: 'routes/eva/auth.ts sets an error handler but no not-found handler, so the root one answers {statusCode, error, message} instead of a Keycloak {error, error_description} body'
    },
    {
      name: 'eva path parameter over maxParamLength (200)',
      routeId: 'evaDashboardSummary',
      req: get(`/eva-dashboard/org/${e.orgUUID}/env/${e.envUUID}/bot/${'x'.repeat(201)}/dashboard/summary`, eva),
      cause: 'find-my-way rejects the parameter before any scope: Fastify\'s onMaxParamLength writes its own 414 {error: "Bad Request", code: FST_ERR_MAX_PARAM_LENGTH} (node_modules/fastify/fastify.js:704), as src/app.ts:33 sets no frameworkErrors'
    },
    {
      name: 'Kore path parameter over maxParamLength (200)',
      routeId: 'korePublishStatus',
      req: get(`/api/public/bot/${'x'.repeat(201)}/publish/status`, admin),
      cause: 'as above: a generic 414 instead of {"errors":[…]}'
    },
    {
      name: 'Kore x-sandbox-status: 415 answers 415',
      routeId: 'koreGetUserRoles',
      req: get('/api/public/alluserroles', { ...admin, 'x-sandbox-status': '415' }),
      statuses: [415],
      cause: 'routes/kore/errors.ts:32 turns every 415 into a 400 (meant for the content-type parser), injected faults included'
    },
    {
      name: 'Kore widget customFilters with a null (open) end',
      routeId: 'korePostDashboardWidget',
      req: withBody('POST', `${widget}?startDate=2026-03-01&endDate=2026-03-10`, builder,
        { customFilters: [{ filterSource: 'Sessions', fieldName: 'timestampvalue', values: [null, 1774958400000] }] }),
      statuses: [200],
      cause: 'schemas/kore/widgets.ts:24 values are Union[String, Number, Null]; with coerceTypes (src/app.ts) the String branch turns null into "", so the documented open end is a 400 "Invalid value \\"\\""'
    },
    {
      name: 'a fault rule route glob with many ** stalls the event loop',
      routeId: 'koreGetDashboardWidget',
      setup: [withBody('PUT', '/__sandbox/faults', {}, { rules: [{ route: `/${'**a'.repeat(9)}Z`, status: 503 }] })],
      req: get(`/api/public/bot/${k.botId}/dashboard/${'a'.repeat(27)}/widget/x?startDate=2026-03-01&endDate=2026-03-02`, builder),
      maxMs: 250,
      cause: 'src/control/faults.ts:22 turns each ** into .* with nothing collapsed; decide() (routes/faults.ts:25) runs the regex on every vendor request: exponential backtracking (9 ** ≈ 1 s, 12 ** ≈ 4 min, route allows 300 chars)'
    }
  ]
}
