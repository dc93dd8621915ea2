/** A fuzz request as data: path template and parameters, query pairs, headers, body; turned into an inject call and a printable repro. */
import { enc } from './values.js'

export interface QueryPair {
  key: string
  value: string
  /** put on the wire as given, not percent-encoded */
  raw?: boolean
}

export interface FuzzRequest {
  method: string
  /** template with {name} placeholders */
  template: string
  pathParams: Record<string, { value: string, raw?: boolean }>
  /** replaces the rendered path (structural path mutations) */
  pathOverride?: string
  query: QueryPair[]
  headers: Record<string, string>
  /** a JSON value, serialised unless `payload` is set */
  body?: unknown
  payload?: string | Buffer
}

export function renderPath (req: FuzzRequest): string {
  if (req.pathOverride !== undefined) return req.pathOverride
  return req.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = req.pathParams[name]
    if (p === undefined) return ''
    return p.raw === true ? p.value : enc(p.value)
  })
}

export function renderQuery (req: FuzzRequest): string {
  if (req.query.length === 0) return ''
  return '?' + req.query.map(p => p.raw === true ? `${p.key}=${p.value}` : `${enc(p.key)}=${enc(p.value)}`).join('&')
}

export function renderUrl (req: FuzzRequest): string {
  return renderPath(req) + renderQuery(req)
}

/**
 * The URL the server receives from app.inject: light-my-request parses it with WHATWG `new URL`
 * (dot segments and %2e%2e resolved, backslashes made slashes, a fragment dropped, a leading
 * `//` read as a host), so raw traversal reaches the router only in that normalised form.
 */
export function effectiveUrl (req: FuzzRequest): string {
  const raw = renderUrl(req)
  try {
    const u = new URL(raw.startsWith('//') ? `http://localhost${raw}` : raw, 'http://localhost')
    return u.pathname + u.search
  } catch {
    return raw
  }
}

export function renderPayload (req: FuzzRequest): string | Buffer | undefined {
  if (req.payload !== undefined) return req.payload
  if (req.body === undefined) return undefined
  return JSON.stringify(req.body)
}

export function clone (req: FuzzRequest): FuzzRequest {
  return {
    ...req,
    pathParams: Object.fromEntries(Object.entries(req.pathParams).map(([k, v]) => [k, { ...v }])),
    query: req.query.map(p => ({ ...p })),
    headers: { ...req.headers },
    body: req.body === undefined ? undefined : structuredClone(req.body)
  }
}

function shorten (s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} chars)`
}

/** A short, printable repro: method, URL, headers and body (long values abbreviated). */
export function describe (req: FuzzRequest): string {
  const payload = renderPayload(req)
  const body = payload === undefined ? '' : Buffer.isBuffer(payload) ? `<${payload.length} bytes> ${JSON.stringify(shorten(payload.toString('latin1'), 300))}` : JSON.stringify(shorten(payload, 300))
  const url = renderUrl(req)
  const seen = effectiveUrl(req)
  return [
    `${req.method} ${shorten(url, 400)}`,
    ...(seen === url ? [] : [`(the server sees ${shorten(seen, 400)})`]),
    `headers: ${shorten(JSON.stringify(req.headers), 400)}`,
    body === '' ? 'body: (none)' : `body: ${body}`
  ].join('\n')
}

/** Size of a request, to keep the smallest repro of each distinct failure. */
export function sizeOf (req: FuzzRequest): number {
  const payload = renderPayload(req)
  return renderUrl(req).length + JSON.stringify(req.headers).length + (payload === undefined ? 0 : payload.length)
}
