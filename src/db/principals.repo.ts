/** Who may call the APIs: eva users, Kore apps, ChatBot.com tokens, with the bots each may read. */
import type Database from 'better-sqlite3'

export interface Principal {
  id: number
  vendor: string
  orgId: number
  kind: string
  login: string
  secretHash: string
  scopes: string[]
  botIds: number[]
}

const BY_LOGIN = `SELECT id, vendor, org_id AS orgId, kind, login, secret_hash AS secretHash, scopes
  FROM principals WHERE vendor = ? AND login = ?`
const BOTS_OF = 'SELECT bot_id AS botId FROM principal_bots WHERE principal_id = ? ORDER BY bot_id'
const ALL_OF = `SELECT id, vendor, org_id AS orgId, kind, login, secret_hash AS secretHash, scopes
  FROM principals WHERE vendor = ? ORDER BY id`

type Row = Omit<Principal, 'scopes' | 'botIds'> & { scopes: string }

export function createPrincipalsRepository (db: Database.Database) {
  const byLogin = db.prepare<[string, string], Row>(BY_LOGIN)
  const botsOf = db.prepare<[number], { botId: number }>(BOTS_OF)
  const allOf = db.prepare<[string], Row>(ALL_OF)
  const hydrate = (r: Row): Principal => ({ ...r, scopes: JSON.parse(r.scopes), botIds: botsOf.all(r.id).map(b => b.botId) })
  // Every authenticated request looks its caller up: principals are seeded and never change at
  // run time (a reset reseeds the same rows), so lookups are kept, unknown logins included,
  // in a map bounded because logins are caller-supplied.
  const found = new Map<string, Principal | undefined>()
  return {
    find (vendor: string, login: string): Principal | undefined {
      const key = `${vendor}\n${login}`
      if (found.has(key)) return found.get(key)
      const r = byLogin.get(vendor, login)
      const p = r === undefined ? undefined : hydrate(r)
      if (found.size >= 10_000) found.clear()
      found.set(key, p)
      return p
    },
    all (vendor: string): Principal[] {
      return allOf.all(vendor).map(hydrate)
    }
  }
}

export type PrincipalsRepository = ReturnType<typeof createPrincipalsRepository>
