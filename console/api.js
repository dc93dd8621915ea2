// Every request the console makes goes through call(), so each chart can show exactly
// what the browser sent as a copy-paste curl line.

export class ApiError extends Error {
  constructor (status, body, request) {
    super(`${request.method} ${new URL(request.url).pathname} → ${status}: ${messageOf(body)}`)
    this.status = status
    this.body = body
    this.request = request
  }
}

/** The message inside each vendor's error envelope (Spring, Kore, ChatBot.com, Fastify). */
function messageOf (body) {
  if (body === null || typeof body !== 'object') return String(body ?? '')
  if (typeof body.message === 'string') return body.message
  if (Array.isArray(body.errors) && body.errors[0]?.msg !== undefined) return body.errors[0].msg
  if (typeof body.status?.message === 'string') return body.status.message
  return JSON.stringify(body)
}

/**
 * `form` sends application/x-www-form-urlencoded (the Keycloak token endpoint), `json`
 * sends a JSON body. Resolves to `{ data, request }`; rejects with an ApiError.
 */
export async function call ({ method = 'GET', path, query = {}, headers = {}, form, json }) {
  const url = new URL(path, location.origin)
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value))
  }
  const sent = { ...headers }
  let body
  if (form !== undefined) {
    sent['content-type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(form).toString()
  } else if (json !== undefined) {
    sent['content-type'] = 'application/json'
    body = JSON.stringify(json)
  }
  const request = { method, url: url.href, headers: sent, body }
  let res
  try {
    res = await fetch(url, { method, headers: sent, body })
  } catch (err) {
    throw new ApiError(0, `network error: ${err.message}`, request)
  }
  const text = await res.text()
  let data = text
  try { data = text === '' ? null : JSON.parse(text) } catch { /* not JSON: keep the text */ }
  if (!res.ok) throw new ApiError(res.status, data, request)
  return { data, request }
}

const quote = (s) => `'${String(s).replaceAll("'", "'\\''")}'`

/** The request as one shell line. */
export function curlOf (request) {
  const parts = ['curl -s']
  if (request.method !== 'GET') parts.push(`-X ${request.method}`)
  for (const [name, value] of Object.entries(request.headers)) parts.push(`-H ${quote(`${name}: ${value}`)}`)
  if (request.body !== undefined) parts.push(`--data-raw ${quote(request.body)}`)
  parts.push(quote(request.url))
  return parts.join(' ')
}

// The control plane answers only on loopback unless the server has SANDBOX_ADMIN_TOKEN;
// then every call needs it in x-sandbox-token. Kept for this tab only.
let adminToken = sessionStorage.getItem('sandbox-admin-token') ?? ''

export function setAdminToken (token) {
  adminToken = token
  if (token === '') sessionStorage.removeItem('sandbox-admin-token')
  else sessionStorage.setItem('sandbox-admin-token', token)
}

export function sandbox (path) {
  return call({ path: `/__sandbox/${path}`, headers: adminToken === '' ? {} : { 'x-sandbox-token': adminToken } })
}
