/** Kore User Engagement Trend v2 models (K17): the query and the summary/trends/filters answer. */
import { Type, type TInteger, type TOptional } from '@sinclair/typebox'
import { ref } from '../common.js'

export const KoreUetParamsSchema = Type.Object({
  streamId: Type.String({ maxLength: 200, description: 'App ID or Stream ID (st-…)' })
})

export const KoreUetQuerySchema = Type.Object({
  aggregation_type: Type.Optional(Type.String({ maxLength: 20, description: 'daily | hourly (any case); default hourly [S]' })),
  start_date: Type.String({ maxLength: 40, description: 'First local day, YYYY-MM-DD [S]' }),
  end_date: Type.String({ maxLength: 40, description: 'Last local day, inclusive, YYYY-MM-DD [S]' }),
  conversationType: Type.Optional(Type.String({ maxLength: 40, description: 'All | Interactive | Non Interactive (any case); default All [S]' })),
  conversationStatus: Type.Optional(Type.String({ maxLength: 40, description: 'All | Active | Closed (any case); default All [S]' })),
  channels: Type.Optional(Type.String({ maxLength: 2000, description: 'Comma-separated Kore channels (rtm, msteams, …); default All [S]' })),
  timeZoneOffset: Type.Optional(Type.String({ maxLength: 64, description: 'IANA zone (Asia/Kolkata) or fixed offset; default UTC [S]' }))
})

/** "0 - 1" … "23 - 0": the hourly buckets of a day [D]. */
export const HOUR_KEYS: readonly string[] = Array.from({ length: 24 }, (_, h) => `${h} - ${(h + 1) % 24}`)

const hourProps: Record<string, TOptional<TInteger>> = {}
for (const k of HOUR_KEYS) hourProps[k] = Type.Optional(Type.Integer({ minimum: 0 }))

export const KoreUetDataPointSchema = Type.Object({
  date: Type.String({ description: 'The local day, MMM DD YYYY' }),
  users: Type.Optional(Type.Integer({ minimum: 0, description: 'The count for the day; daily aggregation only' })),
  ...hourProps
}, { $id: 'KoreUetDataPoint', additionalProperties: false, description: 'Daily: {date, users}; hourly: {date, "0 - 1" … "23 - 0"}' })

export const KoreUetTrendSchema = Type.Object({
  dataPoints: Type.Array(ref(KoreUetDataPointSchema), { description: 'One point per day of the range, zeros included' })
}, { $id: 'KoreUetTrend' })

export const KoreUetSummarySchema = Type.Object({
  uniqueUsers: Type.Integer({ minimum: 0, description: 'Distinct users with a matching session in the period' }),
  newUsers: Type.Integer({ minimum: 0, description: 'Users whose first-ever session matched and started in the period' }),
  returningUsers: Type.Integer({ minimum: 0, description: 'uniqueUsers − newUsers' }),
  avgUniqueUsersPerDay: Type.Number({ description: 'uniqueUsers ÷ days, 2 decimals [I]' }),
  avgNewUsersPerDay: Type.Number({ description: 'newUsers ÷ days, 2 decimals [I]' }),
  avgReturningUsersPerDay: Type.Number({ description: 'returningUsers ÷ days, 2 decimals [I]' })
}, { $id: 'KoreUetSummary' })

export const KoreUetFiltersSchema = Type.Object({
  start: Type.String({ description: 'MMM DD YYYY' }),
  end: Type.String({ description: 'MMM DD YYYY' }),
  conversationType: Type.String({ description: 'all | interactive | non interactive' }),
  conversationStatus: Type.String({ description: 'all | active | closed' }),
  aggregationType: Type.String({ description: 'daily | hourly' }),
  dataPointsCount: Type.Integer({ minimum: 1, description: 'Number of days (one data point per day, also when hourly)' })
}, { $id: 'KoreUetFilters' })

export const KoreUserEngagementTrendSchema = Type.Object({
  summary: ref(KoreUetSummarySchema),
  uniqueUsersTrend: ref(KoreUetTrendSchema),
  newUsersTrend: ref(KoreUetTrendSchema),
  returningUsersTrend: ref(KoreUetTrendSchema),
  filters: ref(KoreUetFiltersSchema)
}, { $id: 'KoreUserEngagementTrend', description: 'User Engagement Trend v2 (kore.md §10)' })
