/** eva's Spring-style error body, for every eva scope's error and not-found handlers. */
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyError } from 'fastify'
import { reasonPhrase } from '../../src/app.js'
import { isInjected, retryAfterOf, statusOf } from '../../src/errors.js'
import { ref } from '../../schemas/common.js'
import { EvaErrorSchema } from '../../schemas/eva/common.js'

/** Response schemas for the error statuses a route can return. */
export function evaErrors (...codes: number[]): Record<number, ReturnType<typeof ref<typeof EvaErrorSchema>>> {
  return Object.fromEntries(codes.map(c => [c, ref(EvaErrorSchema)]))
}

function body (app: FastifyInstance, request: FastifyRequest, status: number, message: string) {
  return {
    timestamp: new Date(app.clock.now()).toISOString(),
    status,
    error: reasonPhrase(status),
    message,
    path: request.url.split('?')[0]
  }
}

/**
 * Installs the Spring error envelope in an eva scope. Validation failures are 400 with the
 * validator's message; 5xx never shows its cause (it is logged instead).
 */
export function useEvaErrors (app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = err.validation !== undefined ? 400 : statusOf(err)
    if (status >= 500 && !isInjected(err)) request.log.error({ err }, 'unhandled error')
    const message = status >= 500 ? reasonPhrase(status) : err.message
    const retryAfter = retryAfterOf(err)
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter))
    return reply.code(status).send(body(app, request, status, message))
  })
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]
    const allowed = app.allowedMethods(path)
    if (allowed.length > 0) {
      return reply.code(405).header('allow', allowed.join(', '))
        .send(body(app, request, 405, `Request method '${request.method}' is not supported`))
    }
    return reply.code(404).send(body(app, request, 404, `No static resource ${path.slice(1)}.`))
  })
}
