/** Registers every named model once, so routes reference them by $id. */
import fp from 'fastify-plugin'
import { ALL_MODELS } from '../../schemas/index.js'

export default fp(async (app) => {
  for (const model of ALL_MODELS) app.addSchema(model)
}, { name: 'schemas' })
