/**
 * The pruned, shared response serializers (src/serializer-compiler.ts) generate exactly
 * the code the stock @fastify/fast-json-stringify-compiler generates, for every route
 * and status code of the app, compiled in the app's own order.
 */
import t from 'tap'
import { createRequire } from 'node:module'
import { buildApp } from '../src/app.js'
import { fixedClock } from '../src/clock.js'
import { testConfig } from '../src/config.js'
import { SchemaCompilation } from '../src/schema-compilation.js'
import { buildSerializerFactory } from '../src/serializer-compiler.js'
import { NOW, seededDb } from './helper.js'

interface Debug { code: string, validator: { ajv: { schemas: Record<string, unknown> } } | null }
type Route = { schema?: unknown, method: string, url: string, httpStatus: string }

const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'))
const { SerializerSelector } = fromFastify('@fastify/fast-json-stringify-compiler') as {
  SerializerSelector: () => (external: unknown, opts: unknown) => (route: Route) => unknown
}

// anonymous roots are numbered by a global counter: the only legitimate difference
const normalize = (code: string) => code.replace(/__fjs_root_\d+/g, '__fjs_root_N')

t.test('every response serializer is generated as the stock compiler would', async t => {
  const contexts: Array<{ external: unknown, routes: Route[] }> = []
  const recording: typeof buildSerializerFactory = (external, opts) => {
    const compile = buildSerializerFactory(external, opts)
    const ctx = { external, routes: [] as Route[] }
    contexts.push(ctx)
    return (route) => {
      ctx.routes.push(route as Route)
      return compile(route)
    }
  }
  const app = await buildApp(testConfig(), { db: seededDb(), clock: fixedClock(NOW), serializerFactory: recording })
  await app.ready()
  await app.close()
  const total = contexts.reduce((n, c) => n + c.routes.length, 0)
  t.ok(total > 50, `${total} serializers compiled`)
  for (const { external, routes } of contexts) {
    // the stock compiler, fed in the same order (it carries state from one route to the next)
    const stock = SerializerSelector()(external, { mode: 'debug' })
    const ours = buildSerializerFactory(external, { mode: 'debug' })
    for (const route of routes) {
      const a = stock(route) as Debug
      const b = ours(route) as unknown as Debug
      t.equal(normalize(b.code), normalize(a.code), `${route.method} ${route.url} ${route.httpStatus}`)
      t.same(Object.keys(b.validator?.ajv.schemas ?? {}).map(normalize).sort(),
        Object.keys(a.validator?.ajv.schemas ?? {}).map(normalize).sort(), `validator schemas of ${route.method} ${route.url} ${route.httpStatus}`)
    }
  }
})

t.test('deferred compilation (src/server.ts) answers exactly as eager compilation', async t => {
  const eager = await buildApp(testConfig(), { db: seededDb(), clock: fixedClock(NOW) })
  const schemas = new SchemaCompilation()
  const lazy = await buildApp(testConfig(), { db: seededDb(), clock: fixedClock(NOW), schemaCompilation: schemas })
  t.teardown(() => Promise.all([eager.close(), lazy.close()]))
  await eager.ready()
  await lazy.ready()
  const tenants = (await eager.inject('/__sandbox/tenants')).json() as { kore: { apps: Array<{ clientId: string }> } }
  t.ok(tenants.kore !== undefined)
  const urls = ['/__sandbox/health', '/__sandbox/tenants', '/__sandbox/clock', '/__sandbox/ceiling?bytes=abc', '/__sandbox/ceiling?bytes=400',
    '/reports/conversations?token=x', '/api/public/bot/x/getSessions', '/nope']
  for (const url of urls) {
    // twice: the first call compiles through the stub, the second uses the compiled function
    for (let i = 0; i < 2; i++) {
      const a = await eager.inject(url)
      const b = await lazy.inject(url)
      t.equal(b.statusCode, a.statusCode, url)
      t.equal(b.body, a.body, url)
    }
  }
  await schemas.warm()
  t.equal((await lazy.inject('/__sandbox/ceiling?bytes=abc')).body, (await eager.inject('/__sandbox/ceiling?bytes=abc')).body)
})
