/** One mutation at a time: path, query, body, content type, multipart, credentials, headers and method, each with what the answer must then be. */
import jwt from 'jsonwebtoken'
import { MULTIPART_BOUNDARY, multipart, BOT_DEFINITION, type Fixtures } from './baseline.js'
import type { JsonSchema, Param, RouteSpec } from './catalog.js'
import { clone, renderPath, type FuzzRequest } from './request.js'
import {
  BAD_PERCENT, HOSTILE_DATES, HOSTILE_DURATIONS, HOSTILE_JSON_NUMBERS, HOSTILE_NUMBER_LITERALS, HOSTILE_NUMBER_TEXT, HOSTILE_ZONES,
  between, chance, enc, headerSafe, hostileString, longString, pick, randomUnits, type Rand
} from './values.js'

/** What the answer to a mutated request must be, beyond the invariants every answer keeps. */
export interface Expectation {
  /** the only statuses allowed */
  statuses?: number[]
}

export interface Mutated { req: FuzzRequest, mutation: string, category: string, expect: Expectation }

export interface MutationContext {
  r: Rand
  route: RouteSpec
  f: Fixtures
  /** methods registered for the rendered path */
  allowed: (path: string) => string[]
  /** x-sandbox-* headers act on this route (its scope installs the fault hook) */
  faultHeaders: boolean
}

type Mutator = (req: FuzzRequest, c: MutationContext) => { label: string, expect?: Expectation } | null

const queryParams = (route: RouteSpec): Param[] => route.params.filter(p => p.in === 'query')
const pathParams = (route: RouteSpec): Param[] => route.params.filter(p => p.in === 'path')

function typeOf (s: JsonSchema): string {
  if (s.enum !== undefined || s.anyOf !== undefined) return 'enum'
  if (Array.isArray(s.type)) return s.type[0]
  return s.type ?? 'string'
}

const DATE_NAME = /date|^from$|^to$|^now$/i
const ZONE_NAME = /zone/i
const DURATION_NAME = /^advance$/

/** A hostile value fitted to what the field's name says it holds, else any hostile string. */
function hostileFor (r: Rand, name: string): string {
  if (DATE_NAME.test(name) && chance(r, 0.5)) return pick(r, HOSTILE_DATES)
  if (ZONE_NAME.test(name) && chance(r, 0.5)) return pick(r, HOSTILE_ZONES)
  if (DURATION_NAME.test(name) && chance(r, 0.7)) return pick(r, HOSTILE_DURATIONS)
  return hostileString(r)
}

/** Number spellings for the query string, the non-finite ones included. */
const NON_FINITE_TEXT = ['Infinity', '-Infinity', '1e309', '-1e309', 'NaN']

// ---- path -----------------------------------------------------------------------------------

const TRAVERSAL_RAW = ['..', '../..', '..%2f..%2fetc%2fpasswd', '%2e%2e', '%2e%2e%2f%2e%2e%2f', '....//', '.', '%00', '%2F', 'a%2Fb', '..;', '%5c..%5c', '%252e%252e%252f']

const pathHostile: Mutator = (req, { r, route }) => {
  const params = pathParams(route)
  if (params.length === 0) return null
  const p = pick(r, params)
  req.pathParams[p.name] = { value: hostileString(r) }
  return { label: `path.hostile:${p.name}` }
}

const pathTraversal: Mutator = (req, { r, route }) => {
  const params = pathParams(route)
  if (params.length === 0) return null
  const p = pick(r, params)
  req.pathParams[p.name] = { value: pick(r, TRAVERSAL_RAW), raw: true }
  return { label: `path.traversal:${p.name}` }
}

const pathEmptyOrLong: Mutator = (req, { r, route }) => {
  const params = pathParams(route)
  if (params.length === 0) return null
  const p = pick(r, params)
  const long = chance(r, 0.5)
  req.pathParams[p.name] = { value: long ? 'x'.repeat(between(r, 199, 20_000)) : '' }
  return { label: `path.${long ? 'long' : 'empty'}:${p.name}` }
}

/** Well-formed ids that name nothing, or another tenant's. */
const pathForeignId: Mutator = (req, { r, route, f }) => {
  const params = pathParams(route)
  if (params.length === 0) return null
  const p = pick(r, params)
  const candidates = [
    '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff', req.pathParams[p.name].value.toUpperCase(),
    'a'.repeat(24), 'st-00000000-0000-4000-8000-000000000000', f.kore?.otherBotId ?? 'st-x', 'bir-00000000-0000-4000-8000-000000000000',
    'eud-00000000-0000-4000-8000-000000000000', f.eva?.channels[0] ?? 'x', `${req.pathParams[p.name].value} `, `${req.pathParams[p.name].value}\u0000`
  ]
  req.pathParams[p.name] = { value: pick(r, candidates) }
  return { label: `path.foreignId:${p.name}` }
}

const pathStructure: Mutator = (req, { r }) => {
  const path = renderPath(req)
  const segments = path.split('/')
  const variants: Array<[string, () => string]> = [
    ['trailingSlash', () => `${path}/`],
    ['doubleSlash', () => path.replace(/\/([^/]+)\//, '//$1//')],
    ['upperCase', () => path.toUpperCase()],
    ['extraSegment', () => `${path}/${enc(hostileString(r)) || 'x'}`],
    ['dotSegments', () => `${path}/../../../../etc/passwd`],
    ['encodedDots', () => `${path}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`],
    ['nul', () => `${path}%00`],
    ['matrix', () => `${path};jsessionid=1`],
    ['dot', () => `${path}/.`],
    ['prefixOnly', () => segments.slice(0, between(r, 1, Math.max(1, segments.length - 1))).join('/') || '/'],
    ['dropSegment', () => { const drop = between(r, 1, segments.length - 1); return segments.filter((_, i) => i !== drop).join('/') }],
    ['backslash', () => path.replace(/\//g, '\\')],
    ['encodedSlash', () => path.replace(/\/([^/]*)$/, '%2F$1')],
    ['leadingDoubleSlash', () => `/${path}`],
    ['fragment', () => `${path}#frag`]
  ]
  const [name, make] = pick(r, variants)
  req.pathOverride = make()
  return { label: `path.structure:${name}` }
}

const badPercentPath: Mutator = (req, { r, route }) => {
  const params = pathParams(route)
  if (params.length > 0 && chance(r, 0.7)) {
    const p = pick(r, params)
    req.pathParams[p.name] = { value: `${req.pathParams[p.name].value}${pick(r, BAD_PERCENT)}`, raw: true }
    return { label: `path.badPercentParam:${p.name}` }
  }
  const path = renderPath(req)
  const at = path.lastIndexOf('/') + 1
  req.pathOverride = `${path.slice(0, at)}${pick(r, BAD_PERCENT)}${path.slice(at)}`
  // in a parameter: the framework's bad-URL 400 (see oracle.ts); in a static segment: a vendor 404
  return { label: 'path.badPercentPath' }
}

// ---- query ----------------------------------------------------------------------------------

function setQuery (req: FuzzRequest, name: string, value: string, raw = false): void {
  req.query = req.query.filter(p => p.key !== name)
  req.query.push({ key: name, value, raw })
}

const queryDrop: Mutator = (req, { r, route }) => {
  const params = queryParams(route)
  if (params.length === 0) return null
  const required = params.filter(p => p.required)
  const p = pick(r, required.length > 0 && chance(r, 0.7) ? required : params)
  req.query = req.query.filter(q => q.key !== p.name)
  return { label: `query.drop:${p.name}` }
}

function wrongTypeText (r: Rand, s: JsonSchema): string {
  switch (typeOf(s)) {
    case 'integer': case 'number': return pick(r, HOSTILE_NUMBER_TEXT)
    case 'boolean': return pick(r, ['maybe', '2', 'yes', '', 'TRUE ', 'null', '[]', 'tru\u0000e'])
    case 'array': return pick(r, ['', ',', '[]', '{"a":1}', 'a'.repeat(65)])
    case 'enum': return pick(r, ['', 'asc', 'desc ', 'DESC\u0000', 'ALL,NONE', 'null', '0', '__proto__', 'conversationStartedAt;DROP TABLE sessions'])
    default: return pick(r, ['123', '-1', '1e308', 'true', '[]', '{}', 'null', ''])
  }
}

const queryWrongType: Mutator = (req, { r, route }) => {
  const params = queryParams(route)
  if (params.length === 0) return null
  const p = pick(r, params)
  setQuery(req, p.name, wrongTypeText(r, p.schema))
  return { label: `query.wrongType:${p.name}` }
}

const queryHostile: Mutator = (req, { r, route }) => {
  const params = queryParams(route)
  if (params.length === 0) return null
  const p = pick(r, params)
  setQuery(req, p.name, hostileFor(r, p.name))
  return { label: `query.hostile:${p.name}` }
}

const queryNumbers: Mutator = (req, { r, route }) => {
  const params = queryParams(route).filter(p => ['integer', 'number'].includes(typeOf(p.schema)))
  if (params.length === 0) return null
  const p = pick(r, params)
  const edges = [p.schema.minimum, p.schema.maximum].filter((v): v is number => v !== undefined).flatMap(v => [v - 1, v, v + 1])
  setQuery(req, p.name, String(pick(r, [...edges, ...HOSTILE_JSON_NUMBERS, 2 ** 63, -(2 ** 63), ...NON_FINITE_TEXT])))
  return { label: `query.number:${p.name}` }
}

const EXTRA_KEYS = ['__proto__', '__proto__[polluted]', 'constructor[prototype][polluted]', 'constructor', 'a[b][c]', '', '=', '[]', 'x'.repeat(3000), '😀', '\u0000', 'toString', 'hasOwnProperty', 'callback', 'debug', 'admin', 'q']

const queryExtra: Mutator = (req, { r }) => {
  const n = between(r, 1, 5)
  for (let i = 0; i < n; i++) req.query.push({ key: pick(r, EXTRA_KEYS), value: chance(r, 0.5) ? 'true' : hostileString(r) })
  return { label: 'query.extra' }
}

const queryDuplicate: Mutator = (req, { r, route }) => {
  const params = queryParams(route)
  const present = req.query.filter(q => params.some(p => p.name === q.key))
  const p = present.length > 0 ? pick(r, present) : null
  const key = p?.key ?? (params.length > 0 ? pick(r, params).name : 'x')
  const value = chance(r, 0.5) ? (p?.value ?? '1') : chance(r, 0.5) ? wrongTypeText(r, params.find(x => x.name === key)?.schema ?? {}) : hostileString(r)
  const copies = chance(r, 0.8) ? 1 : between(r, 2, 50)
  for (let i = 0; i < copies; i++) req.query.push({ key, value })
  return { label: `query.duplicate:${key}` }
}

const queryArrayForm: Mutator = (req, { r, route }) => {
  const params = queryParams(route)
  if (params.length === 0) return null
  const p = pick(r, params)
  const existing = req.query.find(q => q.key === p.name)?.value ?? '1'
  req.query = req.query.filter(q => q.key !== p.name)
  const form = pick(r, [`${p.name}[]`, `${p.name}[0]`, `${p.name}[__proto__]`, `${p.name}[a][b]`, `${p.name}.x`])
  req.query.push({ key: form, value: existing })
  if (chance(r, 0.5)) req.query.push({ key: form, value: hostileString(r) })
  return { label: `query.arrayForm:${p.name}` }
}

const queryMany: Mutator = (req, { r, route }) => {
  const params = queryParams(route)
  const n = between(r, 500, 5000)
  const key = params.length > 0 && chance(r, 0.5) ? pick(r, params).name : null
  for (let i = 0; i < n; i++) req.query.push({ key: key ?? `k${i}`, value: String(i) })
  return { label: `query.many:${key ?? 'distinct'}` }
}

const queryBadPercent: Mutator = (req, { r, route }) => {
  const params = queryParams(route)
  const key = params.length > 0 ? pick(r, params).name : 'x'
  req.query = req.query.filter(q => q.key !== key)
  req.query.push({ key, value: `${chance(r, 0.5) ? '2026-03-01' : ''}${pick(r, BAD_PERCENT)}`, raw: true })
  if (chance(r, 0.3)) req.query.push({ key: pick(r, BAD_PERCENT), value: '1', raw: true })
  return { label: `query.badPercent:${key}` }
}

const queryRawShape: Mutator = (req, { r }) => {
  const shapes = ['&&&', '=', '==&==', 'a', ';', '%', '&'.repeat(10_000), '?x=1', 'a=1&&b', '=1', '+=+', '&=&=&']
  req.query.push({ key: pick(r, shapes), value: '', raw: true })
  return { label: 'query.rawShape' }
}

const queryLong: Mutator = (req, { r, route }) => {
  const params = queryParams(route)
  const key = params.length > 0 ? pick(r, params).name : 'x'
  setQuery(req, key, longString(r))
  return { label: `query.long:${key}` }
}

// ---- JSON body --------------------------------------------------------------------------------

type Path = Array<string | number>

function pathsOf (v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([...prefix, i]); pathsOf(x, [...prefix, i], out) })
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) { out.push([...prefix, k]); pathsOf(x, [...prefix, k], out) }
  return out
}

function parentOf (root: unknown, path: Path): Record<string | number, unknown> {
  let cur = root as Record<string | number, unknown>
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>
  return cur
}

function getAt (root: unknown, path: Path): unknown {
  return parentOf(root, path)[path[path.length - 1]]
}

function setAt (root: unknown, path: Path, value: unknown): void {
  parentOf(root, path)[path[path.length - 1]] = value
}

function otherType (r: Rand, v: unknown): unknown {
  const all: unknown[] = [null, 0, -1, 1.5, 'x', '', true, false, [], {}, [v], { value: v }, '1', 'true', 'null']
  const kind = (x: unknown) => Array.isArray(x) ? 'array' : x === null ? 'null' : typeof x
  return pick(r, all.filter(x => kind(x) !== kind(v)))
}

function isJsonRoute (route: RouteSpec): boolean {
  return route.body !== undefined && route.body.contentType === 'application/json'
}

/** A body path, preferring the route's required top-level fields when `required` is set. */
function bodyPath (r: Rand, req: FuzzRequest, route: RouteSpec, required: boolean): Path | null {
  const top = route.body?.schema.required ?? []
  const present = top.filter(k => typeof req.body === 'object' && req.body !== null && k in req.body)
  if (required && present.length > 0 && chance(r, 0.6)) return [pick(r, present)]
  const all = pathsOf(req.body)
  return all.length === 0 ? null : pick(r, all)
}

const bodyDrop: Mutator = (req, { r, route }) => {
  if (!isJsonRoute(route)) return null
  const path = bodyPath(r, req, route, true)
  if (path === null) return null
  const parent = parentOf(req.body, path)
  const key = path[path.length - 1]
  if (Array.isArray(parent)) parent.splice(Number(key), 1)
  else delete parent[key]
  return { label: `body.drop:${path.join('.')}` }
}

const bodyWrongType: Mutator = (req, { r, route }) => {
  if (!isJsonRoute(route)) return null
  const path = bodyPath(r, req, route, true)
  if (path === null) return null
  setAt(req.body, path, otherType(r, getAt(req.body, path)))
  return { label: `body.wrongType:${path.join('.')}` }
}

const bodyHostile: Mutator = (req, { r, route }) => {
  if (!isJsonRoute(route)) return null
  const path = bodyPath(r, req, route, false)
  if (path === null) return null
  const current = getAt(req.body, path)
  const key = String(path[path.length - 1])
  const value = typeof current === 'number' ? pick(r, HOSTILE_JSON_NUMBERS) : hostileFor(r, key)
  setAt(req.body, path, value)
  return { label: `body.hostile:${path.join('.')}` }
}

/** A number field spelled as a literal JSON.parse reads oddly (1e309 is Infinity). */
const bodyNumberLiteral: Mutator = (req, { r, route }) => {
  if (!isJsonRoute(route)) return null
  const numeric = pathsOf(req.body).filter(p => typeof getAt(req.body, p) === 'number')
  const path = numeric.length > 0 ? pick(r, numeric) : bodyPath(r, req, route, false)
  if (path === null) return null
  const marker = '"__fuzz_number__"'
  setAt(req.body, path, '__fuzz_number__')
  req.payload = JSON.stringify(req.body).replace(marker, pick(r, HOSTILE_NUMBER_LITERALS))
  return { label: `body.numberLiteral:${path.join('.')}` }
}

const POLLUTION = ['"__proto__":{"polluted":true,"isAdmin":true}', '"constructor":{"prototype":{"polluted":true}}', '"__proto__":null', '"__proto__":[]']

const bodyExtra: Mutator = (req, { r, route }) => {
  if (!isJsonRoute(route) || typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) return null
  const text = JSON.stringify(req.body)
  if (chance(r, 0.5)) {
    const extra = pick(r, POLLUTION)
    req.payload = text === '{}' ? `{${extra}}` : `{${extra},${text.slice(1)}`
    return { label: 'body.extra:pollution' }
  }
  const objects = [[], ...pathsOf(req.body)].filter(p => {
    const v = p.length === 0 ? req.body : getAt(req.body, p)
    return typeof v === 'object' && v !== null && !Array.isArray(v)
  })
  const at = pick(r, objects)
  const target = (at.length === 0 ? req.body : getAt(req.body, at)) as Record<string, unknown>
  const n = between(r, 1, 5)
  for (let i = 0; i < n; i++) target[pick(r, [...EXTRA_KEYS.filter(k => k !== '__proto__'), `extra${i}`])] = chance(r, 0.5) ? hostileString(r) : otherType(r, 'x')
  return { label: `body.extra:${at.join('.') || '(root)'}` }
}

function deep (depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth)
}

const bodyRoot: Mutator = (req, { r, route }) => {
  if (!isJsonRoute(route)) return null
  const roots = ['[]', '[{}]', '"string"', '123', '-1', 'null', 'true', '0', '""', '[null]', JSON.stringify([req.body]), '{"":""}',
    deep(between(r, 100, 5000), '[', ']'), deep(between(r, 100, 3000), '{"a":', '}')]
  req.payload = pick(r, roots)
  return { label: 'body.root' }
}

const bodyBroken: Mutator = (req, { r, route }) => {
  if (route.body === undefined) return null
  const text = req.payload === undefined ? JSON.stringify(req.body ?? {}) : req.payload.toString()
  const variants: Array<[string, () => string | Buffer]> = [
    ['truncated', () => text.slice(0, between(r, 0, Math.max(0, text.length - 1)))],
    ['trailingComma', () => text.replace(/}$/, ',}')],
    ['singleQuotes', () => text.replace(/"/g, "'")],
    ['nanLiteral', () => '{"a":NaN,"b":Infinity}'],
    ['comment', () => `/* c */${text}`],
    ['bom', () => `\uFEFF${text}`],
    ['unterminated', () => '{"a":"'],
    ['twoDocuments', () => `${text}${text}`],
    ['nul', () => `${text}\u0000`],
    ['controlInString', () => '{"a":"\u0001\u0002\n"}'],
    ['invalidUtf8', () => Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('"}')])],
    ['loneSurrogateEscape', () => '{"a":"\\ud800","b":"\\udfff\\u0000"}'],
    ['badEscape', () => '{"a":"\\x41\\u12"}'],
    ['whitespaceOnly', () => ' \n\t '],
    ['random', () => randomUnits(r, between(r, 1, 200))],
    ['xml', () => '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'],
    ['hugeNumber', () => `{"a":${'9'.repeat(between(r, 400, 100_000))}}`],
    ['hugeKey', () => `{"${'k'.repeat(between(r, 1000, 200_000))}":1}`],
    ['manyKeys', () => `{${Array.from({ length: between(r, 1000, 20_000) }, (_, i) => `"k${i}":${i}`).join(',')}}`],
    ['duplicateKeys', () => text.replace(/^\{/, '{"__dup":1,"__dup":2,')]
  ]
  const [name, make] = pick(r, variants)
  req.payload = make()
  return { label: `body.broken:${name}` }
}

const bodyEmpty: Mutator = (req, { r, route }) => {
  if (route.body === undefined) return null
  req.body = undefined
  if (chance(r, 0.5)) req.payload = ''
  else req.payload = undefined
  if (chance(r, 0.3)) delete req.headers['content-type']
  return { label: 'body.empty' }
}

const bodyHuge: Mutator = (req, { r }) => {
  // over the 1 MiB body limit: a 413 in the vendor's body
  req.headers['content-type'] = req.headers['content-type'] ?? 'application/json'
  req.payload = `{"a":"${'x'.repeat(between(r, 1024 * 1024 + 1, 2 * 1024 * 1024))}"}`
  req.body = undefined
  return { label: 'body.huge' }
}

const bodyOnBodyless: Mutator = (req, { r, route }) => {
  if (route.body !== undefined) return null
  req.headers['content-type'] = pick(r, ['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'])
  req.payload = pick(r, ['{"a":1}', '{', 'a=1&b=2', '\u0000\u0001', JSON.stringify({ __proto__: null, startDate: "' OR 1=1--" })])
  return { label: 'body.onBodyless' }
}

// ---- content types and multipart ------------------------------------------------------------------

const CONTENT_TYPES = [
  'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=broken', 'multipart/form-data',
  'application/json; charset=utf-16', 'application/json; charset=ebcdic', 'application/jsonx', 'application/vnd.api+json', 'application/*', '*/*',
  '', 'a/b/c', 'application/json, text/plain', 'APPLICATION/JSON', 'application/json;;;', 'application/json; boundary=x; charset',
  `application/${'x'.repeat(5000)}`, 'text/html; charset=utf-8', 'application/octet-stream', 'application/x-www-form-urlencoded; charset=utf-8',
  'multipart/mixed; boundary=x', 'image/png', headerSafe('application/json; charset=😀')
]

const contentTypeWrong: Mutator = (req, { r, route }) => {
  if (route.body === undefined) return null
  if (chance(r, 0.15)) {
    delete req.headers['content-type']
    return { label: 'contentType.missing' }
  }
  const ct = pick(r, CONTENT_TYPES)
  req.headers['content-type'] = ct
  return { label: `contentType.wrong:${ct.slice(0, 40)}` }
}

/** The same fields in another encoding: a JSON route sent a form, the form route sent JSON. */
const contentTypeSwap: Mutator = (req, { r, route }) => {
  if (route.body === undefined || route.id === 'koreUploadFile') return null
  if (route.body.contentType === 'application/json') {
    const fields = Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)])
    req.headers['content-type'] = 'application/x-www-form-urlencoded'
    req.payload = new URLSearchParams(fields).toString()
  } else {
    req.headers['content-type'] = 'application/json'
    req.payload = JSON.stringify(Object.fromEntries(new URLSearchParams(String(req.payload ?? ''))))
    if (chance(r, 0.3)) req.payload = '{"grant_type":["password","refresh_token"],"username":{"$ne":null}}'
  }
  return { label: 'contentType.swap' }
}

/** The form route: a field dropped, doubled, hostile, or the whole form garbled. */
const formMutation: Mutator = (req, { r, route }) => {
  if (route.body?.contentType !== 'application/x-www-form-urlencoded') return null
  const form = new URLSearchParams(String(req.payload ?? ''))
  const keys = [...form.keys()]
  const key = keys.length > 0 ? pick(r, keys) : 'grant_type'
  const variants: Array<[string, () => string]> = [
    ['drop', () => { form.delete(key); return form.toString() }],
    ['duplicate', () => { form.append(key, chance(r, 0.5) ? form.get(key) ?? '' : hostileString(r)); return form.toString() }],
    ['hostile', () => { form.set(key, hostileString(r)); return form.toString() }],
    ['arrayKey', () => `${form.toString()}&${key}[]=x&${key}[0]=y`],
    ['badPercent', () => `${form.toString()}&${key}=${pick(r, BAD_PERCENT)}`],
    ['raw', () => pick(r, ['&&&', '=', 'a', '%', '=&=', 'grant_type', `grant_type=${'x'.repeat(200_000)}`])],
    ['long', () => { form.set(key, longString(r)); return form.toString() }]
  ]
  const [name, make] = pick(r, variants)
  req.payload = make()
  return { label: `form.${name}:${key}` }
}

const multipartBroken: Mutator = (req, { r, route }) => {
  if (route.id !== 'koreUploadFile' && !(route.body !== undefined && chance(r, 0.3))) return null
  const b = MULTIPART_BOUNDARY
  const ct = `multipart/form-data; boundary=${b}`
  const good: Array<[string, string | Buffer, string?]> = [['file', BOT_DEFINITION, 'bot.json'], ['fileContext', 'bulkImport'], ['fileExtension', 'json']]
  const variants: Array<[string, () => [string, string | Buffer]]> = [
    ['otherBoundary', () => [`multipart/form-data; boundary=${b}X`, multipart(good)]],
    ['noBoundary', () => ['multipart/form-data', multipart(good)]],
    ['emptyBoundary', () => ['multipart/form-data; boundary=', multipart(good)]],
    ['longBoundary', () => {
      const long = 'b'.repeat(between(r, 71, 5000))
      return [`multipart/form-data; boundary=${long}`, multipart(good, long)]
    }],
    ['unicodeBoundary', () => [headerSafe('multipart/form-data; boundary=😀'), multipart(good, headerSafe('😀'))]],
    ['noClosing', () => [ct, multipart(good).subarray(0, multipart(good).length - (b.length + 6))]],
    ['truncated', () => { const m = multipart(good); return [ct, m.subarray(0, between(r, 1, m.length - 1))] }],
    ['lfOnly', () => [ct, Buffer.from(multipart(good).toString('latin1').replace(/\r\n/g, '\n'), 'latin1')]],
    ['noHeaders', () => [ct, Buffer.from(`--${b}\r\n\r\nvalue\r\n--${b}--\r\n`)]],
    ['noDisposition', () => [ct, Buffer.from(`--${b}\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--${b}--\r\n`)]],
    ['empty', () => [ct, Buffer.alloc(0)]],
    ['garbage', () => [ct, Buffer.from(randomUnits(r, between(r, 1, 500)))]],
    ['fileAsField', () => [ct, multipart([['file', BOT_DEFINITION], good[1], good[2]])]],
    ['missingFile', () => [ct, multipart([good[1], good[2]])]],
    ['missingContext', () => [ct, multipart([good[0], good[2]])]],
    ['twoFiles', () => [ct, multipart([good[0], good[0], good[1], good[2]])]],
    ['manyParts', () => [ct, multipart(Array.from({ length: between(r, 13, 300) }, (_, i): [string, string] => [`f${i}`, 'v']))]],
    ['bigField', () => [ct, multipart([good[0], ['fileContext', 'x'.repeat(between(r, 4097, 100_000))], good[2]])]],
    ['hostileField', () => [ct, multipart([good[0], ['fileContext', chance(r, 0.5) ? 'bulkImport' : hostileString(r)], ['fileExtension', hostileString(r)]])]],
    ['hostileFilename', () => [ct, multipart([['file', BOT_DEFINITION, pick(r, ['../../etc/passwd', 'a\u0000.json', '', headerSafe('😀.json'), 'x'.repeat(5000), '"; name="x'])], good[1], good[2]])]],
    ['emptyFile', () => [ct, multipart([['file', '', 'bot.json'], good[1], good[2]])]],
    ['binaryFile', () => [ct, multipart([['file', Buffer.from(randomUnits(r, 1000), 'latin1'), 'bot.zip'], good[1], ['fileExtension', 'zip']])]],
    ['oversizedFile', () => [ct, multipart([['file', Buffer.alloc(5 * 1024 * 1024 + between(r, 1, 1024), 0x41), 'big.json'], good[1], good[2]])]],
    ['duplicateHeaders', () => [ct, Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="fileContext"\r\nContent-Disposition: form-data; name="file"; filename="x"\r\n\r\nbulkImport\r\n--${b}--\r\n`)]],
    ['nestedMixed', () => [ct, Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\n\r\nx\r\n--inner--\r\n--${b}--\r\n`)]]
  ]
  const [name, make] = pick(r, variants)
  const [type, payload] = make()
  req.headers['content-type'] = type
  req.body = undefined
  req.payload = payload
  return { label: `multipart.${name}` }
}

// ---- credentials ------------------------------------------------------------------------------

function b64url (v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url')
}

/** Flips one character in the middle of a JWT's signature (the last one may only hold padding bits). */
function flipSignature (token: string, r: Rand): string {
  const [h, p, s] = token.split('.')
  if (s === undefined || s.length < 4) return `${token}x`
  const i = between(r, 1, s.length - 3)
  const c = s[i] === 'A' ? 'B' : 'A'
  return `${h}.${p}.${s.slice(0, i)}${c}${s.slice(i + 1)}`
}

function forgedTokens (r: Rand, route: RouteSpec, f: Fixtures, current: string): Array<[string, string]> {
  const now = Math.floor(Date.parse('2026-03-31T12:00:00Z') / 1000)
  const claims = (jwt.decode(current) ?? {}) as Record<string, unknown>
  const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`
  const out: Array<[string, string]> = [
    ['algNone', none],
    ['algNoneSigned', `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.${current.split('.')[2] ?? ''}`],
    ['hs256WeakSecret', jwt.sign(claims, 'secret', { algorithm: 'HS256' })],
    ['flippedSignature', flipSignature(current, r)],
    ['truncated', current.slice(0, Math.max(1, current.length - between(r, 1, 20)))],
    ['swappedPayload', `${current.split('.')[0]}.${b64url({ ...claims, preferred_username: 'admin', appId: 'cs-admin', sub: 'admin' })}.${current.split('.')[2] ?? ''}`],
    ['notAJwt', pick(r, ['x', 'null', 'a.b.c', '...', 'eyJ', hostileString(r).replace(/\s/g, '') || 'x'])]
  ]
  if (route.auth === 'kore' && f.kore !== undefined) {
    const k = f.kore
    out.push(
      ['koreExpired', jwt.sign({ appId: k.builderClientId, sub: 'fuzz', iat: now - 7200, exp: now - 3600 }, k.builderSecret, { algorithm: 'HS256' })],
      ['koreNotYetValid', jwt.sign({ appId: k.builderClientId, sub: 'fuzz', iat: now, nbf: now + 3600 }, k.builderSecret, { algorithm: 'HS256' })],
      ['koreWrongSecret', jwt.sign({ appId: k.builderClientId, sub: 'fuzz', iat: now }, `${k.builderSecret}x`, { algorithm: 'HS256' })],
      ['koreUnknownApp', jwt.sign({ appId: 'cs-00000000-0000-0000-0000-000000000000', sub: 'fuzz', iat: now }, k.builderSecret, { algorithm: 'HS256' })],
      ['koreAppIdNotString', jwt.sign({ appId: [k.builderClientId], iss: { a: 1 }, sub: 'fuzz', iat: now }, k.builderSecret, { algorithm: 'HS256' })],
      ['koreHs384', jwt.sign({ appId: k.builderClientId, sub: 'fuzz', iat: now }, k.builderSecret, { algorithm: 'HS384' })]
    )
  }
  return out
}

function authHeaderName (route: RouteSpec): string {
  return route.auth === 'kore' ? 'auth' : 'authorization'
}

function currentToken (req: FuzzRequest, route: RouteSpec): string {
  const v = req.headers[authHeaderName(route)] ?? ''
  return route.auth === 'kore' ? v : v.replace(/^Bearer\s+/i, '')
}

function putToken (req: FuzzRequest, route: RouteSpec, token: string): void {
  req.headers[authHeaderName(route)] = route.auth === 'kore' ? token : `Bearer ${token}`
}

const DENIED = [401, 403]

const authMissing: Mutator = (req, { r, route }) => {
  if (route.auth === 'none') return null
  const name = authHeaderName(route)
  const variant = pick(r, ['drop', 'empty', 'schemeOnly', 'otherHeader', 'basic'])
  const token = currentToken(req, route)
  delete req.headers[name]
  if (variant === 'empty') req.headers[name] = ''
  if (variant === 'schemeOnly') req.headers[name] = pick(r, ['Bearer', 'Bearer ', 'Token', 'JWT'])
  if (variant === 'otherHeader') req.headers[route.auth === 'kore' ? 'authorization' : 'auth'] = route.auth === 'kore' ? `Bearer ${token}` : token
  if (variant === 'basic') req.headers[name] = `Basic ${Buffer.from('admin:admin').toString('base64')}`
  return { label: `auth.missing:${variant}`, expect: { statuses: DENIED } }
}

const authGarbled: Mutator = (req, { r, route }) => {
  if (route.auth === 'none') return null
  const token = currentToken(req, route)
  const variants: Array<[string, string]> = [
    ['hostile', headerSafe(hostileString(r)).trim() || 'x'],
    ['long', 'x'.repeat(between(r, 1000, 60_000))],
    ['tokenTwice', `${token} ${token}`],
    ['commaList', `${token},${token}`],
    ['nonLatin', headerSafe(`${token}😀`)]
  ]
  const [name, value] = pick(r, variants)
  if (route.auth === 'kore' || chance(r, 0.5)) putToken(req, route, value)
  else req.headers.authorization = `${pick(r, ['Bearer:', 'Bearer\u000b', 'Bearerx', 'Bearer'])} ${value}`
  return { label: `auth.garbled:${name}`, expect: { statuses: DENIED } }
}

const authForged: Mutator = (req, { r, route, f }) => {
  if (route.auth === 'none') return null
  const [name, token] = pick(r, forgedTokens(r, route, f, currentToken(req, route)))
  putToken(req, route, token)
  return { label: `auth.forged:${name}`, expect: { statuses: DENIED } }
}

/** Valid credentials of another tenant, vendor or kind: never a 2xx. */
const authForeign: Mutator = (req, { r, route, f }) => {
  if (route.auth === 'none') return null
  const options: Array<[string, string]> = []
  if (route.auth === 'eva' && f.eva !== undefined) {
    options.push(['evaUserWithoutAccess', f.eva.foreignToken], ['evaRefreshToken', f.eva.refreshToken])
  }
  if (route.auth === 'kore' && f.kore !== undefined) {
    if (route.params.some(p => p.in === 'path' && (p.name === 'botId' || p.name === 'streamId'))) options.push(['koreBuilderOfOtherBot', f.kore.foreignBuilderJwt])
    if (!route.koreApps.includes('builder')) options.push(['koreBuilderOnAdminRoute', f.kore.builderJwt])
    if (!route.koreApps.includes('admin')) options.push(['koreAdminOnBuilderRoute', f.kore.adminJwt])
  }
  if (route.auth === 'chatbot' && f.chatbot !== undefined) options.push(['chatbotClientToken', f.chatbot.clientToken])
  // another vendor's valid credential
  if (route.auth !== 'eva' && f.eva !== undefined) options.push(['evaTokenElsewhere', f.eva.token])
  if (route.auth !== 'chatbot' && f.chatbot !== undefined) options.push(['chatbotTokenElsewhere', f.chatbot.token])
  if (route.auth !== 'kore' && f.kore !== undefined) options.push(['koreJwtElsewhere', f.kore.adminJwt])
  if (options.length === 0) return null
  const [name, token] = pick(r, options)
  putToken(req, route, token)
  return { label: `auth.foreign:${name}`, expect: { statuses: DENIED } }
}

// ---- other headers --------------------------------------------------------------------------------

const sandboxHeaders: Mutator = (req, { r, faultHeaders }) => {
  if (!faultHeaders) return null
  if (chance(r, 0.35)) {
    // a forced 4xx must come back as that status, in the vendor's body
    const status = between(r, 400, 499)
    req.headers['x-sandbox-status'] = String(status)
    if (chance(r, 0.3)) req.headers['x-sandbox-delay'] = '0'
    return { label: 'header.sandboxStatus4xx', expect: { statuses: [status] } }
  }
  const name = pick(r, ['x-sandbox-delay', 'x-sandbox-status'])
  let value = pick(r, ['abc', '-1', '60001', '1e3', '0x10', ' ', '', '399', '600', '9999999', '５００', '1.5', '200', '100', headerSafe(hostileString(r))])
  const digits = /^\d{1,6}$/.test(value)
  // a valid delay beyond 0 would only slow the run down, a valid 5xx is a deliberate 5xx: neither is fuzzing
  if (digits && (name === 'x-sandbox-delay' ? Number(value) > 0 && Number(value) <= 60_000 : Number(value) >= 500 && Number(value) <= 599)) value = 'abc'
  req.headers[name] = value
  const valid = /^\d{1,6}$/.test(value) && (name === 'x-sandbox-delay' ? Number(value) <= 60_000 : Number(value) >= 400 && Number(value) <= 599)
  return { label: `header.sandboxInvalid:${name}`, expect: valid ? {} : { statuses: [400] } }
}

const junkHeaders: Mutator = (req, { r }) => {
  const variants: Array<[string, string]> = [
    ['accept', pick(r, ['application/xml', '*/*;q=abc', 'text/csv', '', 'a'.repeat(5000), 'application/json;q=0'])],
    ['accept-encoding', pick(r, ['gzip;q=NaN', 'br, zstd, x', 'identity;q=0', '*;q=0'])],
    ['accept-language', headerSafe(hostileString(r))],
    ['host', pick(r, ['evil.example', 'a'.repeat(5000), headerSafe('ünïcode.example'), '[::1]:99999', 'localhost:0', 'x/../../y', '%00'])],
    ['x-forwarded-for', pick(r, ['127.0.0.1', '::1, 10.0.0.1', 'a'.repeat(1000)])],
    ['x-forwarded-host', 'evil.example'],
    ['x-forwarded-proto', pick(r, ['javascript', 'https', ''])],
    ['cookie', headerSafe(`session=${hostileString(r)}`)],
    ['user-agent', headerSafe(hostileString(r))],
    ['x-sandbox-token', headerSafe(hostileString(r))],
    ['expect', '100-continue'],
    ['origin', 'null'],
    ['if-none-match', '*'],
    ['range', 'bytes=0-1,5-9']
  ]
  const [name, value] = pick(r, variants)
  req.headers[name] = value
  return { label: `header.junk:${name}` }
}

// ---- method -------------------------------------------------------------------------------------

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'SEARCH', 'TRACE', 'LOCK', 'MKCOL', 'COPY']

const wrongMethod: Mutator = (req, { r, allowed }) => {
  const ok = new Set(allowed(renderPath(req)))
  if (ok.has('GET')) ok.add('HEAD')
  const candidates = METHODS.filter(m => !ok.has(m))
  if (candidates.length === 0) return null
  req.method = pick(r, candidates)
  return { label: `method.wrong:${req.method}`, expect: { statuses: [404, 405] } }
}

// ---- catalogue ------------------------------------------------------------------------------------

const nothing: Mutator = () => ({ label: 'none' })

/** Mutators by category; a category is drawn first, so each gets its share whatever its size. */
export const MUTATORS: Record<string, Mutator[]> = {
  none: [nothing],
  path: [pathHostile, pathTraversal, pathEmptyOrLong, pathForeignId, pathStructure, badPercentPath],
  query: [queryDrop, queryWrongType, queryHostile, queryNumbers, queryExtra, queryDuplicate, queryArrayForm, queryMany, queryBadPercent, queryRawShape, queryLong],
  body: [bodyDrop, bodyWrongType, bodyHostile, bodyNumberLiteral, bodyExtra, bodyRoot, bodyBroken, bodyEmpty, bodyHuge, bodyOnBodyless, formMutation],
  contentType: [contentTypeWrong, contentTypeSwap, multipartBroken],
  auth: [authMissing, authGarbled, authForged, authForeign],
  header: [sandboxHeaders, junkHeaders],
  method: [wrongMethod]
}

const WEIGHTS: Record<string, number> = { none: 0.5, path: 1.2, query: 2, body: 2, contentType: 1, auth: 1.2, header: 0.8, method: 0.8 }

/** One mutation of `base`, drawn until one applies to the route. */
export function mutate (base: FuzzRequest, c: MutationContext): Mutated {
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0)
  for (let attempt = 0; attempt < 50; attempt++) {
    let roll = c.r() * total
    let category = 'none'
    for (const [name, w] of Object.entries(WEIGHTS)) {
      roll -= w
      if (roll < 0) {
        category = name
        break
      }
    }
    const req = clone(base)
    const done = pick(c.r, MUTATORS[category])(req, c)
    if (done !== null) return { req, mutation: done.label, category, expect: done.expect ?? {} }
  }
  return { req: clone(base), mutation: 'none', category: 'none', expect: {} }
}
