/** Kore Conversation History v1/v2 (getMessages, getMessagesV2; K7–K11): requests and message documents (kore.md §4). */
import { Type } from '@sinclair/typebox'
import { ref } from '../common.js'
import { KoreTagFilterSchema, KoreTagSchema, koreHistoryPaging } from './sessions.js'

/** v1 answers at most 100 messages a request, v2 at most 10,000 (kore.md §4 [D]). */
export const KORE_MESSAGES_MAX_LIMIT = { v1: 100, v2: 10_000 } as const

export const KoreMessageComponentSchema = Type.Object({
  _id: Type.String({ description: 'cp-<uuid>' }),
  cT: Type.String({ description: 'Component type; always text here' }),
  data: Type.Object({ text: Type.String() }),
  thumbnails: Type.Array(Type.Unknown())
}, { $id: 'KoreMessageComponent' })

export const KoreMessageSchema = Type.Object({
  _id: Type.String({ pattern: '^ms-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
  channels: Type.Array(Type.Object({ type: Type.String(), channelUId: Type.Optional(Type.String()) })),
  type: Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')]),
  status: Type.String({ description: 'received (incoming) or pending (outgoing), as the doc sample shows' }),
  createdBy: Type.String(),
  lmodifiedBy: Type.String(),
  createdOn: Type.String({ description: 'ISO-8601 UTC' }),
  lmodifiedOn: Type.String({ description: 'ISO-8601 UTC' }),
  botId: Type.String(),
  orgId: Type.String(),
  accountId: Type.String(),
  isBB: Type.Integer({ description: '1 = from the Builder (talk to bot)' }),
  ms: Type.Integer({ description: 'Message source: 1 = text' }),
  chnl: Type.String(),
  isD: Type.Integer({ description: '1 = developer' }),
  components: Type.Array(ref(KoreMessageComponentSchema)),
  timestampValue: Type.Integer(),
  __v: Type.Integer(),
  lang: Type.String(),
  sT: Type.Integer(),
  sessionId: Type.String(),
  resourceid: Type.String(),
  tags: Type.Object({
    messageTags: Type.Array(ref(KoreTagSchema)),
    userTags: Type.Array(ref(KoreTagSchema)),
    sessionTags: Type.Array(ref(KoreTagSchema)),
    altText: Type.Array(Type.Unknown())
  }),
  traceId: Type.Optional(Type.String({ description: 'Incoming messages, with includeTraceId' }))
}, { $id: 'KoreMessage' })

export const KoreMessagesSchema = Type.Object({
  total: Type.Integer({ minimum: 0, description: 'Messages matching the filters' }),
  moreAvailable: Type.Boolean(),
  icon: Type.String({ description: 'The bot icon URL' }),
  messages: Type.Array(ref(KoreMessageSchema))
}, { $id: 'KoreMessages' })

/** The short shape answered for `callId` (voice calls). */
export const KoreCallMessageSchema = Type.Object({
  type: Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')]),
  text: Type.String(),
  timestamp: Type.String({ description: 'ISO-8601 UTC' })
}, { $id: 'KoreCallMessage' })

export const KoreCallMessagesSchema = Type.Object({
  total: Type.Integer({ minimum: 0 }),
  moreAvailable: Type.Boolean(),
  icon: Type.String(),
  messages: Type.Array(ref(KoreCallMessageSchema))
}, { $id: 'KoreCallMessages' })

const Flag = (description: string) => Type.Optional(Type.Boolean({ description }))

const Common = {
  channelType: Type.Optional(Type.String({ maxLength: 40, description: 'Channel type (rtm, msteams, ivrVoice, …)' })),
  callId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Voice call id: in the sandbox, the sessionId of a voice session; short message shape' })),
  getAgentsInfo: Flag('Accepted; no agent data in the sandbox'),
  includeSecureForm: Flag('Accepted; no secure forms in the sandbox'),
  includeTraceId: Flag('Adds traceId to incoming messages'),
  forward: Flag('true = oldest first; default newest first')
}

/** GET: `userId` is required; `sessionId` is a single id. */
export function koreMessagesQuerySchema (maxLimit: number) {
  return Type.Object({
    userId: Type.String({ minLength: 1, maxLength: 200, description: 'Kore user id (u-…)' }),
    ...koreHistoryPaging(maxLimit),
    sessionId: Type.Optional(Type.String({ maxLength: 200 })),
    ...Common
  })
}

/** POST (and the Admin Console form): every field optional; `sessionId` is an array. */
export function koreMessagesBodySchema (maxLimit: number) {
  return Type.Object({
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Kore user id (u-…)' })),
    ...koreHistoryPaging(maxLimit),
    sessionId: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50, description: 'At most 50 session ids' })),
    tags: Type.Optional(KoreTagFilterSchema),
    msgId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Start from this message (ms-…); not with dates' })),
    direction: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: '<0 older, 0 both ways, >0 newer (default)' })),
    ...Common
  })
}
