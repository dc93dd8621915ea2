/** Asynchronous jobs: created acknowledged (pending), completed by the runner when due. */
import type Database from 'better-sqlite3'

export interface JobRow {
  id: number
  vendor: string
  kind: string
  extId: string
  orgId: number
  botId: number | null
  status: string
  request: string
  result: string | null
  createdMs: number
  dueMs: number
  updatedMs: number
}

const COLUMNS = `id, vendor, kind, ext_id AS extId, org_id AS orgId, bot_id AS botId, status, request, result,
  created_ms AS createdMs, due_ms AS dueMs, updated_ms AS updatedMs`

export function createJobsRepository (db: Database.Database) {
  const insert = db.prepare(`INSERT INTO jobs (vendor, kind, ext_id, org_id, bot_id, status, request, result, created_ms, due_ms, updated_ms)
    VALUES (@vendor, @kind, @extId, @orgId, @botId, 'pending', @request, NULL, @createdMs, @dueMs, @createdMs)`)
  const byExtId = db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE ext_id = ?`)
  const due = db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE status = 'pending' AND due_ms <= ? ORDER BY due_ms, id LIMIT 50`)
  const nextDue = db.prepare<[], { t: number | null }>("SELECT MIN(due_ms) AS t FROM jobs WHERE status = 'pending'")
  const complete = db.prepare('UPDATE jobs SET status = ?, result = ?, updated_ms = ? WHERE id = ? AND status = \'pending\'')
  const latest = db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE kind = ? AND bot_id = ? ORDER BY created_ms DESC, id DESC LIMIT 1`)
  const count = db.prepare<[], { c: number }>('SELECT COUNT(*) AS c FROM jobs')

  // The runner asks before every request: the answer is kept until a job is created or
  // completed, or the runner says it is stale (a reset emptied the table behind our back).
  let next: number | null | undefined

  return {
    create (job: Pick<JobRow, 'vendor' | 'kind' | 'extId' | 'orgId' | 'botId' | 'request' | 'createdMs' | 'dueMs'>): JobRow {
      next = undefined
      insert.run(job)
      return byExtId.get(job.extId) as JobRow
    },
    byExtId (extId: string): JobRow | undefined { return byExtId.get(extId) as JobRow | undefined },
    due (now: number): JobRow[] { return due.all(now) as JobRow[] },
    nextDueMs (): number | null {
      if (next === undefined) next = nextDue.get()?.t ?? null
      return next
    },
    /** Forget the kept due time (after a run: the table may have changed without create or complete). */
    forgetNextDue (): void { next = undefined },
    complete (id: number, status: string, result: unknown, now: number): void {
      next = undefined
      complete.run(status, JSON.stringify(result), now, id)
    },
    latest (kind: string, botId: number): JobRow | undefined { return latest.get(kind, botId) as JobRow | undefined },
    /** How many jobs exist, for numbering new ones deterministically. */
    count (): number { return count.get()?.c ?? 0 }
  }
}

export type JobsRepository = ReturnType<typeof createJobsRepository>
