/** Kore Sessions History (getSessions, K5/K6): the request body, the query and the session list (kore.md §3). */
import { Type } from '@sinclair/typebox'
import { ref } from '../common.js'

/** A meta tag as Kore returns it: `value` may be any JSON type. */
export const KoreTagSchema = Type.Object({
  name: Type.String(),
  value: Type.Unknown()
}, { $id: 'KoreTag', description: 'A user, session or message meta tag' })

export const KoreSessionTagsSchema = Type.Object({
  userTags: Type.Array(ref(KoreTagSchema)),
  sessionTags: Type.Array(ref(KoreTagSchema)),
  altText: Type.Array(Type.Unknown())
}, { $id: 'KoreSessionTags' })

export const KoreSessionSchema = Type.Object({
  sessionId: Type.String({ pattern: '^[0-9a-f]{24}$', description: '24-hex session id' }),
  botId: Type.String({ description: 'Bot (stream) id, st-…' }),
  channel: Type.String({ description: 'Channel type, e.g. rtm, msteams, ivrVoice' }),
  userId: Type.String({ description: 'Kore user id, u-…' }),
  start_time: Type.String({ description: 'ISO-8601 UTC' }),
  end_time: Type.String({ description: 'ISO-8601 UTC' }),
  session_lang: Type.Array(Type.String()),
  sessionType: Type.Union([Type.Literal('interactive'), Type.Literal('non-interactive')]),
  isDeveloper: Type.Boolean(),
  sessionStatus: Type.Union([Type.Literal('active'), Type.Literal('closed')]),
  tags: ref(KoreSessionTagsSchema),
  noOfMessagesExchanged: Type.Integer({ minimum: 0, description: 'User plus bot messages of the session' }),
  noOfTasksExecuted: Type.Integer({ minimum: 0 }),
  containmentType: Type.Union([Type.Literal('selfService'), Type.Literal('dropOff'), Type.Literal('agent')])
}, { $id: 'KoreSession' })

export const KoreSessionsSchema = Type.Object({
  total: Type.Integer({ minimum: 0, description: 'Sessions matching the filters' }),
  moreAvailable: Type.Boolean({ description: 'More pages after this one (skip + sessions < total)' }),
  sessions: Type.Array(ref(KoreSessionSchema)),
  invalidSessions: Type.Optional(Type.Array(Type.String(), { description: 'Only with sessionId: the ids that were not found' }))
}, { $id: 'KoreSessions' })

const ContainmentType = Type.Union([Type.Literal('dropOff'), Type.Literal('selfService'), Type.Literal('agent')], {
  description: 'Since v9.0; omitted means every session'
})

export const KoreGetSessionsQuerySchema = Type.Object({
  containmentType: Type.Optional(ContainmentType),
  callId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'A voice session: in the sandbox, its sessionId' }))
})

const TagCondition = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  values: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean()]), { maxItems: 100 })),
  type: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('message'), Type.Literal('session')]))
})

/** `{"and":[…], "or":[…]}` of `{name, values, type}`, as the Conversation History API documents it. */
export const KoreTagFilterSchema = Type.Object({
  and: Type.Optional(Type.Array(TagCondition, { maxItems: 50 })),
  or: Type.Optional(Type.Array(TagCondition, { maxItems: 50 }))
}, { description: 'Meta-tag filter' })

/** Paging and dates shared by the history bodies. */
export function koreHistoryPaging (maxLimit: number) {
  return {
    skip: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'Records to skip (alias offset)' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'Alias of skip' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxLimit, description: `Page size, at most ${maxLimit}; default 100` })),
    dateFrom: Type.Optional(Type.String({ maxLength: 40, description: 'yyyy-mm-dd or ISO date-time, read as GMT; default dateTo − 7 days' })),
    dateTo: Type.Optional(Type.String({ maxLength: 40, description: 'yyyy-mm-dd (the whole day) or ISO date-time, GMT; default dateFrom + 7 days, else now' }))
  }
}

/** Largest page of getSessions: a real client sends 1000, and 10000 for a lookup [I]. */
export const KORE_SESSIONS_MAX_LIMIT = 10_000

export const KoreGetSessionsBodySchema = Type.Object({
  userId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Kore user id (u-…)' })),
  ...koreHistoryPaging(KORE_SESSIONS_MAX_LIMIT),
  tags: Type.Optional(KoreTagFilterSchema),
  sessionType: Type.Optional(Type.Union([Type.Literal('interactive'), Type.Literal('non-interactive')])),
  sessionId: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), {
    maxItems: 50, description: 'At most 50 session ids; when present every other filter is ignored'
  })),
  includeMeta: Type.Optional(Type.Boolean({ description: 'Encrypted response in the real platform; ignored here' }))
})
