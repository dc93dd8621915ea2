/** Reports requested through the eva request_report endpoints. */
import type Database from 'better-sqlite3'

export interface ReportRow {
  id: number
  botId: number
  uuid: string
  kind: 'conversations' | 'messages' | 'conversation_details'
  reportType: string
  fileName: string
  params: string
  createdMs: number
}

const COLUMNS = `id, bot_id AS botId, uuid, kind, report_type AS reportType, file_name AS fileName, params,
  created_ms AS createdMs`

export function createReportsRepository (db: Database.Database) {
  const insert = db.prepare(`INSERT INTO reports (bot_id, uuid, kind, report_type, file_name, params, created_ms)
    VALUES (@botId, @uuid, @kind, @reportType, @fileName, @params, @createdMs)`)
  const count = db.prepare<[number], { c: number }>('SELECT COUNT(*) AS c FROM reports WHERE bot_id = ?')
  const page = db.prepare(`SELECT ${COLUMNS} FROM reports WHERE bot_id = ? ORDER BY created_ms DESC, id DESC LIMIT ? OFFSET ?`)
  const byUuid = db.prepare(`SELECT ${COLUMNS} FROM reports WHERE uuid = ?`)
  const total = db.prepare<[], { c: number }>('SELECT COUNT(*) AS c FROM reports')

  return {
    insert (r: Omit<ReportRow, 'id'>): void { insert.run(r) },
    count (botId: number): number { return count.get(botId)?.c ?? 0 },
    /** All reports, for naming the next one deterministically. */
    total (): number { return total.get()?.c ?? 0 },
    page (botId: number, limit: number, offset: number): ReportRow[] {
      return page.all(botId, limit, offset) as ReportRow[]
    },
    byUuid (uuid: string): ReportRow | undefined {
      return byUuid.get(uuid) as ReportRow | undefined
    }
  }
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>
