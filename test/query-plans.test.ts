/** Query plans (issue 6): every analytics statement the routes prepare reads sessions and messages through an index, never a full scan. */
import t from 'tap'
import { writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { build, chatbotSession, evaSession, koreSession, seededDb } from './helper.js'

/** What a route passed to all/get/run/iterate: one object of named parameters, or positional values. */
type Args = unknown[]
interface PlanRow { id: number, parent: number, notused: number, detail: string }
type Prepare = (sql: string) => Database.Statement
type Doc = Record<string, any>

/**
 * Fewer distinct analytics statements than this (the drive below prepares about 480) means a
 * route stopped preparing a family of them, or the drive lost coverage.
 */
const MIN_STATEMENTS = 400

/**
 * Statements whose full scan only a query rewrite can remove: `todo` is reported instead of a
 * failure. Each entry must still match a prepared statement, so a fixed one is noticed.
 */
const KNOWN_SCANS: Array<{ match: RegExp, todo: string }> = []

/** Shapes the drive must reach, so a route change that stops preparing one is noticed. */
const REQUIRED_SHAPES: Array<[string, RegExp]> = [
  ['eva: a window crossing one DST change (two offset segments)', /WHEN started_ms < @tz_t1 THEN @tz_o0 ELSE @tz_o1 END/],
  ['eva: a window crossing two DST changes (three offset segments)', /@tz_t2/],
  ['eva: conversations searched by flow', /json_each\(@flows\)/],
  ['eva: messages searched by entity', /FROM message_entities WHERE bot_id = @bot AND name = @term/],
  ['eva: messages searched by intent', /m\.intent_id IN \(SELECT value FROM json_each\(@intents\)\)/],
  ['eva: random report samples', /\(s\.id \* 2654435761\)/],
  ['eva: messages grouped by conversation', /ORDER BY m\.session_id DESC/],
  ['kore: the Analytics widget dataset', /'unhandledutterances'/],
  ['kore: sessions by containment', /s\.containment = @containment/],
  ['kore: sessions by tags (all and any)', /@tagsAllN[\s\S]*@tagsAny/],
  ['kore: messages after a msgId', /\(m\.ts_ms, m\.id\) >= \(@aTs, @aId\)/],
  ['kore: messages up to a msgId', /\(m\.ts_ms, m\.id\) <= \(@aTs, @aId\)/],
  ['kore: messages before a msgId', /\(m\.ts_ms, m\.id\) < \(@aTs, @aId\)/],
  ['kore: debug logs of a date range', /started_ms < @end AND ended_ms >= @start/],
  ['kore: hourly engagement', /AS hour,\s+COUNT\(DISTINCT user_id\)/],
  ['chatbotcom: yearly buckets', /'%Y-01-01'/],
  ['chatbotcom: heatmap', /AS weekday/],
  ['chatbotcom: interaction triggers', /direction = 1 AND ts_ms BETWEEN @from AND @to/]
]

/**
 * Tables that grow with the traffic: a full pass over any of them (sessions and messages above
 * all) is what this test forbids. users, session_flows and message_entities are watched too,
 * because a plan can start from a full pass over users and reach every session and message
 * through their indexes, which no SCAN of sessions or messages would show.
 */
const TRAFFIC_TABLES = ['sessions', 'messages', 'users', 'session_flows', 'message_entities']
/** Analytics statements read a traffic table; the reset's wipes and the erase job's deletes are writes. */
const READS = new RegExp(`\\b(?:FROM|JOIN)\\s+(?:${TRAFFIC_TABLES.join('|')})\\b`, 'i')
const ALIASED = new RegExp(`\\b(?:FROM|JOIN)\\s+(?:${TRAFFIC_TABLES.join('|')})\\s+(?:AS\\s+)?([A-Za-z_]\\w*)`, 'gi')
const WRITES = /^\s*(?:INSERT|UPDATE|DELETE|REPLACE)\b|\)\s*(?:INSERT|UPDATE|DELETE|REPLACE)\b/i
const NOT_ALIASES = new Set(['where', 'join', 'left', 'inner', 'cross', 'natural', 'on', 'using', 'group', 'order', 'limit', 'indexed', 'not', 'union', 'set'])

/**
 * Wraps `db.prepare` so that every SQL text prepared on this connection is recorded with the
 * first argument list it ran with (the plan check binds them: better-sqlite3 needs every
 * parameter). Returns the unwrapped prepare for the test's own statements, not recorded.
 */
function recordStatements (db: Database.Database): { prepare: Prepare, statements: Map<string, Args | null> } {
  const prepare = db.prepare.bind(db) as Prepare
  const statements = new Map<string, Args | null>()
  const wrapped = (sql: string): Database.Statement => {
    const stmt = prepare(sql)
    if (!statements.has(sql)) statements.set(sql, null)
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const run = (stmt[method] as (...args: Args) => unknown).bind(stmt)
      Object.defineProperty(stmt, method, {
        configurable: true,
        writable: true,
        value: (...args: Args) => {
          if (statements.get(sql) === null) statements.set(sql, structuredClone(args))
          return run(...args)
        }
      })
    }
    return stmt
  }
  db.prepare = wrapped as Database.Database['prepare']
  return { prepare, statements }
}

/** Placeholder values for a statement that never ran: a JSON list inside json_each(), else 1. */
function dummyArgs (sql: string): Args {
  const text = sql.replace(/'(?:[^']|'')*'/g, "''")
  const named = [...text.matchAll(/(json_each\(\s*)?@(\w+)/g)]
  if (named.length > 0) return [Object.fromEntries(named.map(m => [m[2], m[1] === undefined ? 1 : '[]']))]
  return [...text.matchAll(/json_each\(\s*\?|\?/g)].map(m => m[0] === '?' ? 1 : '[]')
}

/** The traffic tables and the aliases this statement gives them. */
function tableNames (sql: string): Set<string> {
  const names = new Set(TRAFFIC_TABLES)
  for (const m of sql.matchAll(ALIASED)) {
    if (!NOT_ALIASES.has(m[1].toLowerCase())) names.add(m[1])
  }
  return names
}

/**
 * Plan rows that pass over a whole traffic table. `SCAN x USING [COVERING] INDEX i` is a full
 * pass too (a bounded read is a SEARCH), so it counts: the msgId statements above scan
 * sessions_by_user from end to end and join every message to it.
 */
function fullScans (rows: PlanRow[], names: Set<string>): string[] {
  return rows.map(r => r.detail).filter(d => names.has(/^SCAN (\S+)/.exec(d)?.[1] ?? ''))
}

function render (rows: PlanRow[]): string {
  const depth = new Map<number, number>([[0, -1]])
  return rows.map(r => {
    const d = (depth.get(r.parent) ?? -1) + 1
    depth.set(r.id, d)
    return `${'  '.repeat(d)}${r.detail}`
  }).join('\n')
}

const oneLine = (sql: string): string => sql.replace(/\s+/g, ' ').trim()

/** Sends requests and keeps every answer that is not a 200, for one assertion at the end. */
function client (app: FastifyInstance) {
  const failures: string[] = []
  let sent = 0
  async function send (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown): Promise<any> {
    sent++
    const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })
    if (res.statusCode !== 200) failures.push(`${method} ${url} ${JSON.stringify(payload ?? null)} → ${res.statusCode} ${res.body.slice(0, 200)}`)
    const type = String(res.headers['content-type'] ?? '')
    return type.includes('json') ? res.json() : res.body
  }
  return {
    failures,
    sent: () => sent,
    get: async (url: string, headers: Record<string, string> = {}) => await send('GET', url, headers),
    post: async (url: string, headers: Record<string, string>, payload?: unknown) => await send('POST', url, headers, payload)
  }
}
type Client = ReturnType<typeof client>

/** Windows that differ in shape (offset segments: 1, 2, 3) or only in bound values. */
const EVA_SHAPE_WINDOWS = [
  'startDate=2026-03-01&endDate=2026-03-31&timezone=UTC',
  'startDate=2026-03-01&endDate=2026-03-31&timezone=America/New_York',
  'startDate=2025-04-01&endDate=2026-03-31&timezone=Europe/Berlin'
]
const EVA_VALUE_WINDOWS = [
  'startDate=2026-03-01&endDate=2026-03-31&timezone=Asia/Kolkata',
  'startDate=2026-03-10T06:30:00.000Z&endDate=2026-03-20T18:00:00.000Z&timezone=%2B05:45',
  'startDate=2026-02-20&endDate=2026-04-10&timezone=Australia/Sydney'
]
const EVA_DASHBOARDS = ['conversations', 'messages', 'users', 'accuracy', 'stacking/intents', 'stacking/flows']
const EVA_SESSION_SORTS = ['conversationStartedAt', 'satisfaction', 'userMessages', 'flowsTravelled', 'duration']

async function driveEva (app: FastifyInstance, prepare: Prepare, c: Client): Promise<void> {
  for (const botIndex of [0, 1]) {
    const s = await evaSession(app, botIndex)
    const h = s.headers
    const botId = (prepare("SELECT id FROM bots WHERE vendor = 'eva' AND ext_id = ?").get(s.bot.botUUID) as { id: number }).id
    const channels = s.bot.channels.slice(0, 2).map(ch => ch.uuid).join(',')
    await c.get(`${s.base}/dashboard/summary`, h)

    // search terms that match something: a conversation with a business key and a flow, intent names, an entity
    const sample = (await c.get(`${s.base}/conversations/list?${EVA_SHAPE_WINDOWS[0]}&size=200`, h)).content as Doc[]
    const conv = sample.find(x => x.businessKey !== null && x.flowsTravelledNames.length > 0) ?? sample[0]
    const intentOf = (type: string): string =>
      (prepare("SELECT name FROM intents WHERE bot_id = ? AND kind = 'intent' AND nlp_type = ? ORDER BY weight DESC LIMIT 1").get(botId, type) as { name: string } | undefined)?.name ?? 'none'
    const entity = (prepare('SELECT name FROM message_entities WHERE bot_id = ? LIMIT 1').get(botId) as { name: string } | undefined)?.name ?? 'none'
    const sessionSearches: Array<[string, string] | null> = [null, ['SESSION_CODE', conv.sessionCode], ['BUSINESS_KEY', conv.businessKey ?? 'none'], ['FLOW', conv.flowsTravelledNames[0] ?? 'none']]
    const messageSearches: Array<[string, string] | null> = [null, ['SESSION_CODE', conv.sessionCode], ['ENTITY', entity],
      ...['INTENT', 'DOCUMENT', 'QUESTION'].map((type): [string, string] => [type, intentOf(type)])]
    const search = (x: [string, string] | null): string => x === null ? '' : `&searchBy=${x[0]}&searchTerm=${encodeURIComponent(x[1])}`

    for (const w of [...EVA_SHAPE_WINDOWS, ...EVA_VALUE_WINDOWS]) {
      for (const d of EVA_DASHBOARDS) {
        await c.get(`${s.base}/dashboard/${d}?${w}`, h)
        await c.get(`${s.base}/dashboard/${d}?${w}&channelUuids=${channels}&startHour=6&endHour=18`, h)
      }
    }
    for (const w of EVA_SHAPE_WINDOWS) {
      for (const x of sessionSearches) {
        for (const orderBy of EVA_SESSION_SORTS) {
          for (const direction of ['ASC', 'DESC']) {
            await c.get(`${s.base}/conversations/list?${w}${search(x)}&orderBy=${orderBy}&direction=${direction}&page=2&size=10`, h)
          }
        }
      }
      for (const x of messageSearches) {
        for (const filters of ['ALL', 'FOUND', 'NONE', 'FOUND,NONE']) {
          for (const orderBy of ['deliveredAt', 'confidence']) {
            for (const direction of ['ASC', 'DESC']) {
              await c.get(`${s.base}/messages/list?${w}${search(x)}&nlpResponseFilters=${filters}&orderBy=${orderBy}&direction=${direction}&page=1&size=10`, h)
            }
          }
        }
      }
    }
    for (const w of EVA_VALUE_WINDOWS) {
      await c.get(`${s.base}/conversations/list?${w}&channelUuids=${channels}&size=10`, h)
      await c.get(`${s.base}/messages/list?${w}&channelUuids=${channels}&nlpResponseFilters=FOUND&size=10`, h)
    }
    await c.get(`${s.base}/conversations/details?sessionCode=${conv.sessionCode}`, h)

    // reports: every type, with and without each filter, rendered by downloading the file
    const windows = [
      { startDate: '2026-03-01', endDate: '2026-03-31', timezone: 'UTC' },
      { startDate: '2026-03-01', endDate: '2026-03-31', timezone: 'America/New_York', startHour: 6, endHour: 20, channelUuids: channels }
    ]
    for (const body of windows) {
      for (const reportType of ['RANDOM', 'GROUPED_MESSAGES', 'CHRONOLOGICAL']) {
        for (const [kind, searches] of [['conversations', sessionSearches], ['messages', messageSearches]] as const) {
          for (const x of searches) {
            const filter = x === null ? {} : { filterField: x[0], filterTerm: x[1] }
            await c.post(`${s.base}/${kind}/request_report`, h, { ...body, sampleSize: 50, reportType, ...filter })
          }
        }
      }
    }
    await c.post(`${s.base}/conversations/details/request_report?sessionCode=${conv.sessionCode}`, h)
    const reports = (await c.get(`${s.base}/reports/list?page=1&size=2000`, h)).content as Doc[]
    for (const r of reports) await c.get(new URL(r.fileUrl as string).pathname)
  }
}

async function driveKore (app: FastifyInstance, c: Client): Promise<void> {
  for (const botIndex of [0, 1, 2]) {
    const s = await koreSession(app, botIndex)
    const b = s.builderHeaders
    const a = s.adminHeaders
    const base = `/api/public/bot/${s.bot.botId}`

    // every seeded widget, plain and with custom filters of each kind
    const filterSets: unknown[][] = [
      [],
      [{ filterSource: 'userType', fieldName: 'user', values: ['newuser'] }],
      [{ filterSource: 'sessions', fieldName: 'channel', values: ['rtm', 'msteams'] }, { filterSource: 'sessions', fieldName: 'containment_type', values: ['selfService'] }],
      [{ filterSource: 'sessions', fieldName: 'userId', values: [s.bot.userIds[0]] }, { filterSource: 'sessions', fieldName: 'date', values: ['03-10-2026', '03-20-2026'] }]
    ]
    for (const d of s.bot.dashboards) {
      for (const w of d.widgets) {
        const url = `${base}/dashboard/${encodeURIComponent(d.name)}/widget/${encodeURIComponent(w)}?startDate=2026-03-01&endDate=2026-03-31`
        await c.get(url, b)
        for (const customFilters of filterSets) await c.post(url, a, { customFilters })
      }
    }

    // getSessions: defaults, dates, paging, each filter, tags, the sessionId lookup and callId
    const week = { dateFrom: '2026-03-24', dateTo: '2026-03-30' }
    const recent = (await c.post(`${base}/getSessions`, b, { ...week, limit: 10000 })).sessions as Doc[]
    const tagged = recent.find(x => x.tags.sessionTags.length > 0)
    const tag = tagged === undefined ? 'vip' : tagged.tags.sessionTags[0].name as string
    const voice = recent.find(x => x.channel === 'ivrVoice') ?? recent[0]
    const long = [...recent].sort((x, y) => y.noOfMessagesExchanged - x.noOfMessagesExchanged)[0]
    const userId = long.userId as string
    const tags = [{ and: [{ name: tag, values: ['true'], type: 'session' }] }, { or: [{ name: tag }, { name: 'no-such-tag' }] },
      { and: [{ name: tag }], or: [{ name: tag }] }]
    const sessionBodies: unknown[] = [undefined, {}, { limit: 20, skip: 5 }, week, { ...week, userId }, { userId },
      { sessionType: 'interactive' }, { ...week, sessionType: 'non-interactive' },
      ...tags.map(t => ({ ...week, tags: t })), { ...week, userId, sessionType: 'interactive', tags: tags[0] },
      { sessionId: [long.sessionId, voice.sessionId, 'f'.repeat(24), 'garbled'] }]
    for (const body of sessionBodies) await c.post(`${base}/getSessions`, b, body)
    for (const containment of ['selfService', 'agent', 'dropOff']) {
      await c.post(`${base}/getSessions?containmentType=${containment}`, b, { ...week, userId })
      await c.post(`${base}/getSessions?containmentType=${containment}`, b, {})
    }
    await c.post(`${base}/getSessions?callId=${voice.sessionId}`, b, {})
    await c.post('/api/public/getSessions', a, {})
    await c.post('/api/public/getSessions?containmentType=agent', a, { ...week, userId, tags: tags[1] })
    await c.post('/api/public/getSessions', a, { sessionId: [long.sessionId] })

    // getMessages / getMessagesV2: GET and POST, each filter, msgId both ways, callId; the Admin Console form
    const transcript = (await c.post(`${base}/getMessagesV2`, b, { sessionId: [long.sessionId], forward: true })).messages as Doc[]
    const anchor = transcript[Math.min(4, transcript.length - 1)]._id as string
    for (const path of ['getMessages', 'getMessagesV2']) {
      await c.get(`${base}/${path}?userId=${userId}`, b)
      await c.get(`${base}/${path}?userId=${userId}&sessionId=${long.sessionId}&channelType=${long.channel}&limit=5`, b)
      await c.get(`${base}/${path}?userId=${userId}&dateFrom=2026-03-24&dateTo=2026-03-30&offset=5`, b)
      await c.get(`${base}/${path}?userId=${voice.userId}&callId=${voice.sessionId}`, b)
      const bodies: unknown[] = [undefined, {}, week, { ...week, userId }, { userId, forward: true }, { sessionId: [long.sessionId] },
        { sessionId: [long.sessionId], ...week }, { channelType: 'msteams', ...week }, { channelType: long.channel, userId },
        ...tags.map(t => ({ ...week, tags: t })),
        { msgId: anchor, limit: 5 }, { msgId: anchor, direction: -1, limit: 5 }, { msgId: anchor, direction: 0, limit: 5 },
        { msgId: anchor, sessionId: [long.sessionId], direction: 1 }, { msgId: anchor, sessionId: [long.sessionId], direction: 0, limit: 4 },
        { msgId: anchor, userId, direction: -1 }, { msgId: anchor, channelType: long.channel, direction: 0, limit: 6 },
        { callId: voice.sessionId }, { callId: voice.sessionId, ...week }, { includeTraceId: true, limit: 5, skip: 10 }]
      for (const body of bodies) await c.post(`${base}/${path}`, b, body)
    }
    await c.post('/api/public/getMessages', a, {})
    await c.post('/api/public/getMessages', a, { ...week, userId, tags: tags[0] })
    await c.post('/api/public/getMessages', a, { sessionId: [long.sessionId] })

    // debug logs: the identity forms, channels, dates and zones
    const logs = `/api/1.1/${s.bot.botId}/debuglogs`
    const account = transcript[0]?.accountId as string
    await c.get(`${logs}?identity=${userId}&channelType=${long.channel}`, b)
    await c.get(`${logs}?identity=${userId}&channelType=${long.channel}&fromDate=2026-03-20&toDate=2026-03-30&timezone=Asia/Kolkata&offset=5`, b)
    await c.get(`${logs}?identity=${userId}&fromDate=2026-03-20`, b)
    await c.get(`${logs}?identity=${encodeURIComponent(`${s.builder.clientId}/${userId}`)}&channelType=korevg`, b)
    await c.get(`${logs}?identity=${account}/smartassist/${voice.sessionId}&channelType=smartassist`, b)

    // User Engagement Trend: daily and hourly, with and without filters, in one zone and across a DST change
    for (const aggregation of ['daily', 'hourly']) {
      for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
        for (const filters of ['', '&conversationType=interactive&conversationStatus=closed&channels=rtm,msteams', '&conversationType=non interactive&channels=All']) {
          await c.post(`${base}/v2/userEngagementTrend?aggregation_type=${aggregation}&start_date=2026-03-01&end_date=2026-03-31&timeZoneOffset=${zone}${filters}`, b)
        }
      }
    }
  }
  const s = await koreSession(app, 0)
  await c.get('/api/public/alluserroles', s.adminHeaders)
  await c.get('/api/public/alluserroles?limit=5&skip=2', s.adminHeaders)
}

async function driveChatbot (app: FastifyInstance, c: Client): Promise<void> {
  for (const accountIndex of [0, 1]) {
    const s = await chatbotSession(app, accountIndex)
    const h = s.headers
    const story = s.account.stories[0].id
    const ranges: Record<string, string> = { hour: 'period=last7days', day: 'period=last30days', month: 'from=2025-01-01', year: 'from=2020-1-1', auto: 'period=last3Months' }
    for (const path of ['conversations', 'conversations.paid', 'conversations.messages', 'conversations.avg']) {
      for (const [dimension, range] of Object.entries(ranges)) {
        for (const group of ['', '&group=storyId', '&group=source']) {
          await c.get(`/reports/${path}?${range}&dimension=${dimension}${group}`, h)
        }
      }
      for (const filter of [`storyId=${story}`, 'source=widget&source=messenger', `storyId[]=${story}&source[0]=widget`]) {
        await c.get(`/reports/${path}?period=last30days&${filter}&group=source`, h)
      }
    }
    for (const offset of [0, 120, -300]) {
      await c.get(`/reports/conversations.heatmap?period=last30days&offset=${offset}`, h)
      await c.get(`/reports/conversations.heatmap?from=2026-03-01&to=2026-03-31&offset=${offset}&storyId=${story}&source=widget`, h)
    }
    await c.get('/reports/conversations.interactions?period=last30days', h)
    await c.get(`/reports/conversations.interactions?period=thisYear&storyId=${story}`, h)
  }
}

t.test('no analytics statement passes over all of sessions or messages', async t => {
  const db = seededDb()
  const { prepare, statements } = recordStatements(db)
  // SQL over the raw rows answers when the rollups cannot (off the quarter grid) or are off:
  // driven with them off, every such statement is prepared; the rollup tables are not traffic
  // tables, and the statements that build them (prepared at start) are checked all the same
  const app = await build(t, { db, config: { rollups: false } })
  const c = client(app)
  await driveEva(app, prepare, c)
  await driveKore(app, c)
  await driveChatbot(app, c)
  t.same(c.failures, [], `all ${c.sent()} requests answered 200`)

  const analytics = [...statements].filter(([sql]) => READS.test(sql) && !WRITES.test(sql))
  // PLAN_DUMP=<file>: the statements and the arguments they ran with, to compare plans on other databases (bench/plan-diff.ts)
  if (process.env.PLAN_DUMP !== undefined) writeFileSync(process.env.PLAN_DUMP, JSON.stringify(analytics.map(([sql, args]) => [sql, args ?? dummyArgs(sql)])))
  t.comment(`${statements.size} statements prepared, ${analytics.length} of them analytics (reads of ${TRAFFIC_TABLES.join(', ')})`)
  t.ok(analytics.length >= MIN_STATEMENTS, `at least ${MIN_STATEMENTS} distinct analytics statements were checked (${analytics.length})`)
  for (const [label, shape] of REQUIRED_SHAPES) t.ok(analytics.some(([sql]) => shape.test(sql)), `reached: ${label}`)
  for (const k of KNOWN_SCANS) t.ok(analytics.some(([sql]) => k.match.test(sql)), `known exception still prepared: ${k.todo}`)

  // The plan a statement's structure gets. With STAT4 (better-sqlite3 enables it; seeding runs
  // ANALYZE) the planner reads bound values, so a window covering most of the 42 days of `small`
  // makes a scan the cheaper plan there, and not on `large`. Without the STAT4 samples the plan
  // depends on the statement and the row counts of sqlite_stat1 only, whatever values are bound.
  const generic = new Database(db.serialize())
  t.teardown(() => generic.close())
  generic.exec('DELETE FROM sqlite_stat4; ANALYZE sqlite_schema')
  const explain = generic.prepare.bind(generic) as Prepare

  let scanning = 0
  for (const [sql, args] of analytics) {
    const rows = explain(`EXPLAIN QUERY PLAN ${sql}`).all(...(args ?? dummyArgs(sql))) as PlanRow[]
    const scans = fullScans(rows, tableNames(sql))
    const known = KNOWN_SCANS.find(k => k.match.test(sql))
    if (scans.length > 0) {
      scanning++
      t.comment(`full scan in:\n${oneLine(sql)}\nwith the plan:\n${render(rows)}`)
    }
    t.same(scans, [], `no full scan: ${oneLine(sql).slice(0, 160)}`, known === undefined ? {} : { todo: known.todo })
  }
  t.comment(`${analytics.length - scanning} of ${analytics.length} analytics statements read the traffic tables through indexes only`)
})
