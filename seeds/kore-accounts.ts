/** People of each Kore account (owners, developers, admins) with their roles. */
import type { Database } from 'better-sqlite3'
import { hex24, uuid } from './ids.js'
import { Rng } from './prng.js'

const FIRST = ['Peter', 'Samir', 'Michael', 'Joanna', 'Milton', 'Anjali', 'Oliver', 'Priya', 'Grace', 'Rahul', 'Emily', 'Thomas', 'Nina', 'Arjun', 'Sophie', 'Daniel']
const LAST = ['Gibbons', 'Nagheenanajar', 'Bolton', 'Waddams', 'Lumbergh', 'Sharma', 'Bennett', 'Iyer', 'Porter', 'Mehta', 'Clarke', 'Hughes', 'Reddy', 'Walsh', 'Kapoor', 'Turner']

/** Built-in bot roles of the platform, plus a custom one that accounts commonly add. */
const BOT_ROLES = ['Bot Owner', 'Bot Developer', 'Bot Tester'] as const
/** "Master Admin" is built in; the others stand for custom admin roles. */
const ADMIN_ROLES = ['Master Admin', 'Bots Admin', 'Analytics Admin', 'Users Admin'] as const
const GROUPS = ['Support Engineering', 'Conversation Design', 'QA']

type Kind = 'owner' | 'admin' | 'developer' | 'tester' | 'member'

/**
 * Writes `account_users` and `account_user_bot_roles` for every Kore org (reads `orgs`, `bots`).
 * Each account has 6–12 people: the owner (Bot Owner of every bot, Master Admin), one or two
 * admins, developers and testers with per-bot roles, and sometimes a member with no role yet.
 */
export function seedKoreAccounts (db: Database, seed: number): void {
  const orgs = db.prepare("SELECT id, ext_id AS extId, name FROM orgs WHERE vendor = 'kore' ORDER BY id").all() as Array<{ id: number, extId: string, name: string }>
  const botsOf = db.prepare('SELECT id FROM bots WHERE org_id = ? ORDER BY id')
  const insertUser = db.prepare(`INSERT INTO account_users (org_id, ext_id, username, org_user_id, is_owner, is_developer, can_create_bot, admin_roles)
    VALUES (@orgId, @extId, @username, @orgUserId, @isOwner, @isDeveloper, @canCreateBot, @adminRoles)`)
  const insertRole = db.prepare('INSERT INTO account_user_bot_roles (user_id, bot_id, role_id, role_name) VALUES (?, ?, ?, ?)')

  for (const org of orgs) {
    const rng = new Rng(seed, `kore-accounts|${org.extId}`)
    const botIds = (botsOf.all(org.id) as Array<{ id: number }>).map(b => b.id)
    // role ids are per account, like Mongo ObjectIds minted when the account was set up
    const botRoleIds = new Map(BOT_ROLES.map(r => [r, hex24(rng)]))
    const adminRoleIds = new Map(ADMIN_ROLES.map(r => [r, hex24(rng)]))
    const domain = `${org.name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example.com`
    const count = rng.int(6, 12)
    const kinds: Kind[] = ['owner']
    const admins = rng.int(1, 2)
    for (let i = 0; i < admins; i++) kinds.push('admin')
    while (kinds.length < count) kinds.push(rng.chance(0.6) ? 'developer' : rng.chance(0.75) ? 'tester' : 'member')

    const firsts = rng.shuffle([...FIRST])
    const lasts = rng.shuffle([...LAST])
    kinds.forEach((kind, i) => {
      const adminRoles = kind === 'owner'
        ? ['Master Admin']
        : kind === 'admin' ? [rng.pick(ADMIN_ROLES)] : kind === 'developer' && rng.chance(0.2) ? ['Analytics Admin'] : []
      const roles = botRolesFor(kind, botIds, rng)
      const info = insertUser.run({
        orgId: org.id,
        extId: `u-${uuid(rng)}`,
        username: `${firsts[i]}.${lasts[i]}@${domain}`.toLowerCase(),
        orgUserId: `EMP${rng.digits(5)}`,
        isOwner: kind === 'owner' ? 1 : 0,
        isDeveloper: roles.some(r => r.role !== 'Bot Tester') ? 1 : 0,
        canCreateBot: kind === 'owner' || kind === 'admin' || (kind === 'developer' && rng.chance(0.7)) ? 1 : 0,
        adminRoles: JSON.stringify(adminRoles.map(name => ({
          roleId: adminRoleIds.get(name as typeof ADMIN_ROLES[number]),
          roleName: name,
          groups: kind === 'admin' && rng.chance(0.5) ? [rng.pick(GROUPS)] : []
        })))
      })
      for (const r of roles) insertRole.run(Number(info.lastInsertRowid), r.botId, botRoleIds.get(r.role), r.role)
    })
  }
}

function botRolesFor (kind: Kind, botIds: number[], rng: Rng): Array<{ botId: number, role: typeof BOT_ROLES[number] }> {
  if (kind === 'owner') return botIds.map(botId => ({ botId, role: 'Bot Owner' as const }))
  if (kind === 'member' || botIds.length === 0) return []
  if (kind === 'admin') return rng.chance(0.5) ? [{ botId: rng.pick(botIds), role: 'Bot Developer' }] : []
  // developers and testers work on one bot or more (co-developers, in the seed's words)
  const mine = rng.shuffle([...botIds]).slice(0, rng.int(1, botIds.length))
  return mine.map(botId => ({ botId, role: kind === 'developer' ? 'Bot Developer' : 'Bot Tester' }))
}
