/** eva models shared by several endpoints: errors, channels, Spring pages. JSON casing: camelCase as eva sends it. */
import { Type, type TSchema } from '@sinclair/typebox'
import { ref, UuidPattern } from '../common.js'

export const EvaErrorSchema = Type.Object({
  timestamp: Type.String({ description: 'When the error happened (ISO-8601)' }),
  status: Type.Integer({ description: 'HTTP status' }),
  error: Type.String({ description: 'HTTP reason phrase' }),
  message: Type.String({ description: 'What was wrong with the request' }),
  path: Type.String({ description: 'The request path' })
}, { $id: 'EvaError', description: 'Spring Boot error body [I]' })

export const EvaBotParamsSchema = Type.Object({
  orgUUID: Type.String({ pattern: UuidPattern, description: 'A valid uuid of an organization' }),
  envUUID: Type.String({ pattern: UuidPattern, description: 'A valid uuid of an environment' }),
  botUUID: Type.String({ pattern: UuidPattern, description: 'The UUID of the bot' })
})

export const EvaChannelClassificationSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String({ description: 'Text or Voice' })
}, { $id: 'EvaChannelClassification' })

export const EvaChannelTypeSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String({ description: 'Channel type, e.g. WhatsApp' }),
  image: Type.String({ description: 'Icon URL' }),
  channelClassification: ref(EvaChannelClassificationSchema)
}, { $id: 'EvaChannelType' })

export const EvaChannelSchema = Type.Object({
  uuid: Type.String({ description: 'Channel UUID, as sent in channelUuids' }),
  botUuid: Type.String(),
  name: Type.String(),
  description: Type.String(),
  channelType: ref(EvaChannelTypeSchema)
}, { $id: 'EvaChannel' })

export const EvaSortSchema = Type.Object({
  sorted: Type.Boolean(),
  unsorted: Type.Boolean(),
  empty: Type.Boolean()
}, { $id: 'EvaSort' })

export const EvaPageableSchema = Type.Object({
  pageNumber: Type.Integer({ description: 'The page as requested' }),
  pageSize: Type.Integer(),
  paged: Type.Boolean(),
  unpaged: Type.Boolean(),
  sort: ref(EvaSortSchema),
  offset: Type.Integer({ description: 'Index of the first element of this page' })
}, { $id: 'EvaPageable' })

/** A Spring Data `Page` of `item` (the eva list envelope). */
export function springPageOf (id: string, item: TSchema) {
  return Type.Object({
    totalPages: Type.Integer(),
    totalElements: Type.Integer({ description: 'All matches of the filters' }),
    pageable: ref(EvaPageableSchema),
    numberOfElements: Type.Integer({ description: 'Elements on this page' }),
    first: Type.Boolean(),
    last: Type.Boolean(),
    sort: ref(EvaSortSchema),
    size: Type.Integer(),
    content: Type.Array(item),
    number: Type.Integer({ description: 'The page as requested' }),
    empty: Type.Boolean()
  }, { $id: id })
}

export const EvaNlpResponseSchema = Type.Object({
  responseType: Type.Union([Type.Literal('INTENT'), Type.Literal('ENTITY'), Type.Literal('DOCUMENT'), Type.Literal('QUESTION')]),
  paragraphNumber: Type.Integer({ description: 'Paragraph of a DOCUMENT answer; 0 for other types [I]' }),
  responseName: Type.String()
}, { $id: 'EvaNlpResponse' })

export const EvaButtonSchema = Type.Object({
  name: Type.String(),
  value: Type.String(),
  action: Type.String()
}, { $id: 'EvaButton' })
