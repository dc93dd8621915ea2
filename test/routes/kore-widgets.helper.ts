/** Shared by the kore-widgets tests: widget URLs and the seeded widgets of a bot, read from the test database. */
import type { FastifyInstance } from 'fastify'
import type { WidgetDefinition } from '../../seeds/kore-dashboards.js'

export const url = (botId: string, dashboard: string, widget: string, q: string) =>
  `/api/public/bot/${botId}/dashboard/${encodeURIComponent(dashboard)}/widget/${encodeURIComponent(widget)}?${q}`

export interface WidgetInfo { dashboard: string, name: string, dataset: string, def: WidgetDefinition }

export function widgetsOf (app: FastifyInstance, botExtId: string): WidgetInfo[] {
  return (app.db.prepare(`SELECT d.name AS dashboard, w.name, w.dataset, w.definition FROM widgets w
    JOIN dashboards d ON d.id = w.dashboard_id JOIN bots b ON b.id = d.bot_id WHERE b.ext_id = ? ORDER BY w.id`)
    .all(botExtId) as Array<Omit<WidgetInfo, 'def'> & { definition: string }>).map(w => ({ ...w, def: JSON.parse(w.definition) }))
}

/** The bot's widget over `columns` of `dataset`, grouped (measured) or one row per record. */
export function find (ws: WidgetInfo[], dataset: string, columns: string[], measured: boolean): WidgetInfo {
  const w = ws.find(w => w.dataset === dataset && w.def.query.columns.join() === columns.join() && (w.def.query.measure !== undefined) === measured)
  if (w === undefined) throw new Error(`no ${dataset} widget over ${columns.join()}`)
  return w
}
