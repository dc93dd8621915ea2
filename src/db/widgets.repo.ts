/** Kore custom dashboard widgets: lookups by name, and each widget's query run in SQL over one window. */
import type Database from 'better-sqlite3'
import type { WidgetColumn, WidgetDataset, WidgetDefinition, WidgetQuery } from '../../seeds/kore-dashboards.js'
import { createStatementCache } from './statements.js'

export interface WidgetRow {
  id: number
  extId: string
  name: string
  type: string
  dataset: WidgetDataset
  definition: WidgetDefinition
}

/**
 * Custom filters resolved to bound values (built by routes/kore/widget-filters.ts). Every list
 * is a set of accepted values (AND across fields, OR within one); `none` when some filter
 * can match nothing; `sessionFields` when a Sessions-dataset field is used.
 */
export interface SessionFilter {
  none: boolean
  sessionFields: boolean
  newUser?: 0 | 1
  status?: string[]
  interactive?: number[]
  channelIds?: number[]
  languages?: string[]
  containment?: string[]
  userIds?: string[]
  userNames?: string[]
  codes?: string[]
  tsFrom?: number
  tsTo?: number
}

export type WidgetCell = string | number | null
export interface WidgetRun { botId: number, start: number, end: number, limit: number, filter: SessionFilter }

/** Per dataset: its FROM clause, its time column, the record id, the user column and the columns it can select. */
interface Source { from: string, time: string, rid: string, user: string, columns: Partial<Record<WidgetColumn, string>> }

const utcDate = (t: string): string => `strftime('%Y-%m-%d', ${t} / 1000, 'unixepoch')`
const utcHour = (t: string): string => `((${t} / 3600000) % 24)`
/** ISO-8601 with milliseconds, as Kore writes instants. */
const utcIso = (t: string): string =>
  `strftime('%Y-%m-%dT%H:%M:%S', ${t} / 1000, 'unixepoch') || '.' || printf('%03d', ${t} % 1000) || 'Z'`
const common = (t: string): Partial<Record<WidgetColumn, string>> => ({ channel: 'c.ext_id', date: utcDate(t), hour: utcHour(t) })

const SESSION_FILTER_SQL = `AND @f_none = 0
  AND (@f_new IS NULL OR s.is_new_user = @f_new)
  AND (@f_status IS NULL OR s.status IN (SELECT value FROM json_each(@f_status)))
  AND (@f_interactive IS NULL OR s.interactive IN (SELECT value FROM json_each(@f_interactive)))
  AND (@f_channels IS NULL OR s.channel_id IN (SELECT value FROM json_each(@f_channels)))
  AND (@f_languages IS NULL OR lower(s.language) IN (SELECT value FROM json_each(@f_languages)))
  AND (@f_containment IS NULL OR s.containment IN (SELECT value FROM json_each(@f_containment)))
  AND (@f_users IS NULL OR s.user_id IN (SELECT id FROM users WHERE bot_id = @bot AND ext_id IN (SELECT value FROM json_each(@f_users))))
  AND (@f_usernames IS NULL OR s.user_id IN (SELECT id FROM users WHERE bot_id = @bot AND name IN (SELECT value FROM json_each(@f_usernames))))
  AND (@f_codes IS NULL OR s.code IN (SELECT value FROM json_each(@f_codes)))
  AND (@f_ts_from IS NULL OR s.started_ms >= @f_ts_from)
  AND (@f_ts_to IS NULL OR s.started_ms <= @f_ts_to)`

/** Messages and Analytics records take only the user-type filter, through their session. */
const userTypeFilterSql = (sessionCol: string): string =>
  `AND @f_none = 0 AND (@f_new IS NULL OR (SELECT is_new_user FROM sessions WHERE id = ${sessionCol}) = @f_new)`

/**
 * Analytics records, one per event, as Kore's getAnalytics types them: a user message with an
 * intent is a success intent; one without is a failed intent ("intent not found"), or an
 * unhandled utterance when an intent was already found earlier in the session (mid-task);
 * each flow a session travelled is a task, successful when the session was self-served.
 */
const ANALYTICS_EVENTS = `(
  SELECT 'successintents' AS metricType, m.ts_ms AS ts, 0 AS src, m.id AS rid, m.session_id AS sid, m.channel_id AS cid, m.user_id AS uid
    FROM messages m WHERE m.bot_id = @bot AND m.direction = 0 AND m.ts_ms >= @start AND m.ts_ms < @end AND m.intent_id IS NOT NULL
  UNION ALL
  SELECT CASE WHEN EXISTS (SELECT 1 FROM messages p WHERE p.session_id = m.session_id AND p.seq < m.seq AND p.direction = 0
      AND p.intent_id IS NOT NULL) THEN 'unhandledutterances' ELSE 'failedintents' END,
    m.ts_ms, 0, m.id, m.session_id, m.channel_id, m.user_id
    FROM messages m WHERE m.bot_id = @bot AND m.direction = 0 AND m.ts_ms >= @start AND m.ts_ms < @end AND m.intent_id IS NULL
  UNION ALL
  SELECT CASE WHEN s.containment = 'selfService' THEN 'successtasks' ELSE 'failedtasks' END,
    sf.started_ms, 1, sf.session_id * 64 + sf.ord, sf.session_id, sf.channel_id, s.user_id
    FROM session_flows sf JOIN sessions s ON s.id = sf.session_id
    WHERE sf.bot_id = @bot AND sf.started_ms >= @start AND sf.started_ms < @end
) e`

const SOURCES: Record<WidgetDataset, Source & { where: string, filter: string }> = {
  Sessions: {
    from: 'sessions s JOIN channels c ON c.id = s.channel_id',
    where: 's.bot_id = @bot AND s.started_ms >= @start AND s.started_ms < @end',
    filter: SESSION_FILTER_SQL,
    time: 's.started_ms',
    rid: 's.id',
    user: 's.user_id',
    columns: {
      ...common('s.started_ms'),
      containment_type: 's.containment',
      sessiontype: "CASE WHEN s.interactive = 1 THEN 'Interactive' ELSE 'Non-interactive' END",
      sessionstatus: 's.status',
      language: 's.language',
      userType: "CASE WHEN s.is_new_user = 1 THEN 'newuser' ELSE 'returninguser' END",
      sessionId: 's.code',
      userId: '(SELECT ext_id FROM users WHERE id = s.user_id)',
      start_time: utcIso('s.started_ms')
    }
  },
  Messages: {
    from: 'messages m JOIN channels c ON c.id = m.channel_id LEFT JOIN intents i ON i.id = m.intent_id',
    where: 'm.bot_id = @bot AND m.ts_ms >= @start AND m.ts_ms < @end',
    filter: userTypeFilterSql('m.session_id'),
    time: 'm.ts_ms',
    rid: 'm.id',
    user: 'm.user_id',
    columns: {
      ...common('m.ts_ms'),
      intent: 'i.name',
      type: "CASE WHEN m.direction = 0 THEN 'incoming' ELSE 'outgoing' END"
    }
  },
  Analytics: {
    from: `${ANALYTICS_EVENTS} JOIN channels c ON c.id = e.cid`,
    where: '1 = 1',
    filter: userTypeFilterSql('e.sid'),
    time: 'e.ts',
    rid: 'e.src, e.rid',
    user: 'e.uid',
    columns: { ...common('e.ts'), metricType: 'e.metricType' }
  }
}

const WHERE_SQL: Record<NonNullable<WidgetQuery['where']>, string> = {
  incoming: 'AND m.direction = 0',
  identified: 'AND m.direction = 0 AND m.intent_id IS NOT NULL'
}

const ALIAS = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The SELECT for a widget's query, from the constant fragments above only (no definition text). */
function buildSql (dataset: WidgetDataset, q: WidgetQuery): string {
  const src = SOURCES[dataset]
  const cols = q.columns.map(c => {
    const expr = src.columns[c]
    if (expr === undefined) throw new Error(`widget column ${c} is not in the ${dataset} dataset`)
    return `${expr} AS "${c}"`
  })
  if (q.where !== undefined && dataset !== 'Messages') throw new Error(`widget restriction ${q.where} needs the Messages dataset`)
  const where = `WHERE ${src.where} ${q.where === undefined ? '' : WHERE_SQL[q.where]} ${src.filter}`
  const positions = q.columns.map((_, i) => String(i + 1))
  if (q.measure === undefined) {
    return `SELECT ${cols.join(', ')} FROM ${src.from} ${where} ORDER BY ${src.time}, ${src.rid} LIMIT @limit`
  }
  if (!ALIAS.test(q.measure.alias)) throw new Error(`bad widget alias ${q.measure.alias}`)
  const agg = q.measure.fn === 'count' ? 'COUNT(*)' : `COUNT(DISTINCT ${src.user})`
  const select = [...cols, `${agg} AS "${q.measure.alias}"`].join(', ')
  const group = positions.length === 0 ? '' : `GROUP BY ${positions.join(', ')}`
  const order = q.order === 'measureDesc'
    ? [`${positions.length + 1} DESC`, ...positions]
    : positions
  return `SELECT ${select} FROM ${src.from} ${where} ${group} ${order.length === 0 ? '' : `ORDER BY ${order.join(', ')}`} LIMIT @limit`
}

const json = (v: unknown[] | undefined): string | null => v === undefined ? null : JSON.stringify(v)

function bindFilter (f: SessionFilter): Record<string, unknown> {
  return {
    f_none: f.none ? 1 : 0,
    f_new: f.newUser ?? null,
    f_status: json(f.status),
    f_interactive: json(f.interactive),
    f_channels: json(f.channelIds),
    f_languages: json(f.languages),
    f_containment: json(f.containment),
    f_users: json(f.userIds),
    f_usernames: json(f.userNames),
    f_codes: json(f.codes),
    f_ts_from: f.tsFrom ?? null,
    f_ts_to: f.tsTo ?? null
  }
}

export function createWidgetsRepository (db: Database.Database) {
  const stmt = createStatementCache(db)
  const dashboardByName = db.prepare<[number, string], { id: number }>('SELECT id FROM dashboards WHERE bot_id = ? AND name = ?')
  const widgetByName = db.prepare<[number, string], Omit<WidgetRow, 'definition'> & { definition: string }>(`SELECT id,
    ext_id AS extId, name, type, dataset, definition FROM widgets WHERE dashboard_id = ? AND name = ?`)

  return {
    dashboardId (botId: number, name: string): number | undefined {
      return dashboardByName.get(botId, name)?.id
    },

    widget (dashboardId: number, name: string): WidgetRow | undefined {
      const row = widgetByName.get(dashboardId, name)
      return row === undefined ? undefined : { ...row, definition: JSON.parse(row.definition) as WidgetDefinition }
    },

    /**
     * The widget's rows in [start, end). Sessions-dataset filters do not fit the Messages
     * and Analytics datasets: such a widget returns no data, as the dashboard does [D].
     */
    run (widget: WidgetRow, r: WidgetRun): Array<Record<string, WidgetCell>> {
      if (widget.dataset !== 'Sessions' && r.filter.sessionFields) return []
      const q = widget.definition.query
      const key = `${widget.dataset}|${JSON.stringify(q)}`
      const s = stmt(key, () => buildSql(widget.dataset, q))
      return s.all({ bot: r.botId, start: r.start, end: r.end, limit: r.limit, ...bindFilter(r.filter) }) as Array<Record<string, WidgetCell>>
    }
  }
}

export type WidgetsRepository = ReturnType<typeof createWidgetsRepository>
