/** `token kore`: mints a Kore.ai JWT as a client would (HS256 over the app's client secret, client id in `appId`). */
import jwt from 'jsonwebtoken'
import { BIN, CliError, parse, str, UsageError, type Command } from './command.js'
import { baseUrl, controlPlane, URL_FLAGS, URL_HELP } from './control-plane.js'

const HELP = `Usage: ${BIN} token kore --client-id <id> [flags]

Prints a Kore.ai JWT for the app (header \`auth: <jwt>\`): HS256, signed with the app's client secret,
claims {appId: <client id>, sub, iat[, exp]}, as src/auth/kore-jwt.ts verifies them. Without
--client-secret the secret is looked up on the running sandbox (GET /__sandbox/tenants); whenever the
server is asked, iat and exp follow its clock (PUT /__sandbox/clock moves it), otherwise this machine's.

Flags:
  --client-id <id>      the app (clientId in \`${BIN} credentials\`), required
  --client-secret <s>   its secret; skips the lookup
  --ttl <seconds>       sets exp = iat + ttl (default: no exp, a token that never expires)
${URL_HELP}
  --json                {token, clientId, iat, exp}
  -h, --help            this text

Examples:
  ${BIN} token kore --client-id cs-d6eb4831-26e3-4479-bee1-b6236449ad74 --ttl 3600
  JWT=$(${BIN} token kore --client-id "$ID" --client-secret "$SECRET")
`

const OPTIONS = {
  ...URL_FLAGS,
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  ttl: { type: 'string' },
  json: { type: 'boolean' }
} as const

export const token: Command = async (argv, io) => {
  const parsed = parse('token', argv, OPTIONS, HELP, io, 1)
  if (parsed === null) return 0
  const [vendor] = parsed.positionals
  if (vendor === undefined) throw new UsageError('which vendor? only `token kore` exists (eva tokens come from its login: see `credentials`)', 'token')
  if (vendor !== 'kore') throw new UsageError(`unknown vendor "${vendor}": only \`token kore\` exists (eva tokens come from its login: see \`credentials\`)`, 'token')
  const clientId = str(parsed.values, 'client-id')
  if (clientId === undefined || clientId === '') throw new UsageError('--client-id is required', 'token')
  const ttlRaw = str(parsed.values, 'ttl')
  if (ttlRaw !== undefined && !/^[1-9]\d{0,9}$/.test(ttlRaw)) throw new UsageError(`--ttl must be a positive number of seconds, got "${ttlRaw}"`, 'token')

  let secret = str(parsed.values, 'client-secret')
  let nowMs = Date.now()
  if (secret === undefined || str(parsed.values, 'url') !== undefined) {
    const plane = controlPlane(baseUrl(str(parsed.values, 'url'), 'token'), str(parsed.values, 'admin-token') ?? io.env.SANDBOX_ADMIN_TOKEN)
    if (secret === undefined) {
      const apps = (await plane.tenants()).kore.apps
      const app = apps.find(a => a.clientId === clientId)
      if (app === undefined) throw new CliError(`no Kore app "${clientId}" on that server; its apps: ${apps.map(a => a.clientId).join(', ')}`)
      secret = app.clientSecret
    }
    nowMs = Date.parse((await plane.clock()).now)
  }
  const iat = Math.floor(nowMs / 1000)
  const exp = ttlRaw === undefined ? undefined : iat + Number(ttlRaw)
  const claims = { appId: clientId, sub: 'sandbox', iat, ...(exp !== undefined && { exp }) }
  const signed = jwt.sign(claims, secret, { algorithm: 'HS256' })
  io.stdout.write(parsed.values.json === true ? `${JSON.stringify({ token: signed, clientId, iat, exp: exp ?? null }, null, 2)}\n` : `${signed}\n`)
  return 0
}
