/** Kore Debug Logs (K12): the query and the bare array of log entries (kore.md §5). */
import { Type } from '@sinclair/typebox'
import { ref } from '../common.js'

/** At most 50 entries a request (kore.md §5 [D]). */
export const KORE_DEBUG_LOGS_MAX_LIMIT = 50

export const KoreDebugLogsQuerySchema = Type.Object({
  identity: Type.String({ minLength: 1, maxLength: 300, description: 'The user id (u-…); `{clientId}/{u-…}` (korevg) and `{accountId}/smartassist/{sessionId}` are read too' }),
  channelType: Type.Optional(Type.String({ maxLength: 40, description: 'Default rtm' })),
  minimumInfo: Type.Optional(Type.Boolean({ description: 'true leaves out debugDetail' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: KORE_DEBUG_LOGS_MAX_LIMIT, description: 'At most 50; default 50' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'Entries to skip' })),
  timezone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA zone: bare fromDate/toDate are its days, timestamps carry its offset' })),
  fromDate: Type.Optional(Type.String({ maxLength: 40, description: 'yyyy-mm-dd, ISO date-time or epoch milliseconds' })),
  toDate: Type.Optional(Type.String({ maxLength: 40, description: 'yyyy-mm-dd (the whole day), ISO date-time or epoch milliseconds' }))
})

export const KoreDebugLogEntrySchema = Type.Object({
  timestamp: Type.String({ description: 'ISO-8601; with the offset of `timezone` when given, else Z' }),
  nomatch_count: Type.Optional(Type.String({ description: 'Consecutive unmatched inputs, as a string' })),
  noinput_count: Type.Optional(Type.String()),
  debugTitle: Type.String(),
  debugLevel: Type.String({ description: 'Info, info or Warning, as in the doc sample' }),
  debugMessage: Type.Optional(Type.String()),
  debugDetail: Type.Optional(Type.String({ description: 'JSON-encoded string; left out with minimumInfo=true' })),
  metaInfo: Type.Object({ channel: Type.String(), identity: Type.String() })
}, { $id: 'KoreDebugLogEntry' })

export const KoreDebugLogsSchema = Type.Array(ref(KoreDebugLogEntrySchema), { $id: 'KoreDebugLogs', description: 'A bare array, no envelope' })
