/** The application factory: wires plugins and vendor routes; never listens. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type Database from 'better-sqlite3'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config.js'
import { controllableClock, type ControlledClock } from './clock.js'
import { openDatabase } from './db/open.js'
import { statusOf } from './errors.js'
import type { SchemaCompilation } from './schema-compilation.js'
import { buildSerializerFactory } from './serializer-compiler.js'
import { dedupedValidatorFactory } from './validator-compiler.js'
import allowedMethods from './plugins/allowed-methods.js'
import consolePlugin from './plugins/console.js'
import control from './plugins/control.js'
import cors, { corsOnFrameworkErrors } from './plugins/cors.js'
import dbPlugin from './plugins/db.js'
import docs from './plugins/docs.js'
import finiteNumbers from './plugins/finite-numbers.js'
import jobsPlugin from './plugins/jobs.js'
import responseCache from './plugins/response-cache.js'
import schemasPlugin from './plugins/schemas.js'
import securityHeaders from './plugins/security-headers.js'
import swaggerPlugin from './plugins/swagger.js'
import { frameworkErrorHandler } from '../routes/framework-errors.js'
import routes from '../routes/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Readonly<Config>
    clock: ControlledClock
  }
}

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>

export interface BuildOptions {
  /** an already opened database (tests pass a copy of a seeded buffer) */
  db?: Database.Database
  clock?: ControlledClock
  /** the response-serializer factory (test/app-serializers.test.ts wraps it to record what it compiles) */
  serializerFactory?: typeof buildSerializerFactory
  /** compile validators and serializers on first use / in the background (src/server.ts) rather than in ready() */
  schemaCompilation?: SchemaCompilation
}

export async function buildApp (config: Readonly<Config>, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const clock = opts.clock ?? controllableClock()
  const validators = dedupedValidatorFactory()
  const serializers = opts.serializerFactory ?? buildSerializerFactory
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    // eva ids are long and query strings carry channel lists; keep them bounded all the same
    routerOptions: { maxParamLength: 200 },
    // strictNumbers: a coerced "Infinity" or "1e309" is not a number, so min/max always apply
    frameworkErrors: corsOnFrameworkErrors(config.corsOrigins, frameworkErrorHandler(clock)),
    ajv: { customOptions: { coerceTypes: 'array', useDefaults: true, removeAdditional: true, allErrors: false, strictNumbers: true } },
    // Schema compilation was most of the cold start (see both modules): serializers are
    // built from the models each schema references rather than all of them, and equal
    // schemas share one serializer / validator. Generated code is unchanged.
    schemaController: {
      compilersFactory: {
        // the published type describes Ajv's compile(schema); Fastify calls it with the route definition
        buildValidator: (opts.schemaCompilation?.defer(validators) ?? validators) as unknown as CompilersFactory['buildValidator'],
        buildSerializer: opts.schemaCompilation?.defer(serializers) ?? serializers
      }
    }
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('config', config)
  app.decorate('clock', clock)

  const db = opts.db ?? openDatabase(config.db, config).db
  await app.register(securityHeaders)
  await app.register(cors)
  await app.register(allowedMethods)
  await app.register(finiteNumbers)
  await app.register(dbPlugin, { db })
  await app.register(jobsPlugin)
  await app.register(control)
  await app.register(responseCache)
  await app.register(schemasPlugin)
  await app.register(swaggerPlugin)
  await app.register(docs)

  // Vendor scopes set their own handlers; this one catches whatever reaches the root.
  app.setErrorHandler((err, request, reply) => {
    const status = statusOf(err)
    if (status >= 500) request.log.error({ err }, 'unhandled error')
    const message = status >= 500 ? 'Internal Server Error' : (err as Error).message
    return reply.code(status).send({ statusCode: status, error: reasonPhrase(status), message })
  })
  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Route ${request.method}:${request.url} not found` })
  })

  drainOnClose(app)
  await app.register(routes)
  // the browser console at / (hidden from the spec)
  await app.register(consolePlugin)
  return app
}

/**
 * Graceful shutdown with keep-alive clients: `server.close()` only drops connections that
 * are idle at that moment, and a connection that finishes its in-flight request afterwards
 * would sit out the 72 s keep-alive. So, once closing, responses say `Connection: close`
 * and idle connections are swept until the server is closed.
 */
function drainOnClose (app: FastifyInstance): void {
  let closing = false
  let sweep: NodeJS.Timeout | undefined
  app.addHook('preClose', async () => {
    closing = true
    sweep = setInterval(() => { app.server.closeIdleConnections() }, 100)
    sweep.unref()
  })
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close')
    return payload
  })
  app.addHook('onClose', async () => { clearInterval(sweep) })
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable'
}

export function reasonPhrase (status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request')
}
