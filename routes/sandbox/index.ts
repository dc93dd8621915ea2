/** The control plane under /__sandbox (hidden from openapi.yaml): health, tenants, reset, clock, faults, rate limits, journal. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthSchema } from '../../schemas/sandbox.js'
import controls from './controls.js'
import { useSandboxGuard } from './guard.js'
import tenants from './tenants.js'

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const { config } = app
  useSandboxGuard(app)
  const health = () => ({
    status: 'ok' as const,
    seed: config.seed,
    scenario: config.scenario,
    anchor: config.anchor,
    dataVersion: app.dataset.dataVersion()
  })

  app.get('/health', { schema: { hide: true, response: { 200: HealthSchema } } }, async () => health())

  app.post('/reset', { schema: { hide: true, response: { 200: HealthSchema } } }, async () => {
    app.dataset.reset()
    app.clock.reset()
    app.faults.clear()
    app.journal.clear()
    app.settings.koreRateLimit = config.kore.rateLimit
    return health()
  })

  await app.register(tenants)
  await app.register(controls)
}

export default plugin
