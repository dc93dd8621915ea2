/** The eva Dashboard scope: bearer auth and Spring errors around the 16 endpoints. */
import type { FastifyPluginAsync } from 'fastify'
import type { EvaTokens } from '../../src/auth/eva-tokens.js'
import { useResponseCache } from '../../src/plugins/response-cache.js'
import { useFaults } from '../faults.js'
import { useEvaAccess } from './access.js'
import analytics from './analytics.js'
import conversations from './conversations.js'
import { useEvaErrors } from './errors.js'
import messages from './messages.js'
import reports from './reports.js'
import summary from './summary.js'

export interface DashboardOptions { tokens: EvaTokens, hide: boolean }

const plugin: FastifyPluginAsync<DashboardOptions> = async (app, opts) => {
  useEvaErrors(app)
  useFaults(app, 'eva')
  useEvaAccess(app, opts.tokens)
  // every GET here is a read; request_report writes (and bumps the data version)
  useResponseCache(app, { identity: ['authorization'], cacheable: request => request.method === 'GET' })
  const prefix = '/:orgUUID/env/:envUUID/bot/:botUUID'
  const child = { prefix, hide: opts.hide }
  await app.register(summary, child)
  await app.register(analytics, child)
  await app.register(conversations, child)
  await app.register(messages, child)
  await app.register(reports, child)
}

export default plugin
