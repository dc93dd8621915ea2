/**
 * Fastify's response-serializer factory, minus most of its start-up cost.
 *
 * The stock factory (@fastify/fast-json-stringify-compiler) hands fast-json-stringify
 * every shared model (app.addSchema) for every route and status code, and
 * fast-json-stringify meta-validates, depth-checks and indexes each of them per build:
 * with ~90 models and a few hundred (route, status) pairs that was about 60 % of
 * `ready()`, the largest part of the server's cold start. This factory gives each build
 * only the models its schema reaches through `$ref` (transitively), and builds each
 * distinct schema once: the many routes answering `{ 400: ref(Error) }` share one
 * serializer. fast-json-stringify resolves `$ref`s against those models only, so the
 * generated code is the same (test/app-serializers.test.ts compares it for every route).
 */
import { createRequire } from 'node:module'
import type { Options } from 'fast-json-stringify'

// The copy Fastify itself would use (it is Fastify's dependency, not ours): the same
// version, so the same generated code.
const requireFromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'))
const fastJsonStringify = requireFromFastify('fast-json-stringify') as (schema: unknown, options: Omit<Options, 'schema'> & { schema: unknown }) => Serialize

type Schema = Record<string, unknown>
type Serialize = (data: any) => string

/** Every string value of `key` at or under `node` (`$ref`s, `$id`s), in document order. */
function valuesOf (node: unknown, key: string, add: (value: string) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) valuesOf(item, key, add)
  } else if (typeof node === 'object' && node !== null) {
    for (const [k, value] of Object.entries(node)) {
      if (k === key && typeof value === 'string') add(value)
      else valuesOf(value, key, add)
    }
  }
}

/** A cache key for a plain JSON schema, or null when JSON.stringify would lose something. */
export function contentKey (schema: unknown): string | null {
  let plain = true
  const key = JSON.stringify(schema, (_k, v: unknown) => {
    if (v === undefined || typeof v === 'function' || typeof v === 'bigint' || typeof v === 'symbol') plain = false
    return v
  })
  return plain ? key : null
}

interface Analysis { ids: string[], refs: Set<string> }
// Per shared-model object: the models are module constants, and Fastify calls the factory
// once per encapsulation context (dozens) and per app (every test builds several).
const analyses = new WeakMap<object, Analysis>()

function analysis (schema: Schema): Analysis {
  let a = analyses.get(schema)
  if (a === undefined) {
    const ids: string[] = []
    const refs = new Set<string>()
    valuesOf(schema, '$id', id => ids.push(id))
    valuesOf(schema, '$ref', ref => refs.add(ref))
    a = { ids, refs }
    analyses.set(schema, a)
  }
  return a
}

interface Built { externals: Array<[string, Schema]>, fn: Serialize }
// Content key of a route schema + serializer options → serializers built for it, each
// with the exact external models (by identity) it was built against. Bounded by the
// app's distinct response schemas, however many contexts and apps reuse them.
const builtByContent = new Map<string, Built[]>()

function sameExternals (a: Array<[string, Schema]>, b: Array<[string, Schema]>): boolean {
  return a.length === b.length && a.every(([k, v], i) => b[i][0] === k && b[i][1] === v)
}

/**
 * The `compilersFactory.buildSerializer` Fastify calls per encapsulation context with
 * that context's shared schemas (keyed by `$id`) and the `serializerOpts` server option.
 */
export function buildSerializerFactory (external?: unknown, serializerOpts: Options = {}) {
  const externalSchemas = (external ?? {}) as Record<string, Schema>
  const keys = Object.keys(externalSchemas)
  // which external entry declares each $id (nested ones included)
  const owner = new Map<string, string>()
  for (const key of keys) owner.set(key, key)
  for (const key of keys) {
    for (const id of analysis(externalSchemas[key]).ids) if (!owner.has(id)) owner.set(id, key)
  }
  const optsKey = contentKey(serializerOpts)
  const builtByIdentity = new WeakMap<object, Serialize>()

  /** The external entries `schema` reaches, or null when a reference is not a plain `$id[#pointer]` of one. */
  function reachable (schema: Schema): Set<string> | null {
    const need = new Set<string>()
    const todo: string[] = []
    valuesOf(schema, '$ref', ref => todo.push(ref))
    while (todo.length > 0) {
      const ref = todo.pop() as string
      const hash = ref.indexOf('#')
      const id = hash === -1 ? ref : ref.slice(0, hash)
      if (id === '') continue // inside the document that holds it, which is itself included
      const key = owner.get(id)
      if (key === undefined) return null
      if (need.has(key)) continue
      need.add(key)
      todo.push(...analysis(externalSchemas[key]).refs)
    }
    return need
  }

  return function compileResponseSerializer (route: { schema?: unknown }): Serialize {
    const schema = route.schema as Schema
    const same = builtByIdentity.get(schema)
    if (same !== undefined) return same
    const need = reachable(schema)
    const externals: Array<[string, Schema]> = []
    for (const k of keys) {
      // as the stock compiler does: a schema that is itself a shared model is the root, not an external
      if (k === schema.$id) continue
      if (need === null || need.has(k)) externals.push([k, externalSchemas[k]])
    }
    const key = optsKey === null ? null : contentKey(schema)
    const cacheKey = key === null ? null : `${optsKey as string}\n${key}`
    const candidates = cacheKey === null ? undefined : builtByContent.get(cacheKey)
    let fn = candidates?.find(b => sameExternals(b.externals, externals))?.fn
    if (fn === undefined) {
      fn = fastJsonStringify(schema, { ...serializerOpts, schema: Object.fromEntries(externals) })
      if (cacheKey !== null) {
        if (candidates === undefined) builtByContent.set(cacheKey, [{ externals, fn }])
        else candidates.push({ externals, fn })
      }
    }
    builtByIdentity.set(schema, fn)
    return fn
  }
}
