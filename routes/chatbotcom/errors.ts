/** ChatBot.com's error body `{timestamp, status: {code, type, message}}` and bearer-token auth for its scope. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Principal } from '../../src/db/principals.repo.js'
import { reasonPhrase } from '../../src/app.js'
import { isInjected, retryAfterOf, statusOf, UnauthorizedError } from '../../src/errors.js'
import { ref } from '../../schemas/common.js'
import { ChatbotErrorSchema } from '../../schemas/chatbotcom/reports.js'

declare module 'fastify' {
  interface FastifyRequest {
    chatbotAccount: Principal | null
  }
}

export function chatbotErrors (...codes: number[]): Record<number, ReturnType<typeof ref<typeof ChatbotErrorSchema>>> {
  return Object.fromEntries(codes.map(c => [c, ref(ChatbotErrorSchema)]))
}

export function accountOf (request: FastifyRequest): Principal {
  if (request.chatbotAccount === null) throw new UnauthorizedError('Authorization failed')
  return request.chatbotAccount
}

/**
 * Errors and auth of the ChatBot.com scope. Only a developer access token reads reports;
 * the client access token is for /query only (legacy docs), so it is refused like an
 * unknown token. Validation messages read like the API's ("Validation error: …").
 */
export function useChatbotScope (app: FastifyInstance): void {
  const { principals } = app.repos
  const body = (status: number, message: string) => ({
    timestamp: new Date(app.clock.now()).toISOString(),
    status: { code: status, type: 'error' as const, message }
  })
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err.validation !== undefined) {
      const v = err.validation[0]
      const field = (v?.instancePath ?? '').replace(/^\//, '').split('/')[0] || String(v?.params?.missingProperty ?? 'query')
      const allowed = v?.keyword === 'enum' ? (v.params as { allowedValues?: unknown[] }).allowedValues : undefined
      const what = allowed !== undefined ? `must be one of [${allowed.join(', ')}]` : v?.message ?? 'is invalid'
      return reply.code(400).send(body(400, `Validation error: "${field}" ${what}`))
    }
    const status = statusOf(err)
    const retryAfter = retryAfterOf(err)
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter))
    if (status >= 500) {
      if (!isInjected(err)) request.log.error({ err }, 'unhandled error')
      return reply.code(status).send(body(status, reasonPhrase(status)))
    }
    return reply.code(status).send(body(status, err.message))
  })
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]
    const allowed = app.allowedMethods(path)
    if (allowed.length > 0) return reply.code(405).header('allow', allowed.join(', ')).send(body(405, `Method ${request.method} not allowed`))
    return reply.code(404).send(body(404, `Resource ${path} not found`))
  })

  app.decorateRequest('chatbotAccount', null)
  app.addHook('onRequest', async (request) => {
    if (request.is404) return
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')
    if (match === null) throw new UnauthorizedError('Authorization failed: missing access token')
    const principal = principals.find('chatbotcom', match[1])
    if (principal === undefined) throw new UnauthorizedError('Authorization failed: invalid access token')
    if (principal.kind !== 'developer') throw new UnauthorizedError('Authorization failed: the client access token is allowed only on /query')
    request.chatbotAccount = principal
  })
}
