/** Kore custom dashboard widget models (K1, K2): the query, the customFilters body and the echoed widget. */
import { Type } from '@sinclair/typebox'
import { ref } from '../common.js'

export const KoreWidgetParamsSchema = Type.Object({
  botId: Type.String({ maxLength: 200, description: 'Bot ID or Stream ID (st-…)' }),
  dashboardName: Type.String({ minLength: 1, maxLength: 200, description: 'Name of the custom dashboard (URL-encoded)' }),
  widgetName: Type.String({ minLength: 1, maxLength: 200, description: 'Name of the widget in that dashboard (URL-encoded)' })
})

export const KoreWidgetQuerySchema = Type.Object({
  startDate: Type.String({ maxLength: 40, description: 'First UTC day, inclusive: YYYY-MM-DD [S]' }),
  endDate: Type.String({ maxLength: 40, description: 'Last UTC day, inclusive: YYYY-MM-DD [S]' }),
  limit: Type.Optional(Type.Integer({
    minimum: -1,
    maximum: 50,
    description: 'Rows to return, 1–50 [S]; default 50; -1 (older docs) means the maximum, 50 [I]'
  }))
})

export const KoreCustomFilterSchema = Type.Object({
  filterSource: Type.String({ minLength: 1, maxLength: 100, description: '"userType" (with fieldName "user"), or any dataset source for a Sessions field [I]' }),
  fieldName: Type.String({ minLength: 1, maxLength: 100, description: 'Sessions field (case-sensitive): sessionstatus, sessiontype, channel, language, containment_type, userId, username, sessionid, streamid, isdeveloper, date, timestampvalue' }),
  values: Type.Array(Type.Union([Type.Null(), Type.String({ maxLength: 200 }), Type.Number()]), {
    minItems: 1,
    maxItems: 100,
    description: 'Accepted values (any of them matches); [from, to] for date (mm-dd-yyyy) and timestampvalue (epoch ms), null for an open end'
  })
}, { $id: 'KoreCustomFilter' })

export const KoreWidgetBodySchema = Type.Object({
  customFilters: Type.Array(ref(KoreCustomFilterSchema), { maxItems: 5, description: 'At most 5 dashboard filters [D]; all must match' })
})

export const KoreWidgetFieldSchema = Type.Object({
  fieldName: Type.String(),
  displayName: Type.String(),
  type: Type.String({ description: 'string, number or date' }),
  aggregation: Type.Optional(Type.String({ description: 'metrics only: count or distinctCount' }))
}, { $id: 'KoreWidgetField' })

export const KoreWidgetSqlQuerySchema = Type.Object({
  dataSet: Type.Union([Type.Literal('Analytics'), Type.Literal('Sessions'), Type.Literal('Messages')]),
  select: Type.String({ description: 'The widget query\'s select clause, e.g. "metricType" or "channel, count(sessionId) as sessions"' }),
  startDate: Type.String({ description: 'Start of the window: startDate at 00:00 UTC, ISO-8601' }),
  endDate: Type.String({ description: 'End of the window, exclusive: the day after endDate at 00:00 UTC, ISO-8601 [I]' }),
  botId: Type.String(),
  filter: Type.Optional(Type.String({ description: 'The widget\'s own Filter-By clause, when it has one' })),
  groupBy: Type.Optional(Type.String()),
  sortBy: Type.Optional(Type.String())
}, { $id: 'KoreWidgetSqlQuery' })

export const KoreWidgetQueryResponseSchema = Type.Object({
  metaData: Type.Record(Type.String(), Type.String(), { description: 'Type of each column: string, number or date' }),
  queryResponse: Type.Array(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
    { description: 'Flat rows keyed by column name or alias' }
  )
}, { $id: 'KoreWidgetQueryResponse' })

export const KoreWidgetSchema = Type.Object({
  _id: Type.String({ description: 'Widget id, wg-…' }),
  overlay: Type.Array(Type.Unknown()),
  name: Type.String(),
  type: Type.String({ description: 'Chart type: table, bar, line, pie, donut, label' }),
  sqlQuery: ref(KoreWidgetSqlQuerySchema),
  dimensions: Type.Array(ref(KoreWidgetFieldSchema)),
  metrics: Type.Array(ref(KoreWidgetFieldSchema)),
  row: Type.Array(Type.Unknown()),
  properties: Type.Record(Type.String(), Type.Unknown()),
  queryResponse: ref(KoreWidgetQueryResponseSchema)
}, { $id: 'KoreWidget', description: 'The widget definition echoed with its query results (kore.md §1)' })
