/** ChatBot.com Reports API under /reports: bearer developer token, the six reports. */
import type { FastifyPluginAsync } from 'fastify'
import { createChatbotcomRepository } from '../../src/db/chatbotcom.repo.js'
import { useResponseCache } from '../../src/plugins/response-cache.js'
import { useFaults } from '../faults.js'
import { useChatbotScope } from './errors.js'
import popularity from './popularity.js'
import series from './series.js'

const plugin: FastifyPluginAsync = async (app) => {
  useFaults(app, 'chatbotcom')
  useChatbotScope(app)
  // the six reports are reads
  useResponseCache(app, { identity: ['authorization'], cacheable: request => request.method === 'GET' })
  const repo = createChatbotcomRepository(app.db, { rollups: app.config.rollups })
  await app.register(series, { repo })
  await app.register(popularity, { repo })
}

export default plugin
