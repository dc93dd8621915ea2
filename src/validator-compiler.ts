/**
 * Fastify's request-validator factory, compiling each distinct schema once.
 *
 * The stock factory (@fastify/ajv-compiler) compiles an Ajv validator per route and
 * request part even when routes declare equal schemas (TypeBox builds a fresh object
 * per route, and Ajv caches by object identity): 173 compilations of 38 distinct
 * schemas, about a third of `ready()`. This wraps the stock factory (same Ajv instance
 * pool, options and plugins) and hands routes with equal schemas the same compiled
 * function. Ajv validators are synchronous and Fastify reads `.errors` right after the
 * call, so sharing one between routes is safe.
 */
import { createRequire } from 'node:module'
import { contentKey } from './serializer-compiler.js'

type Validate = (data: unknown) => unknown
interface RouteDefinition { schema?: unknown, method: string, url: string, httpPart?: string }
type Compile = (route: RouteDefinition) => Validate
type BuildValidator = (externalSchemas?: unknown, options?: unknown) => Compile

// The copy Fastify itself would use (it is Fastify's dependency, not ours).
const requireFromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'))
const { AjvCompiler } = requireFromFastify('@fastify/ajv-compiler') as { AjvCompiler: () => BuildValidator }

/** A `compilersFactory.buildValidator` for one app (its Ajv pool is per app, as Fastify's is). */
export function dedupedValidatorFactory (): BuildValidator {
  const stock = AjvCompiler()
  // the stock factory pools compilers by (shared schemas, Ajv options): cache per pooled compiler
  const caches = new WeakMap<Compile, Map<string, Validate>>()
  return function buildValidator (externalSchemas, options) {
    const compile = stock(externalSchemas, options)
    let cache = caches.get(compile)
    if (cache === undefined) {
      cache = new Map()
      caches.set(compile, cache)
    }
    const byContent = cache
    return function compileValidator (route) {
      // Any custom factory makes Fastify skip lowercasing header schemas' property names
      // (it assumes a non-Ajv validator). No route declares one; fail loudly, not silently.
      if (route.httpPart === 'headers') {
        throw new Error(`${route.method} ${route.url}: header schemas are not supported by src/validator-compiler.ts (Fastify would not lowercase them)`)
      }
      const key = contentKey(route.schema)
      if (key === null) return compile(route)
      let fn = byContent.get(key)
      if (fn === undefined) {
        fn = compile(route)
        byContent.set(key, fn)
      }
      return fn
    }
  }
}
