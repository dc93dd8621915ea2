/**
 * CORS for browser frontends (SANDBOX_CORS_ORIGINS): every vendor route and the control
 * plane, preflights answered before any vendor hook, and the headers on error answers too.
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import cors, { type FastifyCorsOptions } from '@fastify/cors'
import type { Config } from '../config.js'

/** What the vendors' clients send: eva and ChatBot.com bearers, Kore's `auth` JWT, the sandbox's own headers. */
export const CORS_ALLOWED_HEADERS = ['authorization', 'auth', 'content-type', 'x-sandbox-token', 'x-sandbox-delay', 'x-sandbox-status']
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']
/**
 * Response headers a script may read beyond the CORS-safelisted ones: `Retry-After` of 429
 * and 503 answers (Kore's limits, injected faults), `Content-Disposition` of eva's report
 * CSV files, `Allow` of the 405 answers.
 */
export const CORS_EXPOSED_HEADERS = ['retry-after', 'content-disposition', 'allow']
/** Seconds a browser may reuse a preflight answer; short, so a changed SANDBOX_CORS_ORIGINS is soon seen. */
const PREFLIGHT_MAX_AGE = 600

const PREFLIGHT = 'corsPreflight'

/** A browser's preflight: OPTIONS with `Origin` and `Access-Control-Request-Method`; any other OPTIONS is a request like the rest. */
function isPreflight (req: { method?: string, headers: IncomingHttpHeaders }): boolean {
  return req.method === 'OPTIONS' && req.headers.origin !== undefined && req.headers['access-control-request-method'] !== undefined
}

/**
 * @fastify/cors adds an `OPTIONS *` route so that preflights are routed at all. Left as it is,
 * that route would take every OPTIONS request, and a plain one would lose the 405 (with
 * `Allow`, in the vendor's error body) that each vendor's not-found handler gives a method a
 * path does not accept. So the route is constrained to preflights; a plain OPTIONS reaches
 * the vendor's not-found handler as it did without CORS.
 */
function routeOnlyPreflights (app: FastifyInstance): void {
  app.addConstraintStrategy({
    name: PREFLIGHT,
    // one store per router node, as find-my-way asks
    storage: () => {
      const handlers = new Map()
      return { get: (value: string) => handlers.get(value) ?? null, set: (value: string, handler: unknown) => { handlers.set(value, handler) } }
    },
    // undefined (not derived) leaves only the unconstrained routes: every route but that one
    deriveConstraint: (req) => (isPreflight(req) ? 'yes' : undefined) as string,
    mustMatchWhenDerived: false
  })
  app.addHook('onRoute', (route) => {
    if (route.method === 'OPTIONS' && route.url === '*') route.constraints = { ...route.constraints, [PREFLIGHT]: 'yes' }
  })
}

type FrameworkErrors = (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => void

/**
 * Fastify's `frameworkErrors` (a malformed URL, an over-long path parameter) are answered
 * before routing, so no hook runs for them: the origin header is added here, or a browser
 * could not read those 400s either.
 */
export function corsOnFrameworkErrors (origins: Config['corsOrigins'], handler: FrameworkErrors): FrameworkErrors {
  if (origins === false) return handler
  return (err, request, reply) => {
    if (origins === '*') {
      reply.header('access-control-allow-origin', '*')
    } else {
      reply.header('vary', 'Origin')
      const origin = request.headers.origin
      if (origin !== undefined && origins.includes(origin)) reply.header('access-control-allow-origin', origin)
    }
    handler(err, request, reply)
  }
}

export default fp(async (app) => {
  const origins = app.config.corsOrigins
  // off: no headers, and OPTIONS keeps answering 405 as before
  if (origins === false) return
  const options: FastifyCorsOptions = {
    // a list is matched exactly and the request's origin echoed, with Vary: Origin
    origin: origins,
    methods: CORS_METHODS,
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    // no cookies: every vendor takes its credentials from a header
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE
  }
  // For a plain OPTIONS: without this the preflight branch would answer it (400 "Invalid
  // Preflight Request") in place of the vendor's 405; it still gets the origin headers. (With
  // a delegator, @fastify/cors adds Vary: Origin to every answer, which is harmless with *.)
  const plainOptions: FastifyCorsOptions = { ...options, preflight: false }
  routeOnlyPreflights(app)
  await app.register(cors, {
    // onRequest, registered before the vendor scopes: a preflight never meets their auth,
    // fault or rate-limit hooks, and the headers are already on the reply when those throw
    hook: 'onRequest',
    delegator: (req, cb) => { cb(null, req.method === 'OPTIONS' && !isPreflight(req) ? plainOptions : options) }
  })
}, { name: 'cors' })
