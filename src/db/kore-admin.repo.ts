/** Kore account users with their roles (K13) and uploaded files (K18): prepared once, aggregated in SQL. */
import type Database from 'better-sqlite3'

export interface AccountUserRow {
  username: string
  orgUserId: string
  accountId: string
  isDeveloper: boolean
  canCreateBot: boolean
  userId: string
  btRoles: Array<{ roleId: string, roleName: string, groups: string[], botId: string, botName: string }>
  adminRoles: Array<{ roleId: string, roleName: string, groups: string[] }>
}

export interface UploadRow {
  extId: string
  orgId: number
  fileName: string
  extension: string
  context: string
  content: Buffer
  createdMs: number
}

// btRoles are built by json_group_array so a page is one statement, not one per user
const PAGE = `SELECT u.username, u.org_user_id AS orgUserId, o.ext_id AS accountId, u.is_developer AS isDeveloper,
    u.can_create_bot AS canCreateBot, u.ext_id AS userId, u.admin_roles AS adminRoles,
    (SELECT json_group_array(json_object('roleId', r.role_id, 'roleName', r.role_name, 'groups', json('[]'),
                                         'botId', b.ext_id, 'botName', b.name))
       FROM (SELECT * FROM account_user_bot_roles WHERE user_id = u.id ORDER BY bot_id, role_name) r
       JOIN bots b ON b.id = r.bot_id) AS btRoles
  FROM account_users u JOIN orgs o ON o.id = u.org_id
  WHERE u.org_id = @orgId
  ORDER BY u.is_owner DESC, u.id
  LIMIT @limit OFFSET @skip`

export function createKoreAdminRepository (db: Database.Database) {
  const page = db.prepare<{ orgId: number, limit: number, skip: number }, Record<string, unknown>>(PAGE)
  const count = db.prepare<{ orgId: number }, { n: number }>('SELECT COUNT(*) AS n FROM account_users WHERE org_id = @orgId')
  const owner = db.prepare<{ orgId: number }, { extId: string }>(
    'SELECT ext_id AS extId FROM account_users WHERE org_id = @orgId ORDER BY is_owner DESC, id LIMIT 1')
  const members = db.prepare<{ orgId: number, ids: string }, { extId: string }>(`SELECT ext_id AS extId FROM account_users
    WHERE org_id = @orgId AND ext_id IN (SELECT value FROM json_each(@ids))`)
  const insertUpload = db.prepare(`INSERT INTO uploads (ext_id, org_id, file_name, extension, context, content, created_ms)
    VALUES (@extId, @orgId, @fileName, @extension, @context, @content, @createdMs)`)
  const uploadByExtId = db.prepare<{ extId: string, orgId: number }, UploadRow>(`SELECT ext_id AS extId, org_id AS orgId, file_name AS fileName,
    extension, context, content, created_ms AS createdMs FROM uploads WHERE ext_id = @extId AND org_id = @orgId`)
  const uploadCount = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM uploads')

  return {
    /** One page of the account's people, the owner first. */
    users (orgId: number, limit: number, skip: number): { total: number, users: AccountUserRow[] } {
      const total = count.get({ orgId })?.n ?? 0
      const users = page.all({ orgId, limit, skip }).map(r => ({
        username: r.username as string,
        orgUserId: r.orgUserId as string,
        accountId: r.accountId as string,
        isDeveloper: r.isDeveloper === 1,
        canCreateBot: r.canCreateBot === 1,
        userId: r.userId as string,
        btRoles: JSON.parse(r.btRoles as string),
        adminRoles: JSON.parse(r.adminRoles as string)
      }))
      return { total, users }
    },
    /** The account owner's u-…, shown as createdBy of jobs an app starts; null for an account without people. */
    ownerOf (orgId: number): string | null {
      return owner.get({ orgId })?.extId ?? null
    },
    /** Which of `ids` are people of the account (owners, admins, developers): they are never erased. */
    membersAmong (orgId: number, ids: string[]): Set<string> {
      return new Set(members.all({ orgId, ids: JSON.stringify(ids) }).map(r => r.extId))
    },
    insertUpload (row: UploadRow): void {
      insertUpload.run(row)
    },
    /** An upload of this account; another account's file id is as unknown as a made-up one. */
    upload (extId: string, orgId: number): UploadRow | undefined {
      return uploadByExtId.get({ extId, orgId })
    },
    uploadCount (): number {
      return uploadCount.get()?.n ?? 0
    }
  }
}

export type KoreAdminRepository = ReturnType<typeof createKoreAdminRepository>
