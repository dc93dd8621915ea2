/**
 * `credentials`: every tenant of a running sandbox, ready tokens (an eva access token from a real
 * password grant) and one curl line per vendor that answers 200. Read from the server the user will
 * call rather than from a database file, so seed, anchor and admin token are those it runs with.
 */
import { BIN, CliError, parse, str, type Command } from './command.js'
import { renderCredentials } from './credentials-text.js'
import { baseUrl, controlPlane, request, URL_FLAGS, URL_HELP, type Health, type Tenants } from './control-plane.js'
import { curl, type CurlLine } from './curl.js'

/** Days of history the curl lines ask for, ending on the anchor: inside every scenario with history (the shortest has 42). */
const WINDOW_DAYS = 7
const EVA_CLIENT = 'eva-cockpit'

export interface EvaLogin {
  username: string
  realm: string
  botUUID: string
  accessToken: string
  /** seconds, as the token endpoint says (SANDBOX_EVA_ACCESS_TOKEN_TTL, 300 by default) */
  expiresIn: number
}

export interface CredentialsReport {
  url: string
  health: Health
  /** the range the curl lines ask for: the last days of seeded history, anchor included */
  window: { from: string, to: string }
  tenants: Tenants
  eva: EvaLogin | null
  curl: CurlLine[]
}

function daysBefore (date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10)
}

type EvaBot = Tenants['eva']['bots'][number]

function tokenUrl (url: string, realm: string): string {
  return `${url}/auth/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`
}

/** The first eva bot with a user of its realm who may read it, and that user logged in. */
async function evaLogin (url: string, t: Tenants): Promise<{ login: EvaLogin, password: string, bot: EvaBot } | null> {
  for (const bot of t.eva.bots) {
    const user = t.eva.users.find(u => u.realm === bot.realm && u.botUUIDs.includes(bot.botUUID))
    if (user === undefined) continue
    const res = await request(tokenUrl(url, user.realm), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: EVA_CLIENT, username: user.username, password: user.password }).toString()
    })
    if (res.status !== 200) throw new CliError(`eva login of ${user.username}: status ${res.status}: ${(await res.text()).slice(0, 200)}`)
    const body = await res.json() as { access_token: string, expires_in: number }
    return {
      login: { username: user.username, realm: user.realm, botUUID: bot.botUUID, accessToken: body.access_token, expiresIn: body.expires_in },
      password: user.password,
      bot
    }
  }
  return null
}

export async function gatherCredentials (url: string, adminToken: string | undefined): Promise<CredentialsReport> {
  const plane = controlPlane(url, adminToken)
  const health = await plane.health()
  const tenants = await plane.tenants()
  const window = { from: daysBefore(health.anchor, WINDOW_DAYS - 1), to: health.anchor }
  const lines: CurlLine[] = []

  const eva = await evaLogin(url, tenants)
  if (eva !== null) {
    const { login, password, bot } = eva
    lines.push({
      vendor: 'eva',
      what: `log in as ${login.username} (answers a fresh access_token)`,
      command: curl({
        url: tokenUrl(url, login.realm),
        form: { grant_type: 'password', client_id: EVA_CLIENT, username: login.username, password }
      })
    })
    const query = new URLSearchParams({ startDate: window.from, endDate: window.to, timezone: 'UTC' })
    lines.push({
      vendor: 'eva',
      what: `conversations of ${bot.name}, ${window.from} to ${window.to} (the token expires in ${login.expiresIn} s)`,
      command: curl({
        url: `${url}/eva-dashboard/org/${bot.orgUUID}/env/${bot.envUUID}/bot/${bot.botUUID}/dashboard/conversations?${query.toString()}`,
        headers: { Authorization: `Bearer ${login.accessToken}` }
      })
    })
  }

  const koreApp = tenants.kore.apps.find(a => a.kind === 'builder' && a.scopes.includes('Bot Sessions')) ??
    tenants.kore.apps.find(a => a.scopes.includes('Bot Sessions'))
  if (koreApp !== undefined && koreApp.botIds.length > 0) {
    const botId = koreApp.botIds[0]
    const name = tenants.kore.bots.find(b => b.botId === botId)?.name ?? botId
    lines.push({
      vendor: 'kore',
      what: `sessions of ${name}, ${window.from} to ${window.to} (app ${koreApp.clientId})`,
      command: curl({
        url: `${url}/api/public/bot/${botId}/getSessions`,
        method: 'POST',
        headers: { auth: koreApp.sampleJwt, 'content-type': 'application/json' },
        data: JSON.stringify({ dateFrom: window.from, dateTo: window.to, limit: 5 })
      })
    })
  }

  const account = tenants.chatbotcom.accounts.find(a => a.developerToken !== '')
  if (account !== undefined) {
    const query = new URLSearchParams({ from: window.from, to: window.to })
    lines.push({
      vendor: 'chatbotcom',
      what: `conversations per day of ${account.name}, ${window.from} to ${window.to}`,
      command: curl({
        url: `${url}/reports/conversations?${query.toString()}`,
        headers: { Authorization: `Bearer ${account.developerToken}` }
      })
    })
  }

  return { url, health, window, tenants, eva: eva?.login ?? null, curl: lines }
}

const HELP = `Usage: ${BIN} credentials [flags]

Prints every tenant of a running sandbox (eva users and bots, Kore.ai apps and bots, ChatBot.com
accounts), ready tokens, and one curl line per vendor that answers 200. The data comes from the
server (GET /__sandbox/tenants and /__sandbox/health), so it matches what that server accepts;
the curl lines ask for the last ${WINDOW_DAYS} days of its history (ending on its anchor). The eva access
token comes from a real password grant and expires (300 s by default): the login line gets a new one.

Flags:
${URL_HELP}
  --json                machine-readable: {url, health, window, tenants, eva, curl: [{vendor, what, command}]}
  -h, --help            this text

Examples:
  ${BIN} credentials
  ${BIN} credentials --url http://127.0.0.1:8080 --admin-token s3cret
  ${BIN} credentials --json | jq -r '.curl[].command'
`

export const credentials: Command = async (argv, io) => {
  const parsed = parse('credentials', argv, { ...URL_FLAGS, json: { type: 'boolean' } }, HELP, io)
  if (parsed === null) return 0
  const url = baseUrl(str(parsed.values, 'url'), 'credentials')
  const report = await gatherCredentials(url, str(parsed.values, 'admin-token') ?? io.env.SANDBOX_ADMIN_TOKEN)
  io.stdout.write(parsed.values.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderCredentials(report))
  return 0
}
