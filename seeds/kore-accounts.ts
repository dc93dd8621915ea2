/** People of each Kore account (owners, developers, admins) with their roles. */
import type { Database } from 'better-sqlite3'

/** Writes `account_users` and `account_user_bot_roles` for every Kore org (reads `orgs`, `bots`). */
export function seedKoreAccounts (_db: Database, _seed: number): void {
  // filled in by the Kore user-roles work
}
