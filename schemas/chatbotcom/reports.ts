/** ChatBot.com Reports models (C1–C6). JSON casing: camelCase as ChatBot.com sends it. */
import { Type } from '@sinclair/typebox'
import { ref } from '../common.js'

export const CHATBOTCOM_PERIODS = ['today', 'yesterday', 'last7days', 'last30days', 'thisMonth', 'lastMonth', 'last3Months', 'thisYear', 'lastYear'] as const
export const CHATBOTCOM_DIMENSIONS = ['auto', 'year', 'month', 'day', 'hour'] as const
export const CHATBOTCOM_SOURCES = ['messenger', 'livechat', 'livechat3', 'slack', 'widget', 'app', 'custom'] as const

/** A string enum (`enum`, not `anyOf` of constants), so a bad value is reported with the allowed list. */
const literals = <T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description })

/** `source` and `storyId` come as one value or several (`source=a&source=b`, `source[]=a`). */
const many = (description: string) => Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50, description })

const Range = {
  from: Type.Optional(Type.String({ maxLength: 40, description: 'Start: YYYY-MM-DD, YYYY-M-D, ISO-8601 or epoch ms; overrides period' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'End, inclusive (a bare date covers its whole day); overrides period' })),
  period: Type.Optional(literals(CHATBOTCOM_PERIODS, 'Named range, resolved against the sandbox clock; default last30days'))
}

export const ChatbotSeriesQuerySchema = Type.Object({
  ...Range,
  dimension: Type.Optional(literals(CHATBOTCOM_DIMENSIONS, 'Bucket size; default day')),
  group: Type.Optional(literals(['storyId', 'source'] as const, 'Split the series by story or source')),
  source: Type.Optional(many('Sources to include')),
  'source[]': Type.Optional(many('Array form of source')),
  storyId: Type.Optional(many('Stories (24 hex) to include')),
  'storyId[]': Type.Optional(many('Array form of storyId'))
})

export const ChatbotHeatmapQuerySchema = Type.Object({
  ...Range,
  offset: Type.Integer({ minimum: -720, maximum: 720, default: 0, description: 'Minutes added to UTC before bucketing (120 = UTC+2)' }),
  source: Type.Optional(many('One source (only the first value is used)')),
  storyId: Type.Optional(many('One story (only the first value is used)'))
})

export const ChatbotInteractionsQuerySchema = Type.Object({
  ...Range,
  storyId: Type.Optional(many('One story (only the first value is used)'))
})

export const ChatbotErrorSchema = Type.Object({
  timestamp: Type.String(),
  status: Type.Object({
    code: Type.Integer(),
    type: Type.Literal('error'),
    message: Type.String()
  })
}, { $id: 'ChatbotError', description: 'Error body in the shape of the API intro\'s status object [I]' })

export const ChatbotSummarySchema = Type.Object({
  total: Type.Number({ description: 'Sum of the values' }),
  min: Type.Number(),
  max: Type.Number(),
  avg: Type.Number({ description: 'total ÷ number of buckets, 2 decimals' })
}, { $id: 'ChatbotSummary' })

// Each item shape is its own model with every key required, so keys come out in the
// documented order (the serializer writes required keys before optional ones).
export const ChatbotPointSchema = Type.Object({
  date: Type.String({ description: 'Bucket start, UTC' }),
  value: Type.Number()
}, { $id: 'ChatbotPoint' })

export const ChatbotStoryPointSchema = Type.Object({
  date: Type.String(),
  storyId: Type.String(),
  value: Type.Number()
}, { $id: 'ChatbotStoryPoint', description: 'A point with group=storyId [I]' })

export const ChatbotSourcePointSchema = Type.Object({
  date: Type.String(),
  source: Type.String(),
  value: Type.Number()
}, { $id: 'ChatbotSourcePoint', description: 'A point with group=source [I]' })

export const ChatbotStorySeriesSchema = Type.Object({
  storyId: Type.String(),
  data: Type.Array(ref(ChatbotPointSchema)),
  summary: ref(ChatbotSummarySchema)
}, { $id: 'ChatbotStorySeries', description: 'One series per story (SANDBOX_CHATBOTCOM_GROUP_SHAPE=series)' })

export const ChatbotSourceSeriesSchema = Type.Object({
  source: Type.String(),
  data: Type.Array(ref(ChatbotPointSchema)),
  summary: ref(ChatbotSummarySchema)
}, { $id: 'ChatbotSourceSeries', description: 'One series per source (SANDBOX_CHATBOTCOM_GROUP_SHAPE=series)' })

export const ChatbotSeriesReportSchema = Type.Object({
  data: Type.Array(Type.Union([
    ref(ChatbotStoryPointSchema), ref(ChatbotSourcePointSchema), ref(ChatbotStorySeriesSchema), ref(ChatbotSourceSeriesSchema), ref(ChatbotPointSchema)
  ])),
  summary: ref(ChatbotSummarySchema)
}, { $id: 'ChatbotSeriesReport' })

export const ChatbotHeatmapCellSchema = Type.Object({
  day: Type.Integer({ minimum: 0, maximum: 6 }),
  hour: Type.Integer({ minimum: 0, maximum: 23 }),
  value: Type.Integer(),
  usage: Type.Number({ description: 'Percent of all conversations in the grid, 2 decimals' })
}, { $id: 'ChatbotHeatmapCell' })

export const ChatbotHeatmapSchema = Type.Array(Type.Array(ref(ChatbotHeatmapCellSchema)), { $id: 'ChatbotHeatmap' })

const Usage = Type.Number({ description: 'Percent of all triggers, 2 decimals' })
const Value = Type.Integer({ description: 'Times triggered in the range' })

export const ChatbotInteractionSchema = Type.Object({
  name: Type.String(),
  id: Type.String({ description: '24-hex interaction id' }),
  usage: Usage,
  value: Value
}, { $id: 'ChatbotInteraction' })

export const ChatbotContextFallbackSchema = Type.Object({
  parentId: Type.String({ description: 'The interaction whose context it belongs to' }),
  type: Type.Literal('contextFallback'),
  name: Type.String(),
  usage: Usage,
  value: Value
}, { $id: 'ChatbotContextFallback' })

export const ChatbotSpecialInteractionSchema = Type.Object({
  type: Type.Union([Type.Literal('fallback'), Type.Literal('welcome')]),
  name: Type.String(),
  usage: Usage,
  value: Value
}, { $id: 'ChatbotSpecialInteraction' })

export const ChatbotInteractionsSchema = Type.Array(Type.Union([
  ref(ChatbotContextFallbackSchema), ref(ChatbotInteractionSchema), ref(ChatbotSpecialInteractionSchema)
]), { $id: 'ChatbotInteractions' })
