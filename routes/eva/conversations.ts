/** E9 conversations/list and E11 conversations/details. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { pageOffset, springPage } from '../../src/engine/paging.js'
import type { Catalog, BotRow } from '../../src/db/catalog.repo.js'
import type { SessionRow, SessionSearch, SessionSort } from '../../src/db/sessions.repo.js'
import { BadRequestError, NotFoundError } from '../../src/errors.js'
import { ref } from '../../schemas/common.js'
import { EvaBotParamsSchema } from '../../schemas/eva/common.js'
import {
  EvaConversationDetailsSchema, EvaConversationListQuerySchema, EvaConversationPageSchema, EvaSessionCodeQuerySchema
} from '../../schemas/eva/conversations.js'
import { evaBotOf } from './access.js'
import { evaErrors } from './errors.js'
import { evaFilters, evaPage, iso } from './params.js'
import { evaChannel, evaMessageId, evaNlpResponses, parseTags } from './shape.js'

const SORTS: Record<string, SessionSort> = {
  conversationStartedAt: 'started',
  satisfaction: 'satisfaction',
  userMessages: 'userMessages',
  flowsTravelled: 'flows',
  duration: 'duration'
}

/** searchBy/searchTerm as an exact-match search; FLOW matches flow names of this bot. */
export function conversationSearch (catalog: Catalog, bot: BotRow, by: string | undefined, term: string | undefined): SessionSearch | undefined {
  if (by === undefined) return undefined
  if (term === undefined || term === '') throw new BadRequestError('searchTerm is required when searchBy is set')
  if (by === 'SESSION_CODE') return { by: 'code', term }
  if (by === 'BUSINESS_KEY') return { by: 'businessKey', term }
  if (by === 'FLOW') return { by: 'flows', flowIds: catalog.flowsOf(bot.id).filter(f => f.name === term).map(f => f.id) }
  throw new BadRequestError(`Unknown searchBy: ${by}`)
}

export function conversationItem (catalog: Catalog, s: SessionRow, flowIds: number[]) {
  const channel = catalog.channels.get(s.channelId)
  if (channel === undefined) throw new Error(`channel ${s.channelId} missing from the catalogue`)
  return {
    sessionCode: s.code,
    businessKey: s.businessKey,
    userMessage: s.firstText,
    satisfaction: s.satisfaction,
    userMessages: s.userMsgs,
    flowsTravelled: s.flowsCount,
    flowsTravelledNames: flowIds.map(id => catalog.flows.get(id)?.name ?? ''),
    conversationStartedAt: iso(s.startedMs),
    durationInSeconds: Math.round((s.endedMs - s.startedMs) / 1000),
    channel: evaChannel(catalog, channel),
    tags: parseTags(s.tags)
  }
}

const plugin: FastifyPluginAsyncTypebox<{ hide: boolean }> = async (app, opts) => {
  const { catalog, sessions, messages } = app.repos
  const common = { tags: ['eva-dashboard'], hide: opts.hide, security: [{ evaBearer: [] }], params: EvaBotParamsSchema }

  app.get('/conversations/list', {
    schema: {
      ...common,
      operationId: 'evaConversationsList',
      summary: 'Searches and paginates through conversations started by users',
      querystring: EvaConversationListQuerySchema,
      response: { 200: ref(EvaConversationPageSchema), ...evaErrors(400, 401, 403) }
    }
  }, async (request) => {
    const q = request.query
    const { bot, window, scope } = evaFilters(request, q, app.config, catalog)
    const query = { scope, window, search: conversationSearch(catalog, bot, q.searchBy, q.searchTerm) }
    const page = evaPage(q, app.config)
    const total = sessions.count(query)
    const rows = sessions.list(query, SORTS[q.orderBy], q.direction, page.size, pageOffset(page))
    const flows = sessions.flowsOf(rows.map(r => r.id))
    return springPage(rows.map(r => conversationItem(catalog, r, flows.get(r.id) ?? [])), total, page, true)
  })

  app.get('/conversations/details', {
    schema: {
      ...common,
      operationId: 'evaConversationDetails',
      summary: 'The full transcript of one conversation',
      querystring: EvaSessionCodeQuerySchema,
      response: { 200: ref(EvaConversationDetailsSchema), ...evaErrors(400, 401, 403, 404) }
    }
  }, async (request) => {
    const bot = evaBotOf(request)
    const session = sessions.byCode(bot.id, request.query.sessionCode)
    if (session === undefined) throw new NotFoundError(`Conversation not found: ${request.query.sessionCode}`)
    const channel = catalog.channels.get(session.channelId)
    if (channel === undefined) throw new Error(`channel ${session.channelId} missing from the catalogue`)
    const transcript = messages.transcript(session.id)
    const entities = messages.entitiesOf(transcript.filter(m => m.direction === 0).map(m => m.id))
    return {
      sessionCode: session.code,
      startedAt: iso(session.startedMs),
      channel: evaChannel(catalog, channel),
      messages: transcript.map(m => {
        if (m.direction === 0) {
          const names = entities.get(m.id) ?? []
          return {
            messageId: evaMessageId(bot.extId, m.id),
            content: m.text ?? '',
            isNe: m.understood !== 1,
            intent: m.intentId === null ? null : catalog.intents.get(m.intentId)?.name ?? null,
            type: 'USER_INPUT',
            buttons: [],
            entities: names,
            nlpResponses: evaNlpResponses(catalog, m.id, m.intentId, names),
            hasButton: false,
            createdAt: iso(m.tsMs)
          }
        }
        const answer = m.answerId === null ? undefined : catalog.answers.get(m.answerId)
        return {
          messageId: evaMessageId(bot.extId, m.id),
          content: answer?.text ?? '',
          isNe: false,
          intent: null,
          type: answer?.type ?? 'TEXT',
          buttons: answer?.buttons ?? [],
          entities: [],
          nlpResponses: [],
          hasButton: (answer?.buttons.length ?? 0) > 0,
          createdAt: iso(m.tsMs)
        }
      })
    }
  })
}

export default plugin
