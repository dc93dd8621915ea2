/** Reads a running sandbox's control plane (`/__sandbox/*`) for the commands that need its data. */
import { CliError, UsageError } from './command.js'

export const DEFAULT_URL = 'http://127.0.0.1:3000'

export const URL_FLAGS = {
  url: { type: 'string' },
  'admin-token': { type: 'string' }
} as const

export const URL_HELP = `  --url <url>           the running sandbox (default ${DEFAULT_URL})
  --admin-token <t>     sent as x-sandbox-token (default: SANDBOX_ADMIN_TOKEN)`

export interface Health { status: string, seed: number, scenario: string, anchor: string, dataVersion: number }

export interface Tenants {
  eva: {
    realm: string
    tokenUrl: string
    users: Array<{ username: string, password: string, realm: string, botUUIDs: string[] }>
    bots: Array<{ orgUUID: string, envUUID: string, botUUID: string, realm: string, name: string, channels: Array<{ uuid: string, name: string }> }>
  }
  kore: {
    apps: Array<{ clientId: string, clientSecret: string, kind: 'builder' | 'admin', botIds: string[], scopes: string[], sampleJwt: string }>
    bots: Array<{ botId: string, name: string, dashboards: Array<{ name: string, widgets: string[] }>, userIds: string[] }>
  }
  chatbotcom: {
    accounts: Array<{ name: string, developerToken: string, clientToken: string, stories: Array<{ id: string, name: string }> }>
  }
}

export interface Clock { now: string, frozen: boolean, offsetMs: number }

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
