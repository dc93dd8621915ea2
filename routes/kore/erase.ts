/** K3 Delete Customer Data and K4 its status: the erasure is a job that really deletes the users' data. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { createEraseRepository } from '../../src/db/erase.repo.js'
import { createKoreAdminRepository } from '../../src/db/kore-admin.repo.js'
import { KORE_AUTH_MESSAGES } from '../../src/auth/kore-jwt.js'
import { BadRequestError, PreconditionFailedError, UnauthorizedError } from '../../src/errors.js'
import { eraseStatusView, koreEraseJob, type EraseRequest } from '../../src/jobs/kore-erase.js'
import { koreUuid } from '../../src/jobs/kore-ids.js'
import { ref } from '../../schemas/common.js'
import { KoreEraseAcceptedSchema, KoreEraseBodySchema, KoreEraseStatusSchema } from '../../schemas/kore/admin.js'
import { koreAppOf } from './access.js'
import { KORE_VALIDATION_MSG, koreErrors } from './errors.js'

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const { catalog } = app.repos
  const { config } = app
  const admin = createKoreAdminRepository(app.db)
  app.jobs.register('kore', 'erase', koreEraseJob({ erase: createEraseRepository(app.db), admin, dataset: app.dataset }))

  app.delete('/public/bot/eraseUsersData', {
    config: { kore: { apps: ['admin'], scope: 'Delete Users Data', rateKey: 'account' } },
    schema: {
      tags: ['kore'],
      operationId: 'koreEraseUsersData',
      summary: "Deletes end users' data in the named bots (or all the account's bots); poll the status with the requestId",
      body: KoreEraseBodySchema,
      response: { 200: ref(KoreEraseAcceptedSchema), ...koreErrors(400, 401, 412, 429) }
    }
  }, async (request) => {
    const principal = koreAppOf(request)
    const b = request.body
    const all = b.RemoveDataFromAllBots === true
    // botIds is required unless RemoveDataFromAllBots: without it the request is missing an argument
    if (!all && (b.botIds === undefined || b.botIds.length === 0)) throw new PreconditionFailedError(KORE_VALIDATION_MSG)
    let botIds: number[]
    if (all) {
      botIds = catalog.botsOf('kore').filter(bot => bot.orgId === principal.orgId).map(bot => bot.id)
    } else {
      botIds = (b.botIds ?? []).map(id => {
        const bot = catalog.botByExtId('kore', id)
        if (bot === undefined) throw new BadRequestError('Invalid StreamId')
        if (!principal.botIds.includes(bot.id)) throw new UnauthorizedError(KORE_AUTH_MESSAGES.scope)
        return bot.id
      })
    }
    const userIds = [...new Set(b.userIds.map(u => u.trim()))].filter(u => u !== '')
    if (userIds.length === 0) throw new PreconditionFailedError(KORE_VALIDATION_MSG)

    const now = app.clock.now()
    const req: EraseRequest = { userIds, botIds: [...new Set(botIds)], removeFromAllBots: all }
    const extId = `eud-${koreUuid(`erase|${config.seed}|${principal.orgId}|${app.jobsRepo.count() + 1}|${now}`)}`
    app.jobsRepo.create({ vendor: 'kore', kind: 'erase', extId, orgId: principal.orgId, botId: null, request: JSON.stringify(req), createdMs: now, dueMs: now + config.kore.jobDelayMs })
    app.dataset.bumpDataVersion()
    return { requestId: extId, status: 'in-progress' as const }
  })

  app.get('/public/bot/eraseUsersData/status/:reqId', {
    config: { kore: { apps: ['admin'], scope: 'Delete Users Data', rateKey: 'account' } },
    schema: {
      tags: ['kore'],
      operationId: 'koreEraseUsersDataStatus',
      summary: 'Per-user result of a delete request: IN_PROGRESS until the job runs, then SUCCESS (or FAILED for account people)',
      params: Type.Object({ reqId: Type.String({ description: 'eud-… from the delete call' }) }),
      response: { 200: ref(KoreEraseStatusSchema), ...koreErrors(400, 401, 429) }
    }
  }, async (request) => {
    const { orgId } = koreAppOf(request)
    const job = app.jobsRepo.byExtId(request.params.reqId)
    if (job === undefined || job.vendor !== 'kore' || job.kind !== 'erase' || job.orgId !== orgId) throw new BadRequestError('Invalid request ID')
    return eraseStatusView(job)
  })
}

export default plugin
