/** E14 messages/list: user messages with their NLP result and the bot's answers. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { pageOffset, springPage } from '../../src/engine/paging.js'
import type { BotRow, Catalog } from '../../src/db/catalog.repo.js'
import type { SessionsRepository } from '../../src/db/sessions.repo.js'
import type { MessageSearch as MSearch, Understanding, UserMessageRow } from '../../src/db/messages.repo.js'
import { BadRequestError } from '../../src/errors.js'
import { ref } from '../../schemas/common.js'
import { EvaBotParamsSchema } from '../../schemas/eva/common.js'
import { EvaMessageListQuerySchema, EvaMessagePageSchema } from '../../schemas/eva/conversations.js'
import { evaErrors } from './errors.js'
import { evaFilters, evaPage, iso } from './params.js'
import { evaChannel, evaMessageId, evaNlpResponses, parseTags } from './shape.js'

/** FOUND, NONE or ALL, comma-separated; ALL (or both) means no filter. */
export function understandingOf (raw: string): Understanding {
  const values = raw.split(',').map(s => s.trim().toUpperCase()).filter(s => s !== '')
  for (const v of values) {
    if (v !== 'FOUND' && v !== 'NONE' && v !== 'ALL') throw new BadRequestError(`Unknown nlpResponseFilters value: ${v}`)
  }
  if (values.length === 0 || values.includes('ALL')) return 'all'
  const found = values.includes('FOUND')
  const none = values.includes('NONE')
  return found && none ? 'all' : found ? 'found' : 'none'
}

export function messageSearch (catalog: Catalog, sessions: SessionsRepository, bot: BotRow, by: string | undefined, term: string | undefined): MSearch | undefined {
  if (by === undefined) return undefined
  if (term === undefined || term === '') throw new BadRequestError('searchTerm is required when searchBy is set')
  if (by === 'SESSION_CODE') return { by: 'session', sessionId: sessions.byCode(bot.id, term)?.id ?? -1 }
  if (by === 'ENTITY') return { by: 'entity', term }
  if (by === 'INTENT' || by === 'DOCUMENT' || by === 'QUESTION') {
    const ids = catalog.intentsOf(bot.id).filter(i => i.kind === 'intent' && i.nlpType === by && i.name === term).map(i => i.id)
    return { by: 'intents', intentIds: ids }
  }
  throw new BadRequestError(`Unknown searchBy: ${by}`)
}

export function messageItems (catalog: Catalog, bot: BotRow, rows: UserMessageRow[], answers: Map<number, number[]>, entities: Map<number, string[]>, rateScale: number) {
  return rows.map(m => {
    const given = (answers.get(m.id) ?? []).map(id => catalog.answers.get(id)).filter(a => a !== undefined)
    const channel = catalog.channels.get(m.channelId)
    if (channel === undefined) throw new Error(`channel ${m.channelId} missing from the catalogue`)
    return {
      messageId: evaMessageId(bot.extId, m.id),
      messageText: m.text,
      sessionCode: m.sessionCode,
      businessKey: m.businessKey,
      minimumConfidenceAchieved: m.understood === 1,
      confidence: Math.round(m.confidence * rateScale * 100) / 100,
      nlpResponses: evaNlpResponses(catalog, m.id, m.intentId, entities.get(m.id) ?? []),
      answerNames: given.map(a => a.name),
      answerTexts: given.map(a => a.text),
      answerButtons: given.flatMap(a => a.buttons.map(b => b.name)),
      deliveredAt: iso(m.tsMs),
      channel: evaChannel(catalog, channel),
      tags: parseTags(m.tags)
    }
  })
}

const plugin: FastifyPluginAsyncTypebox<{ hide: boolean }> = async (app, opts) => {
  const { catalog, sessions, messages } = app.repos

  app.get('/messages/list', {
    schema: {
      tags: ['eva-dashboard'],
      hide: opts.hide,
      security: [{ evaBearer: [] }],
      operationId: 'evaMessagesList',
      summary: 'Searches and paginates through user messages',
      params: EvaBotParamsSchema,
      querystring: EvaMessageListQuerySchema,
      response: { 200: ref(EvaMessagePageSchema), ...evaErrors(400, 401, 403) }
    }
  }, async (request) => {
    const q = request.query
    const { bot, window, scope } = evaFilters(request, q, app.config, catalog)
    const query = {
      scope,
      window,
      understanding: understandingOf(q.nlpResponseFilters),
      search: messageSearch(catalog, sessions, bot, q.searchBy, q.searchTerm)
    }
    const page = evaPage(q, app.config)
    const total = messages.count(query)
    const rows = messages.list(query, q.orderBy, q.direction, page.size, pageOffset(page))
    const ids = rows.map(r => r.id)
    const items = messageItems(catalog, bot, rows, messages.answersOf(ids), messages.entitiesOf(ids), app.config.eva.rateScale)
    return springPage(items, total, page, true)
  })
}

export default plugin
