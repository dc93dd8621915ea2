/** Reads a running sandbox's control plane (`/__sandbox/*`) for the commands that need its data. */
import type { Static } from '@sinclair/typebox'
import type { ClockSchema, HealthSchema, TenantsSchema } from '../../schemas/sandbox.js'
import { CliError, UsageError } from './command.js'

export const DEFAULT_URL = 'http://127.0.0.1:3000'

export const URL_FLAGS = {
  url: { type: 'string' },
  'admin-token': { type: 'string' }
} as const

export const URL_HELP = `  --url <url>           the running sandbox (default ${DEFAULT_URL})
  --admin-token <t>     sent as x-sandbox-token (default: SANDBOX_ADMIN_TOKEN)`

// the control plane's own response schemas; type-only, so nothing of the server is loaded
export type Health = Static<typeof HealthSchema>
export type Tenants = Static<typeof TenantsSchema>
export type Clock = Static<typeof ClockSchema>

/** `--url` without a trailing slash, checked to be http(s). */
export function baseUrl (raw: string | undefined, command: string): string {
  const url = raw ?? DEFAULT_URL
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new UsageError(`--url must be a URL, got "${url}"`, command)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--url must be http(s), got "${url}"`, command)
  return url.replace(/\/+$/, '')
}

/** A fetch whose failure says what to do, not just "fetch failed". */
export async function request (url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })
  } catch (err) {
    const cause = (err as { cause?: { code?: string, message?: string } }).cause
    const why = cause?.code ?? cause?.message ?? (err as Error).message
    throw new CliError(`cannot reach ${new URL(url).origin} (${why}): is the sandbox running? Start it with \`npx chatbot-analytics-sandbox serve\`, or pass --url`)
  }
}

export function controlPlane (url: string, adminToken: string | undefined) {
  const headers: Record<string, string> = adminToken === undefined || adminToken === '' ? {} : { 'x-sandbox-token': adminToken }
  async function get<T> (path: string): Promise<T> {
    const res = await request(`${url}/__sandbox/${path}`, { headers })
    if (res.status === 401) {
      throw new CliError(`${url}/__sandbox/${path}: 401, the server wants its admin token: pass --admin-token or set SANDBOX_ADMIN_TOKEN`)
    }
    if (res.status === 403) {
      throw new CliError(`${url}/__sandbox/${path}: 403, without SANDBOX_ADMIN_TOKEN the control plane answers only on loopback: run this on the server's host, or start the server with an admin token and pass it here`)
    }
    if (res.status !== 200) throw new CliError(`${url}/__sandbox/${path}: unexpected status ${res.status}`)
    return await res.json() as T
  }
  return {
    health: async () => await get<Health>('health'),
    tenants: async () => await get<Tenants>('tenants'),
    clock: async () => await get<Clock>('clock')
  }
}
