/** Kore's `{"errors":[{"msg","code"}]}` envelope for every Kore scope's error and not-found handlers. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { reasonPhrase } from '../../src/app.js'
import { isInjected, retryAfterOf, statusOf } from '../../src/errors.js'
import { ref } from '../../schemas/common.js'
import { KoreErrorSchema } from '../../schemas/kore/common.js'

export const KORE_VALIDATION_MSG = 'Validation errors/ Invalid arguments'

export function koreErrors (...codes: number[]): Record<number, ReturnType<typeof ref<typeof KoreErrorSchema>>> {
  return Object.fromEntries(codes.map(c => [c, ref(KoreErrorSchema)]))
}

export function koreBody (msg: string, code: number | string) {
  return { errors: [{ msg, code }] }
}

/**
 * Validation failures: a missing required body field (or no body) is 412 "Validation
 * errors/ Invalid arguments" as the QA suite asserts; any other invalid input is 400.
 * Auth failures carry code 4002. A 5xx never shows its cause.
 */
export function useKoreErrors (app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err.validation !== undefined) {
      const missing = err.validationContext === 'body' && err.validation.some(v => v.keyword === 'required' || (v.keyword === 'type' && v.instancePath === ''))
      if (missing) return reply.code(412).send(koreBody(KORE_VALIDATION_MSG, 412))
      return reply.code(400).send(koreBody(err.message, 400))
    }
    let status = statusOf(err)
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.code(412).send(koreBody(KORE_VALIDATION_MSG, 412))
    if (status === 415 && !isInjected(err)) status = 400
    const retryAfter = retryAfterOf(err)
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter))
    if (status >= 500) {
      if (!isInjected(err)) request.log.error({ err }, 'unhandled error')
      return reply.code(status).send(koreBody(reasonPhrase(status), status))
    }
    return reply.code(status).send(koreBody(err.message, status === 401 ? 4002 : status))
  })
  app.setNotFoundHandler((request, reply) => {
    const allowed = app.allowedMethods(request.url.split('?')[0])
    if (allowed.length > 0) return reply.code(405).header('allow', allowed.join(', ')).send(koreBody('Method Not Allowed', 405))
    return reply.code(404).send(koreBody('Not Found', 404))
  })
}
