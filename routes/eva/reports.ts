/** E10, E12, E15 request a report; E16 lists them; their fileUrl downloads a real CSV. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { uuidFrom } from '../../src/auth/eva-tokens.js'
import { pageOffset, springPage } from '../../src/engine/paging.js'
import { BadRequestError, NotFoundError } from '../../src/errors.js'
import type { BotRow } from '../../src/db/catalog.repo.js'
import type { ReportRow } from '../../src/db/reports.repo.js'
import { ref } from '../../schemas/common.js'
import { EvaBotParamsSchema } from '../../schemas/eva/common.js'
import {
  EvaReportPageSchema, EvaReportRequestSchema, EvaReportsListQuerySchema, EvaSessionCodeQuerySchema
} from '../../schemas/eva/conversations.js'
import { evaBotOf } from './access.js'
import { evaErrors } from './errors.js'
import { evaPage, evaScope, evaWindow, iso } from './params.js'
import type { ReportParams } from './report-files.js'

const SEARCH_FIELDS = {
  conversations: ['SESSION_CODE', 'BUSINESS_KEY', 'FLOW'],
  messages: ['SESSION_CODE', 'INTENT', 'ENTITY', 'DOCUMENT', 'QUESTION']
} as const

function stamp (ms: number): string {
  return iso(ms).replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
}

const plugin: FastifyPluginAsyncTypebox<{ hide: boolean }> = async (app, opts) => {
  const { catalog, reports, sessions } = app.repos
  const { eva } = app.config
  const common = { tags: ['eva-dashboard'], hide: opts.hide, security: [{ evaBearer: [] }], params: EvaBotParamsSchema }
  const noContent = { [eva.reportStatus]: { description: 'No content', type: 'null' } }

  function create (bot: BotRow, kind: ReportRow['kind'], reportType: string, params: ReportParams): void {
    const now = app.clock.now()
    const n = reports.total() + 1
    const uuid = uuidFrom(`report|${app.config.seed}|${bot.extId}|${n}|${now}`)
    const fileName = `${kind.replace('_', '-')}-report-${stamp(now)}.csv`
    reports.insert({ botId: bot.id, uuid, kind, reportType, fileName, params: JSON.stringify(params), createdMs: now })
    app.dataset.bumpDataVersion()
  }

  for (const kind of ['conversations', 'messages'] as const) {
    app.post(`/${kind}/request_report`, {
      schema: {
        ...common,
        operationId: `eva${kind === 'messages' ? 'Messages' : 'Conversations'}RequestReport`,
        summary: `Requests a ${kind} report, listed afterwards in reports/list`,
        body: ref(EvaReportRequestSchema),
        response: { ...noContent, ...evaErrors(400, 401, 403) }
      }
    }, async (request, reply) => {
      const bot = evaBotOf(request)
      const b = request.body
      const window = evaWindow({ ...b, timezone: b.timezone }, app.config)
      evaScope(bot, catalog, b) // validates the channel list
      if (b.sampleSize > eva.maxSample) throw new BadRequestError(`sampleSize must not exceed maxSample (${eva.maxSample})`)
      const field = b.filterField === undefined || b.filterField === '' ? undefined : b.filterField
      if (field !== undefined && !(SEARCH_FIELDS[kind] as readonly string[]).includes(field)) {
        throw new BadRequestError(`Unknown filterField: ${field}`)
      }
      if (field !== undefined && (b.filterTerm === undefined || b.filterTerm === '')) throw new BadRequestError('filterTerm is required with filterField')
      create(bot, kind, b.reportType, {
        startDate: b.startDate,
        endDate: b.endDate,
        startHour: window.startHour,
        endHour: window.endHour,
        timezone: window.tz,
        channelUuids: b.channelUuids ?? '',
        sampleSize: b.sampleSize,
        filterField: field,
        filterTerm: field === undefined ? undefined : b.filterTerm
      })
      return reply.code(eva.reportStatus).send()
    })
  }

  app.post('/conversations/details/request_report', {
    schema: {
      ...common,
      operationId: 'evaConversationDetailsRequestReport',
      summary: 'Requests a report with the full content of one conversation',
      querystring: EvaSessionCodeQuerySchema,
      response: { ...noContent, ...evaErrors(400, 401, 403, 404) }
    }
  }, async (request, reply) => {
    const bot = evaBotOf(request)
    const session = sessions.byCode(bot.id, request.query.sessionCode)
    if (session === undefined) throw new NotFoundError(`Conversation not found: ${request.query.sessionCode}`)
    create(bot, 'conversation_details', 'CONVERSATION_DETAILS', { sessionCode: session.code })
    return reply.code(eva.reportStatus).send()
  })

  app.get('/reports/list', {
    schema: {
      ...common,
      operationId: 'evaReportsList',
      summary: 'Lists the requested reports, newest first',
      querystring: EvaReportsListQuerySchema,
      response: { 200: ref(EvaReportPageSchema), ...evaErrors(400, 401, 403) }
    }
  }, async (request) => {
    const bot = evaBotOf(request)
    const page = evaPage(request.query, app.config)
    const base = `${request.protocol}://${request.host}/eva-dashboard/files`
    const rows = reports.page(bot.id, page.size, pageOffset(page)).map(r => ({
      fileName: r.fileName,
      createdAt: iso(r.createdMs),
      fileUrl: `${base}/${r.uuid}/${encodeURIComponent(r.fileName)}`,
      reportType: r.reportType
    }))
    return springPage(rows, reports.count(bot.id), page, true)
  })
}

export default plugin
