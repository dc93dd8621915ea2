/** NTT DATA eva: Keycloak token endpoint, channel list, and the Dashboard API under its real base path and the seed's bare paths. */
import type { FastifyPluginAsync } from 'fastify'
import { createEvaTokens } from '../../src/auth/eva-tokens.js'
import auth from './auth.js'
import channels from './channels.js'
import dashboard from './dashboard.js'
import { useEvaErrors } from './errors.js'
import reportFiles from './report-files.js'

const plugin: FastifyPluginAsync = async (app) => {
  const privateKey = app.dataset.meta('eva_jwt_private')
  const publicKey = app.dataset.meta('eva_jwt_public')
  if (privateKey === null || publicKey === null) throw new Error('database has no eva signing key: rebuild it')
  const tokens = createEvaTokens({
    privateKey,
    publicKey,
    clock: app.clock,
    accessTtl: app.config.eva.accessTokenTtl,
    refreshTtl: app.config.eva.refreshTokenTtl
  })

  await app.register(auth, { prefix: '/auth/realms', tokens })
  await app.register(channels, { prefix: '/eva-channel/org', tokens })
  await app.register(dashboard, { prefix: '/eva-dashboard/org', tokens, hide: false })
  // the seed writes the paths without /eva-dashboard; serve them too, out of the spec
  await app.register(dashboard, { prefix: '/org', tokens, hide: true })
  await app.register(async (files) => {
    useEvaErrors(files)
    await files.register(reportFiles)
  }, { prefix: '/eva-dashboard/files' })
}

export default plugin
