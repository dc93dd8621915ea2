/** The fuzz oracle: no 5xx, every 4xx in the vendor's envelope without leaks, every 2xx valid against the route's response schema. */
import { fileURLToPath } from 'node:url'
import { Ajv, type ValidateFunction } from 'ajv'
import { SandboxErrorSchema } from '../../schemas/sandbox.js'
import { schemaErrors } from '../schema-check.js'
import type { Envelope, JsonSchema, RouteSpec } from './catalog.js'
import type { Expectation } from './mutate.js'

export interface Answer {
  status: number
  headers: Record<string, string | string[] | number | undefined>
  body: string
}

export type ProblemKind = 'server-error' | 'envelope' | 'schema' | 'status' | 'leak'

export interface Problem { kind: ProblemKind, detail: string, envelope: Envelope }

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Mount points of each vendor's scopes: a path at or under one gets that vendor's error body. */
const PREFIXES: Array<[string, Envelope]> = [
  ['/eva-dashboard/org', 'eva'],
  ['/eva-dashboard/files', 'eva'],
  ['/eva-channel/org', 'eva'],
  ['/org', 'eva'],
  ['/auth/realms', 'keycloak'],
  ['/api', 'kore'],
  ['/reports', 'chatbotcom'],
  ['/__sandbox', 'sandbox']
]

/** Whose envelope the answer to `url` must carry; paths outside every vendor get the root's. */
export function envelopeOf (url: string): Envelope {
  const path = url.split('?')[0]
  for (const [prefix, envelope] of PREFIXES) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return envelope
  }
  return 'root'
}

const ajv = new Ajv({ strict: false, allErrors: true })
const compiled = new WeakMap<object, ValidateFunction>()

function validate (schema: JsonSchema, body: unknown): string | null {
  let fn = compiled.get(schema)
  if (fn === undefined) {
    fn = ajv.compile(schema)
    compiled.set(schema, fn)
  }
  return fn(body) ? null : ajv.errorsText(fn.errors)
}

function parse (body: string): { ok: true, value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch {
    return { ok: false }
  }
}

/** null when `body` is `envelope`'s error body for `status`, else why not. */
export function envelopeProblem (envelope: Envelope, status: number, body: unknown): string | null {
  const b = body as Record<string, unknown> | null
  switch (envelope) {
    case 'eva': {
      const e = schemaErrors('EvaError', body)
      return e ?? (b?.status === status ? null : `EvaError.status ${String(b?.status)} is not the HTTP status`)
    }
    case 'keycloak': return schemaErrors('KeycloakError', body)
    case 'kore': return schemaErrors('KoreError', body)
    case 'chatbotcom': {
      const e = schemaErrors('ChatbotError', body)
      const code = (b?.status as { code?: unknown } | undefined)?.code
      return e ?? (code === status ? null : `ChatbotError.status.code ${String(code)} is not the HTTP status`)
    }
    case 'sandbox':
    case 'root': {
      const e = validate(SandboxErrorSchema as unknown as JsonSchema, body)
      return e ?? (b?.statusCode === status ? null : `statusCode ${String(b?.statusCode)} is not the HTTP status`)
    }
  }
}

/** Internals an error body must never show: stack frames, source paths, SQLite errors. */
const LEAKS: Array<[RegExp, string]> = [
  [/\bat (?:async )?[\w.<>]+ \(.*:\d+:\d+\)|node:internal/, 'a stack trace'],
  [new RegExp(ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'a project file path'],
  [/node_modules|\.ts:\d+/, 'a source path'],
  [/SQLITE_|no such (?:table|column)|syntax error at|near ".*": syntax error|better-sqlite3/i, 'SQL error text']
]

/** True when a segment of the URL's path is not valid percent-encoded UTF-8. */
export function hasInvalidPercent (url: string): boolean {
  return url.split('?')[0].split('/').some(seg => {
    try {
      decodeURIComponent(seg)
      return false
    } catch {
      return true
    }
  })
}

/**
 * The known limitation, confirmed in node_modules/fastify/fastify.js (`onBadUrl`): when a
 * path parameter is not valid percent-encoding, the router answers Fastify's own 400
 * `{error, code: FST_ERR_BAD_URL, message, statusCode}` before any vendor scope, hook or
 * handler runs (src/app.ts sets no `frameworkErrors`). Such answers are exempt from the
 * envelope check, and only those.
 */
export function isFrameworkBadUrl (url: string, answer: Answer): boolean {
  const p = parse(answer.body)
  return hasInvalidPercent(url) && answer.status === 400 && p.ok && (p.value as { code?: unknown } | null)?.code === 'FST_ERR_BAD_URL'
}

/**
 * Pages for people, outside every vendor API: the console (`/`, `/console/…`) and Swagger UI
 * (`/docs…`). A mutated path that lands on one (`prefixOnly` can shorten any path to `/`) gets
 * HTML or a redirect, rightly; only a 5xx there is a problem.
 */
export const BROWSER_PAGE_PATH = /^\/(?:$|docs(?:\/|$)|console(?:\/|$))/

/** Every problem with one answer. */
export function judge (route: RouteSpec, method: string, url: string, expect: Expectation, answer: Answer): Problem[] {
  const envelope = envelopeOf(url)
  const problems: Problem[] = []
  const add = (kind: ProblemKind, detail: string) => problems.push({ kind, detail, envelope })
  const { status } = answer

  if (status >= 500) add('server-error', `HTTP ${status}`)
  if ((method === 'GET' || method === 'HEAD') && status < 400 && BROWSER_PAGE_PATH.test(url.split(/[?#]/)[0])) return problems
  if (status < 200 || (status >= 300 && status < 400) || status >= 600) add('status', `unexpected HTTP ${status}`)
  const badUrl = isFrameworkBadUrl(url, answer)
  // the known framework limitation answers 400 whatever was expected
  if (expect.statuses !== undefined && !expect.statuses.includes(status) && !badUrl) {
    add('status', `HTTP ${status}, expected ${expect.statuses.join(' or ')}`)
  }
  if (method === 'HEAD') return problems

  if (status >= 400) {
    for (const [re, what] of LEAKS) if (re.test(answer.body)) add('leak', `the error body shows ${what}`)
    if (badUrl) return problems
    const type = String(answer.headers['content-type'] ?? '')
    if (!type.startsWith('application/json')) add('envelope', `content-type "${type}" on a ${status}`)
    const p = parse(answer.body)
    if (!p.ok) add('envelope', `a ${status} whose body is not JSON`)
    else {
      const e = envelopeProblem(envelope, status, p.value)
      if (e !== null) add('envelope', `not the ${envelope} error envelope: ${e}`)
    }
    return problems
  }

  if (status >= 200 && status < 300) {
    const ok = route.ok
    if (ok.kind === 'empty') {
      if (answer.body !== '') add('schema', 'a "No content" answer with a body')
      return problems
    }
    if (ok.kind === 'csv') {
      if (!String(answer.headers['content-type'] ?? '').startsWith('text/csv')) add('schema', 'a report file that is not text/csv')
      return problems
    }
    const p = parse(answer.body)
    if (!p.ok) {
      add('schema', 'a 2xx whose body is not JSON')
      return problems
    }
    if (ok.kind === 'models') {
      const errors = ok.ids.map(id => schemaErrors(id, p.value))
      if (errors.every(e => e !== null)) add('schema', `not a ${ok.ids.join(' | ')}: ${errors.join(' | ')}`)
    } else if (ok.kind === 'schema') {
      const e = validate(ok.schema, p.value)
      if (e !== null) add('schema', e)
    }
  }
  return problems
}
