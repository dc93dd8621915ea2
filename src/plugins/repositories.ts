/** Repositories over the database, each preparing its statements once, decorated for routes. */
import fp from 'fastify-plugin'
import { loadCatalog, type Catalog } from '../db/catalog.repo.js'
import { createMessagesRepository, type MessagesRepository } from '../db/messages.repo.js'
import { createPrincipalsRepository, type PrincipalsRepository } from '../db/principals.repo.js'
import { createReportsRepository, type ReportsRepository } from '../db/reports.repo.js'
import { createSessionsRepository, type SessionsRepository } from '../db/sessions.repo.js'
import { createTrafficRepository, type TrafficRepository } from '../db/traffic.repo.js'

export interface Repositories {
  catalog: Catalog
  traffic: TrafficRepository
  sessions: SessionsRepository
  messages: MessagesRepository
  reports: ReportsRepository
  principals: PrincipalsRepository
}

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories
  }
}

export default fp(async (app) => {
  app.decorate('repos', {
    catalog: loadCatalog(app.db),
    traffic: createTrafficRepository(app.db, { rollups: app.config.rollups }),
    sessions: createSessionsRepository(app.db),
    messages: createMessagesRepository(app.db, { rollups: app.config.rollups }),
    reports: createReportsRepository(app.db),
    principals: createPrincipalsRepository(app.db)
  })
}, { name: 'repositories', dependencies: ['db'] })
