/** Registers every route group explicitly, in a fixed order (so openapi.yaml's order is stable). */
import type { FastifyPluginAsync } from 'fastify'
import repositories from '../src/plugins/repositories.js'
import chatbotcom from './chatbotcom/index.js'
import eva from './eva/index.js'
import kore from './kore/index.js'
import sandbox from './sandbox/index.js'

const routes: FastifyPluginAsync = async (app) => {
  await app.register(repositories)
  await app.register(sandbox, { prefix: '/__sandbox' })
  await app.register(eva)
  await app.register(kore, { prefix: '/api' })
  await app.register(chatbotcom, { prefix: '/reports' })
}

export default routes
