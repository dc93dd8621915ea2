/** Conversation History v1/v2 (K7–K10, GET and POST per bot) and the Admin Console form (K11). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type Static, Type } from '@sinclair/typebox'
import type { BotRow } from '../../src/db/catalog.repo.js'
import { createKoreHistoryRepository, type KoreMessageFilter, type KoreMessageRow } from '../../src/db/kore-history.repo.js'
import { BadRequestError } from '../../src/errors.js'
import { ref } from '../../schemas/common.js'
import {
  KORE_MESSAGES_MAX_LIMIT, KoreCallMessagesSchema, KoreMessagesSchema, koreMessagesBodySchema, koreMessagesQuerySchema
} from '../../schemas/kore/messages.js'
import { koreAppOf, koreBotOf } from './access.js'
import { koreErrors } from './errors.js'
import { channelIdsOf, gmtRange, historyChannel, optionalJsonBody, paging, splitSessionIds, tagMatch } from './history-params.js'
import { createMessageShaper, koreAccountIcon, koreBotIcon, parseKoreMessageId } from './history-shape.js'

type Body = Static<ReturnType<typeof koreMessagesBodySchema>>
type Query = Static<ReturnType<typeof koreMessagesQuerySchema>>

/** One request, whatever its form: the GET query is normalised to the POST body. */
interface HistoryRequest extends Omit<Body, 'sessionId'> { sessionId?: string[], get: boolean }

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const repo = createKoreHistoryRepository(app.db)
  const { catalog } = app.repos
  optionalJsonBody(app)

  /** The anchor message of `msgId`: one of these bots' messages, else 400. */
  function anchorOf (bots: BotRow[], msgId: string): { tsMs: number, id: number } {
    for (const bot of bots) {
      const id = parseKoreMessageId(bot.extId, msgId)
      const row = id === null ? undefined : repo.messageById(id)
      if (row !== undefined && row.botId === bot.id) return { tsMs: row.tsMs, id: row.id }
    }
    throw new BadRequestError(`Invalid msgId: ${msgId}`)
  }

  function history (bots: BotRow[], q: HistoryRequest, icon: string) {
    const botIds = bots.map(b => b.id)
    const { skip, limit } = paging(q)
    const hasDates = q.dateFrom !== undefined || q.dateTo !== undefined
    const shaper = createMessageShaper(catalog, q.includeTraceId === true)
    const filter: KoreMessageFilter = { botIds, userExtId: q.userId, tags: tagMatch(q.tags) }
    if (q.channelType !== undefined) filter.channelIds = channelIdsOf(catalog, botIds, historyChannel(q.channelType))

    if (q.callId !== undefined) {
      // a voice call: its session's messages in call order, in the short shape; the dates apply only when given
      const voice = channelIdsOf(catalog, botIds, 'ivrVoice')
      filter.codes = [q.callId.trim().toLowerCase()]
      filter.channelIds = (filter.channelIds ?? voice).filter(id => voice.includes(id))
      if (hasDates) filter.range = gmtRange(q.dateFrom, q.dateTo, app.clock.now())
      const total = repo.countMessages(filter)
      const rows = repo.listMessages(filter, 'ASC', limit, skip)
      return { total, moreAvailable: skip + rows.length < total, icon, messages: rows.map(shaper.short) }
    }

    if (q.msgId !== undefined && hasDates) throw new BadRequestError('msgId cannot be combined with dateFrom or dateTo')
    // the GET form shows rtm interactions unless channelType says otherwise (kore.md §4 [D])
    if (q.get && q.channelType === undefined) filter.channelIds = channelIdsOf(catalog, botIds, 'rtm')
    if (q.sessionId !== undefined && q.sessionId.length > 0) {
      const { valid, invalid } = splitSessionIds(q.sessionId)
      if (invalid.length > 0) throw new BadRequestError(`Invalid sessionId: ${invalid.join(', ')}`)
      filter.codes = valid
    }
    // session ids (or a msgId) select the messages on their own unless dates are sent too [I]
    if (hasDates || (filter.codes === undefined && q.msgId === undefined)) filter.range = gmtRange(q.dateFrom, q.dateTo, app.clock.now())

    let result: { total: number, rows: KoreMessageRow[], taken: number }
    if (q.msgId !== undefined) {
      const anchor = anchorOf(bots, q.msgId)
      const direction = q.direction ?? 1
      if (direction > 0) {
        result = listed({ ...filter, anchor: { ...anchor, cmp: 'from' } }, 'ASC', limit, skip)
      } else if (direction < 0) {
        result = listed({ ...filter, anchor: { ...anchor, cmp: 'upTo' } }, 'DESC', limit, skip)
      } else {
        // both ways: up to half the page before the message, the message and what follows, oldest first
        const before = { ...filter, anchor: { ...anchor, cmp: 'before' as const } }
        const after = { ...filter, anchor: { ...anchor, cmp: 'from' as const } }
        const nBefore = repo.countMessages(before)
        const nAfter = repo.countMessages(after)
        const takeAfter = Math.min(nAfter, limit - Math.min(nBefore, Math.floor(limit / 2)))
        const takeBefore = Math.min(nBefore, limit - takeAfter)
        const older = takeBefore === 0 ? [] : repo.listMessages(before, 'DESC', takeBefore, 0).reverse()
        const newer = takeAfter === 0 ? [] : repo.listMessages(after, 'ASC', takeAfter, 0)
        result = { total: nBefore + nAfter, rows: [...older, ...newer], taken: takeBefore + takeAfter }
      }
    } else {
      result = listed(filter, q.forward === true ? 'ASC' : 'DESC', limit, skip)
    }
    return { total: result.total, moreAvailable: result.taken < result.total, icon, messages: result.rows.map(shaper.full) }
  }

  function listed (filter: KoreMessageFilter, dir: 'ASC' | 'DESC', limit: number, skip: number) {
    const total = repo.countMessages(filter)
    const rows = repo.listMessages(filter, dir, limit, skip)
    return { total, rows, taken: skip + rows.length }
  }

  const fromQuery = (q: Query): HistoryRequest => ({ ...q, sessionId: q.sessionId === undefined ? undefined : [q.sessionId], get: true })
  const fromBody = (b: Body): HistoryRequest => ({ ...b, get: false })
  const response = { 200: Type.Union([ref(KoreMessagesSchema), ref(KoreCallMessagesSchema)]), ...koreErrors(400, 401, 412, 429) }
  const params = Type.Object({ botId: Type.String({ maxLength: 200, description: 'Bot (stream) id, st-…' }) })
  const perBot = { kore: { apps: ['builder', 'admin'] as Array<'builder' | 'admin'>, scope: 'Chat History', botParam: 'botId', rateKey: 'bot' as const } }
  const VERSIONS = [
    { path: 'getMessages', id: 'koreGetMessages', max: KORE_MESSAGES_MAX_LIMIT.v1, label: 'v1, at most 100 messages a request' },
    { path: 'getMessagesV2', id: 'koreGetMessagesV2', max: KORE_MESSAGES_MAX_LIMIT.v2, label: 'v2, at most 10,000 messages a request' }
  ]

  for (const v of VERSIONS) {
    const summary = `Conversation History ${v.label}: one bot's messages, newest first`
    app.get(`/public/bot/:botId/${v.path}`, {
      config: perBot,
      schema: { tags: ['kore'], operationId: v.id, summary: `${summary} (userId required)`, params, querystring: koreMessagesQuerySchema(v.max), response }
    }, async (request) => {
      const bot = koreBotOf(request)
      return history([bot], fromQuery(request.query), koreBotIcon(bot.extId))
    })
    app.post(`/public/bot/:botId/${v.path}`, {
      config: perBot,
      schema: { tags: ['kore'], operationId: `${v.id}Post`, summary: `${summary} (filters in the body)`, params, body: koreMessagesBodySchema(v.max), response }
    }, async (request) => {
      const bot = koreBotOf(request)
      return history([bot], fromBody(request.body), koreBotIcon(bot.extId))
    })
  }

  app.post('/public/getMessages', {
    config: { kore: { apps: ['admin'], scope: 'Chat History', rateKey: 'account' } },
    schema: {
      tags: ['kore'],
      operationId: 'koreAdminGetMessages',
      summary: 'Conversation History v1 for the Admin Console: the messages of every bot of the account, newest first',
      body: koreMessagesBodySchema(KORE_MESSAGES_MAX_LIMIT.v1),
      response
    }
  }, async (request) => {
    const principal = koreAppOf(request)
    const bots = principal.botIds.map(id => catalog.bots.get(id)).filter((b): b is BotRow => b !== undefined)
    const account = catalog.orgs.get(principal.orgId)?.extId ?? ''
    return history(bots, fromBody(request.body), koreAccountIcon(account))
  })
}

export default plugin
