/** The Kore erase job (K3) and the status document it shows (K4). */
import type { DatasetRepository } from '../db/dataset.repo.js'
import type { EraseCounts, EraseRepository } from '../db/erase.repo.js'
import type { JobRow } from '../db/jobs.repo.js'
import type { KoreAdminRepository } from '../db/kore-admin.repo.js'
import type { JobHandler } from './runner.js'
import { toIso } from './kore-ids.js'

/** What the route stores in jobs.request: resolved bot row ids, the user ids as given. */
export interface EraseRequest {
  userIds: string[]
  botIds: number[]
  removeFromAllBots: boolean
}

export interface EraseUserStatus { userId: string, status: 'IN_PROGRESS' | 'SUCCESS' | 'FAILED', reason?: string }

interface EraseResult { response: EraseUserStatus[], counts: EraseCounts }

/** The seed's rule (kore-api-list.txt), as the per-user reason of a refusal [I]. */
export const MEMBER_REASON = 'Delete User will not proceed: the user is an account owner or belongs to the account, or owns or co-develops bots'

export const ERASE_DONE = 'completed'

/**
 * Account people (owners, admins, bot developers and testers) are refused one by one,
 * while the end users of the same request are erased: the status API reports per user.
 * The deletes run inside the runner's transaction together with the job's completion.
 */
export function koreEraseJob (deps: { erase: EraseRepository, admin: KoreAdminRepository, dataset: DatasetRepository }): JobHandler {
  return (job: JobRow) => {
    const req = JSON.parse(job.request) as EraseRequest
    const members = deps.admin.membersAmong(job.orgId, req.userIds)
    const counts = deps.erase.erase(req.botIds, req.userIds.filter(u => !members.has(u)))
    if (counts.users > 0) deps.dataset.markSeededDataChanged()
    deps.dataset.bumpDataVersion()
    const response: EraseUserStatus[] = req.userIds.map(userId => members.has(userId)
      ? { userId, status: 'FAILED', reason: MEMBER_REASON }
      // a user with no data in the chosen bots has nothing left to erase: that is a success too
      : { userId, status: 'SUCCESS' })
    const result: EraseResult = { response, counts }
    return { status: ERASE_DONE, result }
  }
}

/** K4's document: every user IN_PROGRESS until the job has run, then its result. */
export function eraseStatusView (job: JobRow) {
  const req = JSON.parse(job.request) as EraseRequest
  const done = job.status !== 'pending' && job.result !== null
  const response = done
    ? (JSON.parse(job.result as string) as EraseResult).response
    : req.userIds.map((userId): EraseUserStatus => ({ userId, status: 'IN_PROGRESS' }))
  return {
    _id: job.extId,
    createdOn: toIso(job.createdMs),
    lastUpdatedOn: toIso(job.updatedMs),
    RemoveDataFromAllBots: req.removeFromAllBots,
    response
  }
}
