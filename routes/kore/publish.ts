/** K14 Publish Bot and K19 Bot Publish Status: the publish runs as a job on the sandbox clock. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { createKoreAdminRepository } from '../../src/db/kore-admin.repo.js'
import { BadRequestError, PreconditionFailedError } from '../../src/errors.js'
import { koreUuid } from '../../src/jobs/kore-ids.js'
import { initialPublishView, korePublishJob, publishEntries, publishStatusView, type PublishRequest } from '../../src/jobs/kore-publish.js'
import { DAY_MS, historyWindow } from '../../seeds/calendar.js'
import { SCENARIOS } from '../../seeds/index.js'
import { ref } from '../../schemas/common.js'
import { KorePublishBodySchema, KorePublishResultSchema, KorePublishStatusSchema } from '../../schemas/kore/admin.js'
import { koreAppOf, koreBotOf } from './access.js'
import { KORE_VALIDATION_MSG, koreErrors } from './errors.js'

const BotParams = Type.Object({ botId: Type.String({ maxLength: 200, description: 'Bot (stream) id, st-…' }) })

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const { catalog } = app.repos
  const { config } = app
  const repo = createKoreAdminRepository(app.db)
  app.jobs.register('kore', 'publish', korePublishJob())
  const historyStart = historyWindow(config.anchor, SCENARIOS[config.scenario].days).startMs

  app.post('/public/bot/:botId/publish', {
    config: { kore: { apps: ['admin'], scope: 'Bot Publish', botParam: 'botId', rateKey: 'bot' } },
    schema: {
      tags: ['kore'],
      operationId: 'korePublishBot',
      summary: 'Starts a publish of the bot; follow it with the publish status',
      params: BotParams,
      body: KorePublishBodySchema,
      response: { 200: ref(KorePublishResultSchema), ...koreErrors(400, 401, 412, 429) }
    }
  }, async (request) => {
    const bot = koreBotOf(request)
    const { orgId } = koreAppOf(request)
    if (request.body.versionComment.trim() === '') throw new PreconditionFailedError(KORE_VALIDATION_MSG)
    const channelTypes = catalog.channelsOf(bot.id).map(c => c.extId)
    // the seed's precondition: a bot without an enabled channel cannot be published
    if (channelTypes.length === 0) throw new BadRequestError('Please enable at least one channel before publishing the bot')
    const now = app.clock.now()
    const req: PublishRequest = {
      versionComment: request.body.versionComment,
      initiateTraining: request.body.initiateTraining ?? true,
      channelTypes,
      createdBy: repo.ownerOf(orgId) ?? ''
    }
    const extId = `ds-${koreUuid(`publish|${config.seed}|${bot.extId}|${app.jobsRepo.count() + 1}|${now}`)}`
    app.jobsRepo.create({ vendor: 'kore', kind: 'publish', extId, orgId, botId: bot.id, request: JSON.stringify(req), createdMs: now, dueMs: now + config.kore.jobDelayMs })
    app.dataset.bumpDataVersion()
    return publishEntries(bot, catalog.intentsOf(bot.id), req, now)
  })

  app.get('/public/bot/:botId/publish/status', {
    config: { kore: { apps: ['admin'], scope: 'Bot Publish', botParam: 'botId', rateKey: 'request' } },
    schema: {
      tags: ['kore'],
      operationId: 'korePublishStatus',
      summary: 'The running publish of the bot, or its last completed one',
      params: BotParams,
      response: { 200: ref(KorePublishStatusSchema), ...koreErrors(400, 401, 429) }
    }
  }, async (request) => {
    const bot = koreBotOf(request)
    const job = app.jobsRepo.latest('publish', bot.id)
    if (job !== undefined && job.vendor === 'kore') return publishStatusView(job, bot.extId, app.clock.now())
    const channelTypes = catalog.channelsOf(bot.id).map(c => c.extId)
    return initialPublishView(config.seed, bot, channelTypes, repo.ownerOf(bot.orgId) ?? '', historyStart - DAY_MS)
  })
}

export default plugin
