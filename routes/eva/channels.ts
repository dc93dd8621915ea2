/** E18: the channel types of a bot with their channel UUIDs (what clients send in channelUuids). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { EvaTokens } from '../../src/auth/eva-tokens.js'
import { ref } from '../../schemas/common.js'
import { EvaChannelsDashboardSchema } from '../../schemas/eva/auth.js'
import { EvaBotParamsSchema } from '../../schemas/eva/common.js'
import { useFaults } from '../faults.js'
import { evaBotOf, useEvaAccess } from './access.js'
import { evaErrors, useEvaErrors } from './errors.js'

const plugin: FastifyPluginAsyncTypebox<{ tokens: EvaTokens }> = async (app, opts) => {
  const { catalog } = app.repos
  useEvaErrors(app)
  useFaults(app, 'eva')
  useEvaAccess(app, opts.tokens)

  app.get('/:orgUUID/env/:envUUID/bot/:botUUID/channels/dashboard', {
    schema: {
      tags: ['eva-auth'],
      security: [{ evaBearer: [] }],
      operationId: 'evaChannelsDashboard',
      summary: "The bot's channel types, each with its channels",
      params: EvaBotParamsSchema,
      response: { 200: ref(EvaChannelsDashboardSchema), ...evaErrors(400, 401, 403) }
    }
  }, async (request) => {
    const bot = evaBotOf(request)
    const groups = new Map<number, { id: number, name: string, image: string, channelClassification: { id: number, name: string }, channelsFromType: Array<{ uuid: string, name: string }> }>()
    for (const channel of catalog.channelsOf(bot.id)) {
      const type = catalog.channelTypes.get(channel.typeId)
      if (type === undefined) continue
      let group = groups.get(type.id)
      if (group === undefined) {
        group = { id: type.id, name: type.name, image: type.image, channelClassification: { id: type.classId, name: type.className }, channelsFromType: [] }
        groups.set(type.id, group)
      }
      group.channelsFromType.push({ uuid: channel.extId, name: channel.name })
    }
    return [...groups.values()].sort((a, b) => a.id - b.id)
  })
}

export default plugin
