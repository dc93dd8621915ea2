/** Sessions History (K5 per bot, K6 Admin Console over every bot of the account): POST getSessions, newest first. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type Static, Type } from '@sinclair/typebox'
import { createKoreHistoryRepository, type KoreSessionFilter } from '../../src/db/kore-history.repo.js'
import { ref } from '../../schemas/common.js'
import { KoreGetSessionsBodySchema, KoreGetSessionsQuerySchema, KoreSessionsSchema } from '../../schemas/kore/sessions.js'
import { koreAppOf, koreBotOf } from './access.js'
import { koreErrors } from './errors.js'
import { channelIdsOf, gmtRange, HEX24, optionalJsonBody, paging, splitSessionIds, tagMatch } from './history-params.js'
import { koreSessionItem } from './history-shape.js'

type Body = Static<typeof KoreGetSessionsBodySchema>
type Query = Static<typeof KoreGetSessionsQuerySchema>

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const repo = createKoreHistoryRepository(app.db)
  const { catalog } = app.repos
  optionalJsonBody(app)

  function sessionsOf (botIds: number[], query: Query, body: Body | undefined) {
    const q = body ?? {}
    const { skip, limit } = paging(q)
    let filter: KoreSessionFilter
    let invalidSessions: string[] | undefined
    if (q.sessionId !== undefined && q.sessionId.length > 0) {
      // the lookup form: every other filter is ignored; ids that name nothing are reported
      const { valid } = splitSessionIds(q.sessionId)
      const found = repo.existingCodes(botIds, valid)
      const seen = new Set<string>()
      invalidSessions = []
      for (const raw of q.sessionId) {
        const id = raw.trim().toLowerCase()
        if ((HEX24.test(id) && found.has(id)) || seen.has(raw)) continue
        seen.add(raw)
        invalidSessions.push(raw)
      }
      filter = { botIds, codes: valid }
    } else if (query.callId !== undefined) {
      // a voice session looked up by its call id; in the sandbox a call id is the session's id [I]
      filter = { botIds, codes: [query.callId.trim().toLowerCase()], channelIds: channelIdsOf(catalog, botIds, 'ivrVoice') }
    } else {
      filter = {
        botIds,
        range: gmtRange(q.dateFrom, q.dateTo, app.clock.now()),
        userExtId: q.userId,
        containment: query.containmentType,
        interactive: q.sessionType === undefined ? undefined : q.sessionType === 'interactive' ? 1 : 0,
        tags: tagMatch(q.tags)
      }
    }
    const total = repo.countSessions(filter)
    const rows = repo.listSessions(filter, limit, skip)
    return {
      total,
      moreAvailable: skip + rows.length < total,
      sessions: rows.map(r => koreSessionItem(catalog, r)),
      ...(invalidSessions === undefined ? {} : { invalidSessions })
    }
  }

  const schema = {
    tags: ['kore'],
    querystring: KoreGetSessionsQuerySchema,
    body: KoreGetSessionsBodySchema,
    response: { 200: ref(KoreSessionsSchema), ...koreErrors(400, 401, 412, 429) }
  }

  app.post('/public/bot/:botId/getSessions', {
    config: { kore: { apps: ['builder', 'admin'], scope: 'Bot Sessions', botParam: 'botId', rateKey: 'bot' } },
    schema: {
      ...schema,
      operationId: 'koreGetSessions',
      summary: 'Sessions History: the sessions of one bot, newest first, with their metadata and counts',
      params: Type.Object({ botId: Type.String({ maxLength: 200, description: 'Bot (stream) id, st-…' }) })
    }
  }, async (request) => sessionsOf([koreBotOf(request).id], request.query, request.body))

  app.post('/public/getSessions', {
    config: { kore: { apps: ['admin'], scope: 'Bot Sessions', rateKey: 'account' } },
    schema: {
      ...schema,
      operationId: 'koreAdminGetSessions',
      summary: 'Sessions History for the Admin Console: the sessions of every bot of the account, newest first'
    }
  }, async (request) => sessionsOf(koreAppOf(request).botIds, request.query, request.body))
}

export default plugin
