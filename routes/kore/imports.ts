/** K16 Import into an existing bot and K15 Bot Import Status (plus K18 Upload File, which feeds them). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { createKoreAdminRepository } from '../../src/db/kore-admin.repo.js'
import { BadRequestError, PreconditionFailedError, UnprocessableError } from '../../src/errors.js'
import { koreUuid, streamRefIdOf } from '../../src/jobs/kore-ids.js'
import { importRequestView, importStatusView, isOldUniversalBot, koreImportJob, OLD_UNIVERSAL_BOT, type ImportRequest } from '../../src/jobs/kore-import.js'
import { ref } from '../../schemas/common.js'
import { HEX24, KoreImportBodySchema, KoreImportRequestSchema, KoreImportStatusSchema } from '../../schemas/kore/admin.js'
import { koreAppOf, koreBotOf } from './access.js'
import { KORE_VALIDATION_MSG, koreErrors } from './errors.js'
import uploads from './uploads.js'

const FILE_ID = new RegExp(HEX24)

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const { catalog } = app.repos
  const { config } = app
  const repo = createKoreAdminRepository(app.db)
  app.jobs.register('kore', 'import', koreImportJob({ admin: repo, failedStatus: config.kore.importFailedStatus }))
  await app.register(uploads)

  app.post('/public/bot/:botId/import', {
    config: { kore: { apps: ['admin'], scope: 'Bot Import', botParam: 'botId', rateKey: 'bot' } },
    schema: {
      tags: ['kore'],
      operationId: 'koreImportIntoExistingBot',
      summary: 'Imports uploaded definition files into the bot; poll the import status with the returned _id',
      params: Type.Object({ botId: Type.String({ maxLength: 200 }) }),
      body: KoreImportBodySchema,
      response: { 200: ref(KoreImportRequestSchema), ...koreErrors(400, 401, 412, 422, 429) }
    }
  }, async (request) => {
    const bot = koreBotOf(request)
    const { orgId } = koreAppOf(request)
    const b = request.body
    if (b.botDefinition.trim() === '' || b.configInfo.trim() === '') throw new PreconditionFailedError(KORE_VALIDATION_MSG)
    const ids = [b.botDefinition, b.configInfo, ...b.botFunctions ?? []]
    const files = ids.map(id => FILE_ID.test(id) ? repo.upload(id, orgId) : undefined)
    if (files.some(f => f === undefined)) throw new BadRequestError('Invalid file id')
    // judged on the spot, as the QA suite sees it: the import call itself answers 422
    if (isOldUniversalBot(files[0]?.content ?? Buffer.alloc(0))) throw new UnprocessableError(OLD_UNIVERSAL_BOT)

    const now = app.clock.now()
    const o = b.importOptions
    const req: ImportRequest = {
      botDefinition: b.botDefinition,
      configInfo: b.configInfo,
      botFunctions: b.botFunctions ?? [],
      importOptions: o === undefined ? null : { tasks: o.tasks, nlpData: o.nlpData, settings: o.settings, botComponents: o.botComponents },
      botName: bot.name,
      streamId: bot.extId,
      streamRefId: streamRefIdOf(config.seed, bot.extId),
      createdBy: repo.ownerOf(orgId) ?? '',
      dialogs: catalog.intentsOf(bot.id).filter(i => i.kind === 'intent').map(i => i.name)
    }
    const extId = `bir-${koreUuid(`import|${config.seed}|${bot.extId}|${app.jobsRepo.count() + 1}|${now}`)}`
    const job = app.jobsRepo.create({ vendor: 'kore', kind: 'import', extId, orgId, botId: bot.id, request: JSON.stringify(req), createdMs: now, dueMs: now + config.kore.jobDelayMs })
    app.dataset.bumpDataVersion()
    return importRequestView(job)
  })

  app.get('/public/bot/import/status/:birId', {
    config: { kore: { apps: ['admin'], scope: 'Bot Import', rateKey: 'request' } },
    schema: {
      tags: ['kore'],
      operationId: 'koreBotImportStatus',
      summary: 'Status of an import: pending, then success with the imported components (or failed)',
      params: Type.Object({ birId: Type.String({ description: 'bir-… from the import call' }) }),
      response: { 200: ref(KoreImportStatusSchema), ...koreErrors(400, 401, 429) }
    }
  }, async (request) => {
    const { orgId } = koreAppOf(request)
    const job = app.jobsRepo.byExtId(request.params.birId)
    // another account's request, or another kind of job, is as unknown as a made-up id
    if (job === undefined || job.vendor !== 'kore' || job.kind !== 'import' || job.orgId !== orgId) throw new BadRequestError('Invalid request ID')
    return importStatusView(job)
  })
}

export default plugin
