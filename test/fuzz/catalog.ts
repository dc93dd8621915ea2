/** The fuzz targets: every route read from the app's OpenAPI document, plus the hidden ones (eva aliases, report files, control plane). */
import type { FastifyInstance } from 'fastify'
import type { TSchema } from '@sinclair/typebox'
import { EvaReportFileParamsSchema } from '../../schemas/eva/conversations.js'
import {
  CeilingQuerySchema, ClockBodySchema, ClockSchema, FaultsBodySchema, HealthSchema, RateLimitsSchema, RequestsQuerySchema, TenantsSchema
} from '../../schemas/sandbox.js'

/** The subset of JSON Schema the route schemas use. */
export interface JsonSchema {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  pattern?: string
  default?: unknown
  additionalProperties?: boolean | JsonSchema
}

/** Whose error envelope a 4xx must carry. */
export type Envelope = 'eva' | 'keycloak' | 'kore' | 'chatbotcom' | 'sandbox' | 'root'
/** Route groups, fuzzed one after another with a reset in between. */
export type Group = 'eva' | 'kore' | 'chatbotcom' | 'sandbox'
export type Auth = 'eva' | 'kore' | 'chatbot' | 'none'
export type KoreApp = 'builder' | 'admin'

export interface Param { name: string, in: 'path' | 'query', required: boolean, schema: JsonSchema }

/** How a 2xx answer is checked. */
export type OkCheck =
  | { kind: 'models', ids: string[] }
  | { kind: 'schema', schema: JsonSchema }
  | { kind: 'empty' }
  | { kind: 'csv' }
  | { kind: 'json' }

export interface RouteSpec {
  id: string
  group: Group
  method: string
  /** OpenAPI-style template: /a/{id}/b */
  path: string
  params: Param[]
  body?: { contentType: string, schema: JsonSchema }
  auth: Auth
  /** Kore app kinds the route accepts (routes/kore/*.ts `config.kore.apps`) */
  koreApps: KoreApp[]
  ok: OkCheck
  hidden: boolean
}

/**
 * Accepted app kinds per Kore operation, as routes/kore/*.ts declare them in `config.kore.apps`
 * (the OpenAPI document only says "koreJwt"). A route missing here fails the catalogue test.
 */
export const KORE_APPS: Record<string, KoreApp[]> = {
  koreGetDashboardWidget: ['builder', 'admin'],
  korePostDashboardWidget: ['builder', 'admin'],
  koreGetSessions: ['builder', 'admin'],
  koreAdminGetSessions: ['admin'],
  koreGetMessages: ['builder', 'admin'],
  koreGetMessagesPost: ['builder', 'admin'],
  koreGetMessagesV2: ['builder', 'admin'],
  koreGetMessagesV2Post: ['builder', 'admin'],
  koreAdminGetMessages: ['admin'],
  koreDebugLogs: ['builder'],
  koreUserEngagementTrendV2: ['builder'],
  koreGetUserRoles: ['admin'],
  korePublishBot: ['admin'],
  korePublishStatus: ['admin'],
  koreUploadFile: ['admin'],
  koreImportIntoExistingBot: ['admin'],
  koreBotImportStatus: ['admin'],
  koreEraseUsersData: ['admin'],
  koreEraseUsersDataStatus: ['admin']
}

interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>
  components: { schemas: Record<string, JsonSchema> }
}
interface OpenApiOperation {
  operationId?: string
  parameters?: Array<{ name: string, in: string, required?: boolean, schema: JsonSchema }>
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
  security?: Array<Record<string, unknown>>
  responses?: Record<string, { content?: Record<string, { schema: JsonSchema }> }>
}

/** Follows `#/components/schemas/X` references, shallowly (nested refs are resolved on demand). */
export function deref (doc: { components: { schemas: Record<string, JsonSchema> } }, s: JsonSchema): JsonSchema {
  let out = s
  for (let i = 0; i < 20 && out.$ref !== undefined; i++) {
    const name = out.$ref.split('/').pop() ?? ''
    const next = doc.components.schemas[name]
    if (next === undefined) throw new Error(`unresolved $ref ${out.$ref}`)
    out = next
  }
  return out
}

function modelName (ref: string): string {
  return ref.split('/').pop() ?? ref
}

function okOf (op: OpenApiOperation): OkCheck {
  const res = op.responses?.['200']
  const schema = res?.content?.['application/json']?.schema
  if (schema === undefined) return { kind: 'empty' }
  if (schema.$ref !== undefined) return { kind: 'models', ids: [modelName(schema.$ref)] }
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives !== undefined && alternatives.every(a => a.$ref !== undefined)) {
    return { kind: 'models', ids: alternatives.map(a => modelName(a.$ref ?? '')) }
  }
  return { kind: 'schema', schema }
}

function groupOf (path: string): Group {
  if (path.startsWith('/api/')) return 'kore'
  if (path.startsWith('/reports')) return 'chatbotcom'
  if (path.startsWith('/__sandbox')) return 'sandbox'
  return 'eva'
}

function paramsOf (schema: TSchema, where: 'path' | 'query'): Param[] {
  const s = schema as unknown as JsonSchema
  const required = new Set(s.required ?? [])
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: p }))
}

const asJson = (s: TSchema): JsonSchema => s as unknown as JsonSchema

/** The control plane (hidden from the document): its schemas come from schemas/sandbox.ts. */
function sandboxRoutes (): RouteSpec[] {
  const r = (method: string, path: string, extra: Partial<RouteSpec> = {}): RouteSpec => ({
    id: `sandbox ${method} ${path}`,
    group: 'sandbox',
    method,
    path,
    params: [],
    auth: 'none',
    koreApps: [],
    ok: { kind: 'json' },
    hidden: true,
    ...extra
  })
  const clock: OkCheck = { kind: 'schema', schema: asJson(ClockSchema) }
  return [
    r('GET', '/__sandbox/health', { ok: { kind: 'schema', schema: asJson(HealthSchema) } }),
    r('POST', '/__sandbox/reset', { ok: { kind: 'schema', schema: asJson(HealthSchema) } }),
    r('GET', '/__sandbox/tenants', { ok: { kind: 'schema', schema: asJson(TenantsSchema) } }),
    r('GET', '/__sandbox/clock', { ok: clock }),
    r('PUT', '/__sandbox/clock', { ok: clock, body: { contentType: 'application/json', schema: asJson(ClockBodySchema) } }),
    r('DELETE', '/__sandbox/clock', { ok: clock }),
    r('GET', '/__sandbox/faults'),
    r('PUT', '/__sandbox/faults', { body: { contentType: 'application/json', schema: asJson(FaultsBodySchema) } }),
    r('DELETE', '/__sandbox/faults'),
    r('GET', '/__sandbox/rate-limits', { ok: { kind: 'schema', schema: asJson(RateLimitsSchema) } }),
    r('PUT', '/__sandbox/rate-limits', { ok: { kind: 'schema', schema: asJson(RateLimitsSchema) }, body: { contentType: 'application/json', schema: asJson(RateLimitsSchema) } }),
    r('GET', '/__sandbox/requests', { params: paramsOf(RequestsQuerySchema, 'query') }),
    r('DELETE', '/__sandbox/requests'),
    r('GET', '/__sandbox/ceiling', { params: paramsOf(CeilingQuerySchema, 'query') })
  ]
}

/** Every route the fuzzer targets: the document's operations, then the hidden routes. */
export function routeCatalogue (app: FastifyInstance): { routes: RouteSpec[], doc: OpenApiDoc } {
  const doc = app.swagger() as unknown as OpenApiDoc
  const routes: RouteSpec[] = []
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const id = op.operationId ?? `${method} ${path}`
      const params: Param[] = (op.parameters ?? []).map(p => ({
        name: p.name,
        in: p.in === 'path' ? 'path' : 'query',
        required: p.required === true,
        schema: deref(doc, p.schema)
      }))
      const content = op.requestBody?.content
      const ct = content === undefined ? undefined : Object.keys(content)[0]
      const body = ct === undefined || content === undefined ? undefined : { contentType: ct, schema: deref(doc, content[ct].schema) }
      const security = Object.keys(op.security?.[0] ?? {})[0]
      const auth: Auth = security === 'evaBearer' ? 'eva' : security === 'koreJwt' ? 'kore' : security === 'chatbotBearer' ? 'chatbot' : 'none'
      const spec: RouteSpec = {
        id,
        group: groupOf(path),
        method: method.toUpperCase(),
        path,
        params,
        body,
        auth,
        koreApps: auth === 'kore' ? KORE_APPS[id] ?? [] : [],
        ok: okOf(op),
        hidden: false
      }
      routes.push(spec)
      // the seed's bare /org/… paths serve the same dashboard routes, out of the document
      if (path.startsWith('/eva-dashboard/org/')) {
        routes.push({ ...spec, id: `${id}~bare`, path: path.slice('/eva-dashboard'.length), hidden: true })
      }
    }
  }
  routes.push({
    id: 'evaReportFile',
    group: 'eva',
    method: 'GET',
    path: '/eva-dashboard/files/{uuid}/{fileName}',
    params: paramsOf(EvaReportFileParamsSchema, 'path'),
    auth: 'none',
    koreApps: [],
    ok: { kind: 'csv' },
    hidden: true
  })
  routes.push(...sandboxRoutes())
  return { routes, doc }
}

/** `/a/{x}/b` and `/a/:x|:y/b` both become `/a/{}/b`, so templates from both sources compare. */
export function normalizeTemplate (path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}').replace(/:[^/]+/g, '{}')
}

/**
 * The app's own list of routes (`printRoutes` tree, parsed) as "METHOD /template" keys,
 * HEAD left out (Fastify adds it to every GET): what the catalogue must cover.
 */
export function registeredRoutes (app: FastifyInstance): Set<string> {
  const out = new Set<string>()
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (m === null) continue
    const depth = m[1].length / 4
    const path = (depth === 0 ? '' : stack[depth - 1]) + m[2]
    stack[depth] = path
    for (const method of (m[3] ?? '').split(',').map(s => s.trim()).filter(s => s !== '' && s !== 'HEAD')) {
      out.add(`${method} ${normalizeTemplate(path)}`)
    }
  }
  return out
}
