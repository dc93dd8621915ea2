/** eva conversations and messages: lists (E9, E14), details (E11), report requests (E10, E12, E15) and reports (E16). */
import { Type } from '@sinclair/typebox'
import { ref } from '../common.js'
import { EvaAnalyticsQuerySchema } from './analytics.js'
import { EvaButtonSchema, EvaChannelSchema, EvaNlpResponseSchema, springPageOf } from './common.js'

const Direction = Type.Union([Type.Literal('ASC'), Type.Literal('DESC')], { default: 'DESC', description: 'Order direction' })
const Paging = {
  page: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 1, description: 'Current page, starting at 1 (0 is served as the first page)' }),
  size: Type.Integer({ minimum: 1, maximum: 2000, default: 5, description: 'Size of the page' })
}
const SearchTerm = Type.Optional(Type.String({ maxLength: 500, description: 'Exact term for searchBy' }))

export const EvaConversationListQuerySchema = Type.Object({
  ...EvaAnalyticsQuerySchema.properties,
  searchBy: Type.Optional(Type.Union([Type.Literal('SESSION_CODE'), Type.Literal('BUSINESS_KEY'), Type.Literal('FLOW')])),
  searchTerm: SearchTerm,
  ...Paging,
  orderBy: Type.Union([
    Type.Literal('conversationStartedAt'), Type.Literal('satisfaction'), Type.Literal('userMessages'),
    Type.Literal('flowsTravelled'), Type.Literal('duration')
  ], { default: 'conversationStartedAt' }),
  direction: Direction
})

export const EvaMessageListQuerySchema = Type.Object({
  ...EvaAnalyticsQuerySchema.properties,
  searchBy: Type.Optional(Type.Union([
    Type.Literal('SESSION_CODE'), Type.Literal('INTENT'), Type.Literal('ENTITY'), Type.Literal('DOCUMENT'), Type.Literal('QUESTION')
  ])),
  searchTerm: SearchTerm,
  ...Paging,
  orderBy: Type.Union([Type.Literal('deliveredAt'), Type.Literal('confidence')], { default: 'deliveredAt' }),
  direction: Direction,
  nlpResponseFilters: Type.String({ default: 'ALL', maxLength: 100, description: 'Comma-separated FOUND, NONE, ALL' })
})

export const EvaReportsListQuerySchema = Type.Object(Paging)

export const EvaSessionCodeQuerySchema = Type.Object({
  sessionCode: Type.String({ minLength: 1, maxLength: 100, description: 'Session Code of the conversation' })
})

export const EvaConversationItemSchema = Type.Object({
  sessionCode: Type.String(),
  businessKey: Type.Union([Type.String(), Type.Null()], { description: 'Customer-defined id; null for anonymous users' }),
  userMessage: Type.Union([Type.String(), Type.Null()], { description: 'The first user message' }),
  satisfaction: Type.Union([Type.Integer(), Type.Null()], { description: 'Rating 1–5, null when unrated' }),
  userMessages: Type.Integer(),
  flowsTravelled: Type.Integer(),
  flowsTravelledNames: Type.Array(Type.String()),
  conversationStartedAt: Type.String(),
  durationInSeconds: Type.Integer(),
  channel: ref(EvaChannelSchema),
  tags: Type.Array(Type.String())
}, { $id: 'EvaConversationItem' })

export const EvaConversationPageSchema = springPageOf('EvaConversationPage', ref(EvaConversationItemSchema))

export const EvaMessageItemSchema = Type.Object({
  messageId: Type.String(),
  messageText: Type.String(),
  sessionCode: Type.String(),
  businessKey: Type.Union([Type.String(), Type.Null()]),
  minimumConfidenceAchieved: Type.Boolean(),
  confidence: Type.Number({ description: 'NLP confidence, 0–100 by default' }),
  nlpResponses: Type.Array(ref(EvaNlpResponseSchema)),
  answerNames: Type.Array(Type.String()),
  answerTexts: Type.Array(Type.String()),
  answerButtons: Type.Array(Type.String()),
  deliveredAt: Type.String(),
  channel: ref(EvaChannelSchema),
  tags: Type.Array(Type.String())
}, { $id: 'EvaMessageItem' })

export const EvaMessagePageSchema = springPageOf('EvaMessagePage', ref(EvaMessageItemSchema))

export const EvaDetailMessageSchema = Type.Object({
  messageId: Type.String(),
  content: Type.String(),
  isNe: Type.Boolean({ description: 'A user message that was not understood (answered by the fallback)' }),
  intent: Type.Union([Type.String(), Type.Null()]),
  type: Type.String({ description: 'USER_INPUT for the user; TEXT, CAROUSEL or BUTTON for the bot' }),
  buttons: Type.Array(ref(EvaButtonSchema)),
  entities: Type.Array(Type.String()),
  nlpResponses: Type.Array(ref(EvaNlpResponseSchema)),
  hasButton: Type.Boolean(),
  createdAt: Type.String()
}, { $id: 'EvaDetailMessage' })

export const EvaConversationDetailsSchema = Type.Object({
  sessionCode: Type.String(),
  startedAt: Type.String(),
  channel: ref(EvaChannelSchema),
  messages: Type.Array(ref(EvaDetailMessageSchema))
}, { $id: 'EvaConversationDetails' })

export const EvaReportRequestSchema = Type.Object({
  startDate: Type.String({ maxLength: 40 }),
  endDate: Type.String({ maxLength: 40 }),
  startHour: Type.Integer({ minimum: 0, maximum: 23, default: 0 }),
  endHour: Type.Integer({ minimum: 0, maximum: 23, default: 23 }),
  channelUuids: Type.Optional(Type.String({ maxLength: 4000 })),
  sampleSize: Type.Integer({ minimum: 1, description: 'Cap on the items; at most maxSample' }),
  reportType: Type.Union([Type.Literal('RANDOM'), Type.Literal('GROUPED_MESSAGES'), Type.Literal('CHRONOLOGICAL')], {
    description: 'RANDOM: a seeded random sample; GROUPED_MESSAGES: grouped by conversation; CHRONOLOGICAL: newest first [I]'
  }),
  filterField: Type.Optional(Type.String({ maxLength: 40, description: 'The list page searchBy value' })),
  filterTerm: Type.Optional(Type.String({ maxLength: 500, description: 'The list page searchTerm value' })),
  timezone: Type.Optional(Type.String({ maxLength: 64 }))
}, { $id: 'EvaReportRequest' })

export const EvaReportItemSchema = Type.Object({
  fileName: Type.String(),
  createdAt: Type.String(),
  fileUrl: Type.String({ description: 'Downloads the CSV from the sandbox' }),
  reportType: Type.String()
}, { $id: 'EvaReportItem' })

export const EvaReportPageSchema = springPageOf('EvaReportPage', ref(EvaReportItemSchema))

export const EvaReportFileParamsSchema = Type.Object({
  uuid: Type.String({ pattern: '^[0-9a-f-]{36}$' }),
  fileName: Type.String({ maxLength: 200 })
})
