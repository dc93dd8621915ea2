/** Kore custom dashboards and their widgets per Kore bot: names, chart types and query definitions. */
import type { Database } from 'better-sqlite3'
import { uuid } from './ids.js'
import { Rng } from './prng.js'

export type WidgetDataset = 'Analytics' | 'Sessions' | 'Messages'

/** Columns a widget may select or group by; src/db/widgets.repo.ts maps each to SQL per dataset. */
export type WidgetColumn =
  | 'channel' | 'date' | 'hour' | 'containment_type' | 'sessiontype' | 'sessionstatus' | 'language'
  | 'userType' | 'sessionId' | 'userId' | 'start_time' | 'intent' | 'type' | 'metricType'

/** Fixed restrictions a widget's query may carry (Messages: which messages count). */
export type WidgetWhere = 'incoming' | 'identified'

/**
 * The machine-readable part of a widget definition. Without `measure` the widget lists
 * one row per record (the seed's Analytics sample); with it, rows are groups of `columns`.
 */
export interface WidgetQuery {
  columns: WidgetColumn[]
  measure?: { fn: 'count' | 'distinctUsers', alias: string }
  where?: WidgetWhere
  order: 'measureDesc' | 'columnsAsc' | 'time'
}

export interface WidgetField { fieldName: string, displayName: string, type: string }

/** What widgets.definition holds (JSON): the Kore query text that is echoed, and the query run. */
export interface WidgetDefinition {
  select: string
  groupBy?: string
  sortBy?: string
  filter?: string
  query: WidgetQuery
  dimensions: WidgetField[]
  metrics: Array<WidgetField & { aggregation: string }>
  row: unknown[]
  properties: Record<string, unknown>
  overlay: unknown[]
}

interface Template { name: string, type: string, dataset: WidgetDataset, query: WidgetQuery, properties?: Record<string, unknown> }

const FIELDS: Record<WidgetColumn, [string, string]> = {
  channel: ['Channel', 'string'],
  date: ['Date', 'date'],
  hour: ['Hour of Day (UTC)', 'number'],
  containment_type: ['Containment Type', 'string'],
  sessiontype: ['Session Type', 'string'],
  sessionstatus: ['Session Status', 'string'],
  language: ['Language', 'string'],
  userType: ['User Type', 'string'],
  sessionId: ['Session Id', 'string'],
  userId: ['User Id', 'string'],
  start_time: ['Start Time', 'date'],
  intent: ['Intent', 'string'],
  type: ['Message Type', 'string'],
  metricType: ['metricType', 'string']
}

/** The record each dataset counts, as Kore's query language names it. */
const COUNTED: Record<WidgetDataset, string> = { Sessions: 'sessionId', Messages: 'messageId', Analytics: 'metricType' }
const WHERE_TEXT: Record<WidgetWhere, string> = { incoming: "type = 'incoming'", identified: "type = 'incoming' and intent != null" }

const count = (alias: string) => ({ fn: 'count' as const, alias })
const t = (name: string, type: string, dataset: WidgetDataset, query: WidgetQuery, properties?: Record<string, unknown>): Template =>
  ({ name, type, dataset, query, properties })

const S_TOTAL = t('Total Sessions', 'label', 'Sessions', { columns: [], measure: count('sessions'), order: 'columnsAsc' })
const S_CHANNEL = t('Sessions by Channel', 'bar', 'Sessions', { columns: ['channel'], measure: count('sessions'), order: 'measureDesc' })
const S_DAILY = t('Daily Sessions', 'line', 'Sessions', { columns: ['date'], measure: count('sessions'), order: 'columnsAsc' })
const S_CONTAINMENT = t('Containment Split', 'pie', 'Sessions', { columns: ['containment_type'], measure: count('sessions'), order: 'measureDesc' })
const S_TYPES = t('Interactive vs Non-interactive', 'donut', 'Sessions', { columns: ['sessiontype'], measure: count('sessions'), order: 'measureDesc' })
const S_STATUS = t('Session Status', 'pie', 'Sessions', { columns: ['sessionstatus'], measure: count('sessions'), order: 'measureDesc' })
const S_USERTYPE = t('New vs Returning Sessions', 'pie', 'Sessions', { columns: ['userType'], measure: count('sessions'), order: 'measureDesc' })
const S_CONT_CHANNEL = t('Containment by Channel', 'bar', 'Sessions',
  { columns: ['channel', 'containment_type'], measure: count('sessions'), order: 'columnsAsc' }, { stacked: true })
const S_DAILY_USERS = t('Daily Unique Users', 'line', 'Sessions', { columns: ['date'], measure: { fn: 'distinctUsers', alias: 'users' }, order: 'columnsAsc' })
const S_LANGUAGE = t('Sessions by Language', 'table', 'Sessions', { columns: ['language'], measure: count('sessions'), order: 'measureDesc' })
const S_HOURS = t('Busiest Hours (UTC)', 'bar', 'Sessions', { columns: ['hour'], measure: count('sessions'), order: 'columnsAsc' })
const S_LOG = t('Session Log', 'table', 'Sessions', { columns: ['start_time', 'sessionId', 'userId', 'channel', 'containment_type'], order: 'time' })
const M_INTENTS = t('Top Intents', 'bar', 'Messages',
  { columns: ['intent'], measure: count('messages'), where: 'identified', order: 'measureDesc' }, { orientation: 'horizontal' })
const M_DAILY = t('Daily User Messages', 'line', 'Messages', { columns: ['date'], measure: count('messages'), where: 'incoming', order: 'columnsAsc' })
const M_CHANNEL = t('Messages by Channel', 'bar', 'Messages', { columns: ['channel', 'type'], measure: count('messages'), order: 'columnsAsc' }, { stacked: true })
const A_EVENTS = t('Intent Outcomes', 'table', 'Analytics', { columns: ['metricType'], order: 'time' })
const A_SUMMARY = t('Outcome Summary', 'pie', 'Analytics', { columns: ['metricType'], measure: count('events'), order: 'measureDesc' })

/** The Kore query text shown in sqlQuery, and the chart's dimensions and metrics, from the query. */
function definitionOf (tpl: Template): WidgetDefinition {
  const { query, dataset } = tpl
  const m = query.measure
  const counted = COUNTED[dataset]
  const measureText = m === undefined ? null : m.fn === 'distinctUsers' ? `count(distinct userId) as ${m.alias}` : `count(${counted}) as ${m.alias}`
  const def: WidgetDefinition = {
    select: [...query.columns, ...(measureText === null ? [] : [measureText])].join(', '),
    query,
    dimensions: query.columns.map(c => ({ fieldName: c, displayName: FIELDS[c][0], type: FIELDS[c][1] })),
    metrics: m === undefined
      ? []
      : [{ fieldName: m.alias, displayName: m.alias[0].toUpperCase() + m.alias.slice(1), type: 'number', aggregation: m.fn === 'count' ? 'count' : 'distinctCount' }],
    row: [],
    properties: { chartType: tpl.type, ...tpl.properties },
    overlay: []
  }
  if (m !== undefined && query.columns.length > 0) def.groupBy = query.columns.join(', ')
  if (query.where !== undefined) def.filter = WHERE_TEXT[query.where]
  if (m !== undefined && query.order === 'measureDesc') def.sortBy = `${m.alias} desc`
  else if (query.order === 'columnsAsc' && query.columns.length > 0) def.sortBy = `${query.columns.join(', ')} asc`
  return def
}

/** `k` of `items` (at least `min`, at most all), keeping their catalogue order. */
function pickSome<T> (rng: Rng, items: readonly T[], min: number, max: number): T[] {
  const k = rng.int(min, Math.min(max, items.length))
  const chosen = new Set(rng.shuffle(items.map((_, i) => i)).slice(0, k))
  return items.filter((_, i) => chosen.has(i))
}

/**
 * Every Kore bot gets "Support Overview" and "Containment"; most also get "User Engagement".
 * The first two always hold the widgets clients and tests rely on (sessions per channel,
 * per day and per containment type, user messages per intent, the seed-like Analytics table).
 */
function dashboardsFor (rng: Rng): Array<{ name: string, widgets: Template[] }> {
  const out = [
    { name: 'Support Overview', widgets: [...(rng.chance(0.5) ? [S_TOTAL] : []), S_CHANNEL, S_DAILY, M_INTENTS, A_EVENTS] },
    { name: 'Containment', widgets: [S_CONTAINMENT, ...pickSome(rng, [S_TYPES, S_STATUS, S_CONT_CHANNEL, A_SUMMARY, S_USERTYPE], 2, 4)] }
  ]
  if (rng.chance(0.67)) {
    out.push({ name: 'User Engagement', widgets: pickSome(rng, [S_DAILY_USERS, S_USERTYPE, M_DAILY, M_CHANNEL, S_LANGUAGE, S_HOURS, S_LOG], 3, 6) })
  }
  return out
}

/** Writes `dashboards` and `widgets` for every Kore bot (reads `bots`, written before). */
export function seedKoreDashboards (db: Database, seed: number): void {
  const bots = db.prepare("SELECT id FROM bots WHERE vendor = 'kore' ORDER BY id").all() as Array<{ id: number }>
  const insertDashboard = db.prepare('INSERT INTO dashboards (id, bot_id, ext_id, name) VALUES (?, ?, ?, ?)')
  const insertWidget = db.prepare('INSERT INTO widgets (id, dashboard_id, ext_id, name, type, dataset, definition) VALUES (?, ?, ?, ?, ?, ?, ?)')
  let dashboardId = 0
  let widgetId = 0
  for (const bot of bots) {
    // one stream per bot: adding a bot never changes another bot's dashboards
    const rng = new Rng(seed, `kore-dashboards/${bot.id}`)
    for (const d of dashboardsFor(rng)) {
      insertDashboard.run(++dashboardId, bot.id, `dsh-${uuid(rng)}`, d.name)
      for (const w of d.widgets) {
        insertWidget.run(++widgetId, dashboardId, `wg-${uuid(rng)}`, w.name, w.type, w.dataset, JSON.stringify(definitionOf(w)))
      }
    }
  }
}
