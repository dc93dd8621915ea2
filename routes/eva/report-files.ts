/** Report downloads: the CSV is rendered from the stored request, so it always matches the lists. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NotFoundError } from '../../src/errors.js'
import { toCsv } from '../../src/reports/csv.js'
import type { Repositories } from '../../src/plugins/repositories.js'
import type { Config } from '../../src/config.js'
import type { ReportRow } from '../../src/db/reports.repo.js'
import { EvaReportFileParamsSchema } from '../../schemas/eva/conversations.js'
import { conversationItem, conversationSearch } from './conversations.js'
import { messageItems, messageSearch } from './messages.js'
import { evaScope, evaWindow, iso } from './params.js'
import { evaMessageId } from './shape.js'

export interface ReportParams {
  startDate?: string
  endDate?: string
  startHour?: number
  endHour?: number
  timezone?: string
  channelUuids?: string
  sampleSize?: number
  filterField?: string
  filterTerm?: string
  sessionCode?: string
}

const ORDER = {
  RANDOM: { sessions: 'random', messages: 'random' },
  GROUPED_MESSAGES: { sessions: 'started', messages: 'session' },
  CHRONOLOGICAL: { sessions: 'started', messages: 'deliveredAt' }
} as const

/** The CSV text of a report: up to sampleSize rows of the same query the list endpoint runs. */
export function renderReport (repos: Repositories, config: Readonly<Config>, report: ReportRow): string {
  const { catalog, sessions, messages } = repos
  const bot = catalog.bots.get(report.botId)
  if (bot === undefined) throw new NotFoundError('Report not found')
  const p = JSON.parse(report.params) as ReportParams
  if (report.kind === 'conversation_details') {
    const session = sessions.byCode(bot.id, p.sessionCode ?? '')
    const rows = session === undefined ? [] : messages.transcript(session.id)
    return toCsv(['messageId', 'createdAt', 'author', 'type', 'content', 'intent', 'confidence'], rows.map(m => {
      const answer = m.answerId === null ? undefined : catalog.answers.get(m.answerId)
      return [evaMessageId(bot.extId, m.id), iso(m.tsMs), m.direction === 0 ? 'USER' : 'BOT',
        m.direction === 0 ? 'USER_INPUT' : answer?.type ?? 'TEXT', m.direction === 0 ? m.text : answer?.text,
        m.intentId === null ? '' : catalog.intents.get(m.intentId)?.name, m.confidence === null ? '' : m.confidence]
    }))
  }
  const window = evaWindow({ startDate: p.startDate ?? '', endDate: p.endDate ?? '', startHour: p.startHour ?? 0, endHour: p.endHour ?? 23, timezone: p.timezone }, config)
  const scope = evaScope(bot, catalog, { channelUuids: p.channelUuids })
  const order = ORDER[report.reportType as keyof typeof ORDER] ?? ORDER.CHRONOLOGICAL
  const limit = p.sampleSize ?? config.eva.maxSample
  if (report.kind === 'conversations') {
    const query = { scope, window, search: conversationSearch(catalog, bot, p.filterField, p.filterTerm) }
    const rows = sessions.list(query, order.sessions, 'DESC', limit, 0)
    const flows = sessions.flowsOf(rows.map(r => r.id))
    return toCsv(['sessionCode', 'businessKey', 'conversationStartedAt', 'durationInSeconds', 'channel', 'userMessages',
      'flowsTravelled', 'flowsTravelledNames', 'satisfaction', 'tags', 'userMessage'], rows.map(r => {
      const c = conversationItem(catalog, r, flows.get(r.id) ?? [])
      return [c.sessionCode, c.businessKey, c.conversationStartedAt, c.durationInSeconds, c.channel.name, c.userMessages,
        c.flowsTravelled, c.flowsTravelledNames.join('|'), c.satisfaction, c.tags.join('|'), c.userMessage]
    }))
  }
  const query = { scope, window, understanding: 'all' as const, search: messageSearch(catalog, sessions, bot, p.filterField, p.filterTerm) }
  const rows = messages.list(query, order.messages, 'DESC', limit, 0)
  const ids = rows.map(r => r.id)
  const items = messageItems(catalog, bot, rows, messages.answersOf(ids), messages.entitiesOf(ids), config.eva.rateScale)
  return toCsv(['messageId', 'sessionCode', 'deliveredAt', 'messageText', 'minimumConfidenceAchieved', 'confidence',
    'nlpResponses', 'answerNames', 'channel'], items.map(m => [m.messageId, m.sessionCode, m.deliveredAt, m.messageText,
    m.minimumConfidenceAchieved, m.confidence, m.nlpResponses.map(n => `${n.responseType}:${n.responseName}`).join('|'),
    m.answerNames.join('|'), m.channel.name]))
}

/** Public like a pre-signed URL: the unguessable report UUID is the credential. */
const plugin: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/:uuid/:fileName', {
    schema: { hide: true, params: EvaReportFileParamsSchema }
  }, async (request, reply) => {
    const report = app.repos.reports.byUuid(request.params.uuid)
    if (report === undefined || report.fileName !== request.params.fileName) throw new NotFoundError('Report not found')
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${report.fileName}"`)
      .send(renderReport(app.repos, app.config, report))
  })
}

export default plugin
