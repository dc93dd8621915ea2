/** Control-plane state shared by every vendor scope: fault rules, the request journal, run-time switches. */
import fp from 'fastify-plugin'
import { createFaults, type Faults } from '../control/faults.js'
import { createJournal, vendorOf, type Journal } from '../control/journal.js'

export interface RuntimeSettings { koreRateLimit: boolean }

declare module 'fastify' {
  interface FastifyInstance {
    faults: Faults
    journal: Journal
    settings: RuntimeSettings
  }
  interface FastifyRequest {
    sandboxFault: string | null
  }
}

export default fp(async (app) => {
  app.decorate('faults', createFaults())
  app.decorate('journal', createJournal(app.config.journalSize))
  app.decorate('settings', { koreRateLimit: app.config.kore.rateLimit })
  app.decorateRequest('sandboxFault', null)
  app.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0].slice(0, 512)
    app.journal.add({
      at: new Date(app.clock.now()).toISOString(),
      method: request.method,
      path,
      route: request.routeOptions.url ?? null,
      vendor: vendorOf(path),
      status: reply.statusCode,
      latencyMs: Math.round(reply.elapsedTime * 10) / 10,
      fault: request.sandboxFault
    })
  })
}, { name: 'control' })
