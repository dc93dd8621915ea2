/** Kore.ai XO public APIs under /api: the `auth` JWT, the `{"errors":[…]}` envelope, 405 on a wrong method. */
import type { FastifyPluginAsync } from 'fastify'
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

const plugin: FastifyPluginAsync = async (app) => {
  useKoreErrors(app)
  useFaults(app, 'kore')
  useKoreAccess(app)
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
