/** Kore `auth` JWT checks per route: app kind, scope, the bot in the path, and the opt-in rate limits. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { KORE_AUTH_MESSAGES, verifyKoreJwt } from '../../src/auth/kore-jwt.js'
import type { BotRow } from '../../src/db/catalog.repo.js'
import type { Principal } from '../../src/db/principals.repo.js'
import { BadRequestError, RateLimitedError, UnauthorizedError } from '../../src/errors.js'
import { createRateLimiter, type Limit } from '../../src/rate-limit.js'

export type KoreAppKind = 'builder' | 'admin'

/** What a route accepts, set in its `config.kore`. */
export interface KoreRouteConfig {
  /** App Builder ("builder") and/or Admin Console ("admin") apps */
  apps: KoreAppKind[]
  /** the API scope the app must hold; null when any app of the right kind may call */
  scope: string | null
  /** the path parameter that holds the bot (stream) id, if the path has one */
  botParam?: string
  /** what the documented rate limit counts by (kore.md §12) */
  rateKey: 'bot' | 'request' | 'account'
}

declare module 'fastify' {
  interface FastifyContextConfig {
    kore?: KoreRouteConfig
  }
  interface FastifyRequest {
    koreApp: Principal | null
    koreBot: BotRow | null
  }
}

export function koreAppOf (request: FastifyRequest): Principal {
  if (request.koreApp === null) throw new UnauthorizedError(KORE_AUTH_MESSAGES.sdk)
  return request.koreApp
}

export function koreBotOf (request: FastifyRequest): BotRow {
  if (request.koreBot === null) throw new BadRequestError('Invalid StreamId')
  return request.koreBot
}

const MINUTE = 60_000
const LIMITS: Limit[] = [
  { windowMs: MINUTE, max: 60, message: "You've exceeded the per-minute rate limit. Please wait for sometime before retrying." },
  { windowMs: 60 * MINUTE, max: 1800, message: "You've exceeded the hourly rate limit. Please wait for sometime before retrying." }
]

export function useKoreAccess (app: FastifyInstance): void {
  const { catalog, principals } = app.repos
  const limiter = createRateLimiter(app.clock)
  app.decorateRequest('koreApp', null)
  app.decorateRequest('koreBot', null)

  app.addHook('onRequest', async (request) => {
    const cfg = request.routeOptions.config.kore
    if (request.is404 || cfg === undefined) return
    const header = request.headers.auth
    const principal = verifyKoreJwt(Array.isArray(header) ? header[0] : header, principals, app.config.seed, app.clock)
    if (!cfg.apps.includes(principal.kind as KoreAppKind) || (cfg.scope !== null && !principal.scopes.includes(cfg.scope))) {
      throw new UnauthorizedError(KORE_AUTH_MESSAGES.scope)
    }
    request.koreApp = principal
  })

  // after validation, so a malformed body is judged before the bot, as the platform does
  app.addHook('preHandler', async (request) => {
    const cfg = request.routeOptions.config.kore
    if (request.is404 || cfg === undefined) return
    const principal = koreAppOf(request)
    if (cfg.botParam !== undefined) {
      const id = (request.params as Record<string, string | undefined>)[cfg.botParam] ?? ''
      const bot = catalog.botByExtId('kore', id)
      if (bot === undefined) throw new BadRequestError('Invalid StreamId')
      if (!principal.botIds.includes(bot.id)) throw new UnauthorizedError(KORE_AUTH_MESSAGES.scope)
      request.koreBot = bot
    }
    if (app.settings.koreRateLimit) {
      const key = cfg.rateKey === 'bot' && request.koreBot !== null
        ? `bot:${request.koreBot.id}`
        : cfg.rateKey === 'request' ? `request:${request.url.split('?')[0]}` : `account:${principal.orgId}`
      const denied = limiter.hit(key, LIMITS)
      if (denied !== null) throw Object.assign(new RateLimitedError(denied.message), { retryAfter: denied.retryAfter })
    }
  })
}
