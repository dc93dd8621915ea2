/** Kore.ai XO public APIs under /api: the `auth` JWT, the `{"errors":[…]}` envelope, 405 on a wrong method. */
import type { FastifyPluginAsync } from 'fastify'
import { useResponseCache } from '../../src/plugins/response-cache.js'
import { useFaults } from '../faults.js'
import { useKoreAccess } from './access.js'
import debugLogs from './debug-logs.js'
import engagement from './engagement.js'
import erase from './erase.js'
import { useKoreErrors } from './errors.js'
import imports from './imports.js'
import messages from './messages.js'
import publish from './publish.js'
import sessions from './sessions.js'
import userRoles from './user-roles.js'
import widgets from './widgets.js'

/**
 * The Kore routes that only read the dataset. Job status pages are not among them: they
 * change as the sandbox clock passes a job's due time, with no write in between.
 */
const KORE_READS = new Set([
  'POST /api/public/bot/:botId/getSessions',
  'POST /api/public/getSessions',
  'POST /api/public/bot/:botId/getMessages',
  'POST /api/public/bot/:botId/getMessagesV2',
  'GET /api/public/bot/:botId/getMessages',
  'GET /api/public/bot/:botId/getMessagesV2',
  'POST /api/public/getMessages',
  'POST /api/public/bot/:streamId/v2/userEngagementTrend',
  'GET /api/public/bot/:botId/dashboard/:dashboardName/widget/:widgetName',
  'POST /api/public/bot/:botId/dashboard/:dashboardName/widget/:widgetName',
  'GET /api/1.1/:botId/debuglogs',
  'GET /api/public/alluserroles'
])

const plugin: FastifyPluginAsync = async (app) => {
  useKoreErrors(app)
  useFaults(app, 'kore')
  useKoreAccess(app)
  useResponseCache(app, { identity: ['auth'], cacheable: request => KORE_READS.has(`${request.method} ${request.routeOptions.url ?? ''}`) })
  // every Kore route takes the `auth` JWT: say so once for the OpenAPI document
  app.addHook('onRoute', (route) => {
    if (route.schema !== undefined && route.config?.kore !== undefined) route.schema.security = [{ koreJwt: [] }]
  })
  await app.register(widgets)
  await app.register(sessions)
  await app.register(messages)
  await app.register(debugLogs)
  await app.register(engagement)
  await app.register(userRoles)
  await app.register(publish)
  await app.register(imports)
  await app.register(erase)
}

export default plugin
