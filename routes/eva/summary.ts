/** E1–E3: availability summary and report configurations. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ref } from '../../schemas/common.js'
import { EvaReportConfigurationsSchema, EvaSummarySchema } from '../../schemas/eva/analytics.js'
import { EvaBotParamsSchema } from '../../schemas/eva/common.js'
import { evaBotOf } from './access.js'
import { evaErrors } from './errors.js'
import { iso } from './params.js'

const plugin: FastifyPluginAsyncTypebox<{ hide: boolean }> = async (app, opts) => {
  const { traffic } = app.repos
  const common = { tags: ['eva-dashboard'], hide: opts.hide, security: [{ evaBearer: [] }], params: EvaBotParamsSchema }
  const configurations = { maxSample: app.config.eva.maxSample, availableExportTypes: ['CSV'] }

  app.get('/dashboard/summary', {
    schema: {
      ...common,
      operationId: 'evaDashboardSummary',
      summary: "Acquires the dashboards' configurations and availability summary",
      response: { 200: ref(EvaSummarySchema), ...evaErrors(400, 401, 403) }
    }
  }, async (request) => {
    const first = traffic.firstSessionMs(evaBotOf(request).id)
    return { hasData: first !== null, firstDataSet: first === null ? null : iso(first) }
  })

  for (const kind of ['messages', 'conversations'] as const) {
    app.get(`/${kind}/report_configurations`, {
      schema: {
        ...common,
        operationId: `eva${kind === 'messages' ? 'Messages' : 'Conversations'}ReportConfigurations`,
        summary: `Acquires the configurations and rules of the ${kind} report prompt`,
        response: { 200: ref(EvaReportConfigurationsSchema), ...evaErrors(400, 401, 403) }
      }
    }, async (request) => {
      evaBotOf(request)
      return configurations
    })
  }
}

export default plugin
