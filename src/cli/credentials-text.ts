/** The human form of `credentials`: one section per vendor, its curl lines last, each under a `#` comment. */
import { BIN } from './command.js'
import type { CredentialsReport } from './credentials.js'
import type { CurlLine } from './curl.js'

function curlBlock (lines: CurlLine[], vendor: CurlLine['vendor']): string[] {
  return lines.filter(l => l.vendor === vendor).flatMap(l => [`# ${l.what}`, l.command])
}

function table (rows: string[][], indent = '  '): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map(r => r[i]?.length ?? 0))) ?? []
  return rows.map(r => indent + r.map((cell, i) => i === r.length - 1 ? cell : cell.padEnd(widths[i])).join('  '))
}

function eva (r: CredentialsReport): string[] {
  const t = r.tenants.eva
  const botName = new Map(t.bots.map(b => [b.botUUID, b.name]))
  const out = [
    '== eva (NTT DATA Syntphony) ==',
    'users (password grant at /auth/realms/<realm>/protocol/openid-connect/token, client_id eva-cockpit or eva-api)',
    ...table(t.users.map(u => [u.username, `password ${u.password}`, `realm ${u.realm}`, `bots: ${u.botUUIDs.map(id => botName.get(id) ?? id).join(', ')}`])),
    'bots (/eva-dashboard/org/<org>/env/<env>/bot/<bot>/…)'
  ]
  for (const b of t.bots) {
    out.push(`  ${b.name} (realm ${b.realm})`, `    org ${b.orgUUID}  env ${b.envUUID}  bot ${b.botUUID}`)
    out.push(`    channels: ${b.channels.map(c => `${c.name} ${c.uuid}`).join(', ')}`)
  }
  if (r.eva !== null) {
    out.push(
      `access token of ${r.eva.username}, expires in ${r.eva.expiresIn} s (eva access tokens live SANDBOX_EVA_ACCESS_TOKEN_TTL seconds,`,
      '300 by default, on the sandbox clock; the login line below answers a fresh one):',
      `  ${r.eva.accessToken}`
    )
  }
  return [...out, ...curlBlock(r.curl, 'eva')]
}

function kore (r: CredentialsReport): string[] {
  const t = r.tenants.kore
  const out = [
    '== Kore.ai XO ==',
    `apps (header auth: <jwt>; these sample JWTs never expire; mint one with: ${BIN} token kore --client-id <id> --ttl 3600)`
  ]
  for (const a of t.apps) {
    out.push(`  ${a.clientId}  ${a.kind}  bots ${a.botIds.join(', ')}`)
    out.push(...table([['secret', a.clientSecret], ['scopes', a.scopes.join(', ')], ['jwt', a.sampleJwt]], '    '))
  }
  out.push('bots', ...table(t.bots.map(b => [b.botId, b.name, `dashboards: ${b.dashboards.map(d => `${d.name} (${d.widgets.length} widgets)`).join(', ')}`])))
  return [...out, ...curlBlock(r.curl, 'kore')]
}

function chatbotcom (r: CredentialsReport): string[] {
  const out = [
    '== ChatBot.com ==',
    'accounts (Authorization: Bearer <developer token>; the client token is refused by the reports)'
  ]
  for (const a of r.tenants.chatbotcom.accounts) {
    out.push(`  ${a.name}  developer token ${a.developerToken}  client token ${a.clientToken}`)
    out.push(`    stories: ${a.stories.map(s => `${s.name} ${s.id}`).join(', ')}`)
  }
  return [...out, ...curlBlock(r.curl, 'chatbotcom')]
}

export function renderCredentials (r: CredentialsReport): string {
  const h = r.health
  const head = [
    `${BIN} at ${r.url}: seed ${h.seed}, scenario ${h.scenario}, anchor ${h.anchor} (data version ${h.dataVersion})`,
    `The curl lines ask for ${r.window.from} to ${r.window.to}, the last days of the seeded history.`
  ]
  return [head, eva(r), kore(r), chatbotcom(r)].map(s => s.join('\n')).join('\n\n') + '\n'
}
