/** Writes the tenant structure of tenants.ts: orgs, envs, bots, channels and API principals. */
import type { Database } from 'better-sqlite3'
import { hex24, uuid } from './ids.js'
import { Rng } from './prng.js'
import { hashSecret, secretFor } from './secrets.js'
import { CHANNEL_TYPES, EVA_USERS, KORE_ADMIN_SCOPES, KORE_LIMITED_ADMIN_SCOPES, KORE_LIMITED_BUILDER_SCOPES, KORE_BUILDER_SCOPES, ORGS } from './tenants.js'
import type { BotDef, Vendor } from './tenants.js'

export interface SeededBot {
  /** position in ORGS order; keys the bot's independent PRNG streams */
  index: number
  id: number
  vendor: Vendor
  def: BotDef
  threshold: number
  channelIds: number[]
  channelShares: number[]
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

function orgExtId (vendor: Vendor, rng: Rng): string {
  return vendor === 'eva' ? uuid(rng) : hex24(rng)
}

function botExtId (vendor: Vendor, rng: Rng): string {
  if (vendor === 'eva') return uuid(rng)
  return vendor === 'kore' ? `st-${uuid(rng)}` : hex24(rng)
}

export function insertTenants (db: Database, seed: number): SeededBot[] {
  const rng = new Rng(seed, 'tenants')
  const insertOrg = db.prepare('INSERT INTO orgs (id, vendor, ext_id, name) VALUES (?, ?, ?, ?)')
  const insertEnv = db.prepare('INSERT INTO envs (id, org_id, ext_id, name) VALUES (?, ?, ?, ?)')
  const insertBot = db.prepare('INSERT INTO bots (id, vendor, org_id, env_id, ext_id, name, home_tz, language, threshold) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const insertType = db.prepare('INSERT INTO channel_types (id, vendor, name, image, class_id, class_name) VALUES (?, ?, ?, ?, ?, ?)')
  const insertChannel = db.prepare('INSERT INTO channels (id, bot_id, type_id, ext_id, name, description) VALUES (?, ?, ?, ?, ?, ?)')
  const insertPrincipal = db.prepare('INSERT INTO principals (id, vendor, org_id, kind, login, secret_hash, scopes) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const insertGrant = db.prepare('INSERT INTO principal_bots (principal_id, bot_id) VALUES (?, ?)')

  for (const t of CHANNEL_TYPES) {
    insertType.run(t.id, t.vendor, t.name, `https://assets.sandbox.invalid/${t.vendor}/channel-types/${slug(t.name)}.png`, t.classId, t.classId === 1 ? 'Text' : 'Voice')
  }

  const bots: SeededBot[] = []
  const botIdsByName = new Map<string, number>()
  const orgIdsByName = new Map<string, number>()
  let orgId = 0
  let channelId = 0
  let principalId = 0
  const addPrincipal = (vendor: Vendor, org: number, kind: string, login: string, secret: string, scopes: string[], botIds: number[]): void => {
    insertPrincipal.run(++principalId, vendor, org, kind, login, hashSecret(secret), JSON.stringify(scopes))
    for (const b of botIds) insertGrant.run(principalId, b)
  }

  for (const org of ORGS) {
    orgId++
    orgIdsByName.set(org.name, orgId)
    insertOrg.run(orgId, org.vendor, orgExtId(org.vendor, rng), org.name)
    // only eva shows environments on the wire (envUUID); the others get a fixed placeholder
    insertEnv.run(orgId, orgId, org.vendor === 'eva' ? uuid(rng) : org.env, org.env)
    const orgBotIds: number[] = []
    for (const def of org.bots) {
      const id = bots.length + 1
      const threshold = Math.round(rng.range(0.55, 0.7) * 100) / 100
      insertBot.run(id, org.vendor, orgId, orgId, botExtId(org.vendor, rng), def.name, def.tz, def.language, threshold)
      const channelIds: number[] = []
      for (const c of def.channels) {
        const type = CHANNEL_TYPES.find(t => t.vendor === org.vendor && t.name === c.type)
        if (type === undefined) throw new Error(`unknown ${org.vendor} channel type ${c.type}`)
        // eva channels have their own UUID; Kore and ChatBot.com name a channel by its type
        insertChannel.run(++channelId, id, type.id, org.vendor === 'eva' ? uuid(rng) : c.type, c.name, c.description)
        channelIds.push(channelId)
      }
      bots.push({ index: bots.length, id, vendor: org.vendor, def, threshold, channelIds, channelShares: def.channels.map(c => c.share) })
      botIdsByName.set(def.name, id)
      orgBotIds.push(id)
    }

    if (org.vendor === 'kore') {
      for (const botId of orgBotIds) {
        const clientId = `cs-${uuid(rng)}`
        addPrincipal('kore', orgId, 'builder', clientId, secretFor(seed, 'kore', clientId), KORE_BUILDER_SCOPES, [botId])
      }
      const adminId = `cs-${uuid(rng)}`
      addPrincipal('kore', orgId, 'admin', adminId, secretFor(seed, 'kore', adminId), KORE_ADMIN_SCOPES, orgBotIds)
      // apps mapped to fewer scopes, so clients can test their "Scope is incorrect" handling
      const limitedBuilder = `cs-${uuid(rng)}`
      addPrincipal('kore', orgId, 'builder', limitedBuilder, secretFor(seed, 'kore', limitedBuilder), KORE_LIMITED_BUILDER_SCOPES, [orgBotIds[0]])
      const limitedAdmin = `cs-${uuid(rng)}`
      addPrincipal('kore', orgId, 'admin', limitedAdmin, secretFor(seed, 'kore', limitedAdmin), KORE_LIMITED_ADMIN_SCOPES, orgBotIds)
    } else if (org.vendor === 'chatbotcom') {
      for (const kind of ['developer', 'client']) {
        const token = secretFor(seed, 'chatbotcom', `${org.slug}/${kind}`)
        addPrincipal('chatbotcom', orgId, kind, token, token, [], orgBotIds)
      }
    }
  }

  for (const u of EVA_USERS) {
    const org = orgIdsByName.get(u.org)
    if (org === undefined) throw new Error(`unknown eva org ${u.org}`)
    const grants = u.bots.map(name => botIdsByName.get(name) ?? 0)
    addPrincipal('eva', org, 'user', u.login, secretFor(seed, 'eva', u.login), [], grants)
  }
  return bots
}
