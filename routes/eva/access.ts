/** Bearer-token checks for an eva scope: 401 for the token itself, 403 for the org/env/bot it may not read. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { EvaTokens } from '../../src/auth/eva-tokens.js'
import type { BotRow } from '../../src/db/catalog.repo.js'
import { ForbiddenError, UnauthorizedError } from '../../src/errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    evaUser: string | null
    evaBot: BotRow | null
  }
}

/** The bot the request may read; set by the preHandler, so handlers can rely on it. */
export function evaBotOf (request: FastifyRequest): BotRow {
  if (request.evaBot === null) throw new ForbiddenError('Access Denied')
  return request.evaBot
}

/**
 * Encapsulated in the scope that calls it: the token is checked on every request
 * (onRequest, before any parsing), the bot after the path parameters are validated,
 * so a malformed UUID is a 400 and a well-formed one the user may not read a 403.
 */
export function useEvaAccess (app: FastifyInstance, tokens: EvaTokens): void {
  const { catalog, principals } = app.repos
  app.decorateRequest('evaUser', null)
  app.decorateRequest('evaBot', null)

  // Unknown paths and wrong methods skip auth, so they answer 404/405 as Spring's
  // dispatcher would for any caller.
  app.addHook('onRequest', async (request) => {
    if (request.is404) return
    const header = request.headers.authorization
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (match === null) throw new UnauthorizedError('Full authentication is required to access this resource')
    const claims = tokens.verify(match[1], 'Bearer')
    request.evaUser = claims.preferred_username
  })

  app.addHook('preHandler', async (request) => {
    if (request.is404) return
    const params = request.params as { orgUUID?: string, envUUID?: string, botUUID?: string }
    const bot = catalog.botByExtId('eva', (params.botUUID ?? '').toLowerCase())
    const user = request.evaUser === null ? undefined : principals.find('eva', request.evaUser)
    if (bot === undefined || user === undefined) throw new ForbiddenError('Access Denied')
    const org = catalog.orgs.get(bot.orgId)
    const env = catalog.envs.get(bot.envId)
    const sameTenant = org?.extId === params.orgUUID?.toLowerCase() && env?.extId === params.envUUID?.toLowerCase()
    if (!sameTenant || !user.botIds.includes(bot.id)) throw new ForbiddenError('Access Denied')
    request.evaBot = bot
  })
}
