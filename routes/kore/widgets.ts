/** K1, K2: a custom dashboard widget's definition echoed with its rows over startDate..endDate (UTC days). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { parseCivilDate } from '../../src/engine/calendar.js'
import { calendarWindow } from '../../src/engine/window.js'
import { createWidgetsRepository, type SessionFilter } from '../../src/db/widgets.repo.js'
import { BadRequestError } from '../../src/errors.js'
import { ref } from '../../schemas/common.js'
import { KoreWidgetBodySchema, KoreWidgetParamsSchema, KoreWidgetQuerySchema, KoreWidgetSchema } from '../../schemas/kore/widgets.js'
import { koreBotOf, type KoreRouteConfig } from './access.js'
import { koreErrors } from './errors.js'
import { resolveCustomFilters } from './widget-filters.js'

/** The seed: "Maximum is 50"; also the default, as no smaller one is documented [I]. */
const MAX_LIMIT = 50
/** The custom dashboard UI's longest range [D]; the API is assumed to share it [I]. */
const MAX_RANGE_DAYS = 90
const DATE = /^\d{4}-\d{2}-\d{2}$/

const KORE: KoreRouteConfig = { apps: ['builder', 'admin'], scope: 'Custom Reports', botParam: 'botId', rateKey: 'bot' }
const PATH = '/public/bot/:botId/dashboard/:dashboardName/widget/:widgetName'

function day (name: string, value: string): number {
  const d = DATE.test(value) ? parseCivilDate(value) : null
  if (d === null) throw new BadRequestError(`Invalid ${name}: "${value}", expected YYYY-MM-DD`)
  return d
}

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const repo = createWidgetsRepository(app.db)
  const { catalog } = app.repos

  type Query = { startDate: string, endDate: string, limit?: number }
  type Params = { botId: string, dashboardName: string, widgetName: string }

  function answer (request: FastifyRequest, params: Params, query: Query, filter: SessionFilter) {
    const bot = koreBotOf(request)
    const first = day('startDate', query.startDate)
    const last = day('endDate', query.endDate)
    if (last < first) throw new BadRequestError('startDate must not be after endDate')
    if (last - first + 1 > MAX_RANGE_DAYS) throw new BadRequestError(`The date range must not exceed ${MAX_RANGE_DAYS} days`)
    if (query.limit === 0) throw new BadRequestError(`limit must be between 1 and ${MAX_LIMIT}, or -1`)
    const limit = query.limit === undefined || query.limit === -1 ? MAX_LIMIT : query.limit

    const dashboardId = repo.dashboardId(bot.id, params.dashboardName)
    if (dashboardId === undefined) throw new BadRequestError('Dashboard not found')
    const widget = repo.widget(dashboardId, params.widgetName)
    if (widget === undefined) throw new BadRequestError('Widget not found')

    const w = calendarWindow('UTC', first, last)
    const rows = repo.run(widget, { botId: bot.id, start: w.start, end: w.end, limit, filter })
    const def = widget.definition
    const metaData: Record<string, string> = {}
    for (const f of [...def.dimensions, ...def.metrics]) metaData[f.fieldName] = f.type
    return {
      _id: widget.extId,
      overlay: def.overlay,
      name: widget.name,
      type: widget.type,
      sqlQuery: {
        dataSet: widget.dataset,
        select: def.select,
        startDate: new Date(w.start).toISOString(),
        endDate: new Date(w.end).toISOString(),
        botId: bot.extId,
        ...(def.filter === undefined ? {} : { filter: def.filter }),
        ...(def.groupBy === undefined ? {} : { groupBy: def.groupBy }),
        ...(def.sortBy === undefined ? {} : { sortBy: def.sortBy })
      },
      dimensions: def.dimensions,
      metrics: def.metrics,
      row: def.row,
      properties: def.properties,
      queryResponse: { metaData, queryResponse: rows }
    }
  }

  const schema = (method: 'Get' | 'Post', summary: string, errors: number[]) => ({
    tags: ['kore'],
    operationId: `kore${method}DashboardWidget`,
    summary,
    params: KoreWidgetParamsSchema,
    querystring: KoreWidgetQuerySchema,
    response: { 200: ref(KoreWidgetSchema), ...koreErrors(...errors) }
  })

  app.get(PATH, {
    config: { kore: KORE },
    schema: schema('Get', 'Custom dashboard widget data (K1)', [400, 401, 429])
  }, async (request) => answer(request, request.params, request.query, { none: false, sessionFields: false }))

  app.post(PATH, {
    config: { kore: KORE },
    schema: { ...schema('Post', 'Custom dashboard widget data with customFilters (K2)', [400, 401, 412, 429]), body: KoreWidgetBodySchema }
  }, async (request) => {
    const bot = koreBotOf(request)
    const filter = resolveCustomFilters(request.body.customFilters, bot, catalog.channelsOf(bot.id))
    return answer(request, request.params, request.query, filter)
  })
}

export default plugin
