/** Runs due jobs on the sandbox clock: before requests are handled, and on a timer when idle. */
import type Database from 'better-sqlite3'
import type { Clock } from '../clock.js'
import type { JobRow, JobsRepository } from '../db/jobs.repo.js'

/** Does the job's work (synchronously, inside the completing transaction) and returns its final state. */
export type JobHandler = (job: JobRow, now: number) => { status: string, result: unknown }

export function createJobRunner (db: Database.Database, repo: JobsRepository, clock: Clock) {
  const handlers = new Map<string, JobHandler>()

  // The job's writes and its completion commit together: a crash leaves it pending, and
  // it runs again after restart instead of being half done.
  const runOne = db.transaction((job: JobRow, now: number): void => {
    const handler = handlers.get(`${job.vendor}:${job.kind}`)
    if (handler === undefined) return
    const { status, result } = handler(job, now)
    repo.complete(job.id, status, result, now)
  })

  return {
    register (vendor: string, kind: string, handler: JobHandler): void {
      handlers.set(`${vendor}:${kind}`, handler)
    },
    /** Completes every job whose due time has passed; cheap when none is due. */
    runDue (): number {
      const now = clock.now()
      const next = repo.nextDueMs()
      if (next === null || next > now) return 0
      let n = 0
      for (const job of repo.due(now)) {
        if (!handlers.has(`${job.vendor}:${job.kind}`)) continue
        runOne(job, now)
        n++
      }
      repo.forgetNextDue()
      return n
    }
  }
}

export type JobRunner = ReturnType<typeof createJobRunner>
