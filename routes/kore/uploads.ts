/** K18 Upload File: multipart `file` + `fileContext` + `fileExtension`, stored in `uploads` for the import (K16). */
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import multipart from '@fastify/multipart'
import { Type } from '@sinclair/typebox'
import { createKoreAdminRepository } from '../../src/db/kore-admin.repo.js'
import { BadRequestError, PreconditionFailedError, statusOf } from '../../src/errors.js'
import { koreObjectId, koreUuid, sha1Hex } from '../../src/jobs/kore-ids.js'
import { ref } from '../../schemas/common.js'
import { KoreUploadResultSchema } from '../../schemas/kore/admin.js'
import { koreAppOf } from './access.js'
import { KORE_VALIDATION_MSG, koreErrors } from './errors.js'

/** Bot definitions are a few hundred KiB; 5 MiB leaves room for exports with many dialogs [I]. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
/** The extensions the docs list for bulkImport (json, js, csv) and the exported zip. */
const EXTENSIONS = new Set(['json', 'js', 'csv', 'zip'])

interface Form { file?: { name: string, content: Buffer }, fields: Map<string, string> }

/** Reads every part; the multipart plugin's own limit errors are 413s, anything busboy trips on is a 400. */
async function readForm (request: FastifyRequest): Promise<Form> {
  const form: Form = { fields: new Map() }
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer()
        if (part.fieldname === 'file') form.file = { name: part.filename, content }
      } else if (typeof part.value === 'string') {
        form.fields.set(part.fieldname, part.value)
      }
    }
  } catch (err) {
    if (statusOf(err) < 500) throw err
    throw new BadRequestError('Malformed multipart/form-data payload')
  }
  return form
}

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const repo = createKoreAdminRepository(app.db)
  // registered in this plugin's scope only: no other Kore route accepts multipart bodies
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 12, headerPairs: 100 } })

  app.post('/public/uploadfile', {
    config: { kore: { apps: ['admin'], scope: null, rateKey: 'account' } },
    // the body is a stream at validation time (no attachFieldsToBody), so nothing to validate here
    validatorCompiler: () => () => true,
    schema: {
      tags: ['kore'],
      operationId: 'koreUploadFile',
      summary: 'Uploads a bot definition, config or function file (multipart) and returns its fileId for the import',
      consumes: ['multipart/form-data'],
      // documents the form for openapi.yaml only: the handler reads the parts as a stream and checks them itself
      body: Type.Unsafe<unknown>({
        type: 'object',
        properties: {
          file: { type: 'string', format: 'binary', description: 'The file; at most 5 MiB' },
          fileContext: { type: 'string', enum: ['bulkImport'] },
          fileExtension: { type: 'string', enum: ['json', 'js', 'csv', 'zip'], description: 'A leading dot is accepted' }
        },
        required: ['file', 'fileContext', 'fileExtension']
      }),
      response: { 200: ref(KoreUploadResultSchema), ...koreErrors(400, 401, 412, 413, 429) }
    }
  }, async (request) => {
    const { orgId } = koreAppOf(request)
    if (!request.isMultipart()) throw new BadRequestError('The request must be multipart/form-data')
    const form = await readForm(request)
    const context = form.fields.get('fileContext')?.trim() ?? ''
    const extension = (form.fields.get('fileExtension') ?? '').trim().replace(/^\./, '').toLowerCase()
    if (form.file === undefined || context === '' || extension === '') throw new PreconditionFailedError(KORE_VALIDATION_MSG)
    if (context !== 'bulkImport') throw new BadRequestError(`Invalid fileContext: ${context.slice(0, 40)}`)
    if (!EXTENSIONS.has(extension)) throw new BadRequestError(`Invalid fileExtension: ${extension.slice(0, 20)}`)
    if (form.file.content.length === 0) throw new BadRequestError('The uploaded file is empty')

    const now = app.clock.now()
    const n = repo.uploadCount() + 1
    const fileId = koreObjectId(now, `upload|${app.config.seed}|${n}`)
    repo.insertUpload({ extId: fileId, orgId, fileName: form.file.name, extension, context, content: form.file.content, createdMs: now })
    app.dataset.bumpDataVersion()
    return { fileId, hash: sha1Hex(form.file.content), fileName: `f-${koreUuid(`file|${app.config.seed}|${fileId}`)}` }
  })
}

export default plugin
