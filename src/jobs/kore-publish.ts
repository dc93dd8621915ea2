/** The Kore publish (K14): its bare-array answer, the job behind it, and the dock-status document of K19. */
import type { BotRow, IntentRow } from '../db/catalog.repo.js'
import type { JobRow } from '../db/jobs.repo.js'
import type { JobHandler } from './runner.js'
import { koreUuid, toIso } from './kore-ids.js'

/** What the route stores in jobs.request. */
export interface PublishRequest {
  versionComment: string
  initiateTraining: boolean
  channelTypes: string[]
  createdBy: string
}

export const PUBLISH_DONE = 'successful'
/** The documented in-flight spelling ("successful, failed, or inprogress", current docs). */
export const PUBLISH_RUNNING = 'inprogress'

const EXTENSIONS = ['botkit', 'agent_transfer', 'websdk', 'events']
const SETTINGS = ['general', 'bot_variables', 'pii', 'ivr', 'hold_resume', 'custom_script', 'advanced']

/** NL without training keeps its model: only its settings are published [I]. */
function nlModules (initiateTraining: boolean): string[] {
  return initiateTraining ? ['nl_model', 'settings'] : ['settings']
}

/** K14's answer: one dialog entry per dialog task (Kore intents are dg-… dialogs), then NL, channels, extensions, settings. */
export function publishEntries (bot: BotRow, intents: IntentRow[], req: PublishRequest, nowMs: number) {
  const dialogs = intents.filter(i => i.kind === 'intent').map(i => ({
    resourceType: 'dialog',
    resourceId: i.extId,
    sbResourceId: i.extId,
    status: 'SUCCESS',
    result: {
      state: 'awaitingApproval',
      approvalRequestedLanguages: [bot.language],
      versionComment: req.versionComment,
      publishedOn: toIso(nowMs),
      name: i.name
    }
  }))
  const resource = (type: string, name: string, modules: string[]) =>
    ({ resourceType: type, status: 'SUCCESS', result: { resourceId: type, resourceType: type, modules, name } })
  return [
    ...dialogs,
    resource('NL', 'Natural Language', nlModules(req.initiateTraining)),
    resource('CHANNELS', 'Channels', req.channelTypes),
    resource('EXTENSIONS', 'Extensions', EXTENSIONS),
    resource('SETTINGS', 'Settings', SETTINGS)
  ]
}

/** The resources a publish job works through, in the order of the current docs' sample. */
function summaryOf (req: Pick<PublishRequest, 'initiateTraining' | 'channelTypes'>) {
  return [
    { resourceId: 'SETTINGS', resourceType: 'SETTINGS', name: 'Settings', modules: SETTINGS },
    { resourceId: 'CHANNELS', resourceType: 'CHANNELS', name: 'Channels', modules: req.channelTypes },
    { resourceId: 'NL', resourceType: 'NL', name: 'Natural Language', modules: nlModules(req.initiateTraining) },
    { resourceId: 'AUTOVERSIONING', resourceType: 'AUTOVERSIONING', name: 'Creating New Version' }
  ]
}

export function korePublishJob (): JobHandler {
  return (job: JobRow) => {
    const req = JSON.parse(job.request) as PublishRequest
    return { status: PUBLISH_DONE, result: { statusSummary: summaryOf(req).map(s => ({ ...s, status: 'SUCCESS' })) } }
  }
}

function document (id: string, streamId: string, createdBy: string, requested: number, initiated: number, modified: number) {
  return {
    _id: id,
    action: 'RUN' as const,
    jobType: 'PUBLISH_BOT' as const,
    streamId,
    __v: 0,
    countOfDockStatuses: 1,
    createdBy,
    requestedTime: toIso(requested),
    lastModifiedOn: toIso(modified),
    initiatedOn: toIso(initiated)
  }
}

/**
 * K19 for a publish job. While it runs, progress follows the sandbox clock: the share of
 * the configured delay that has passed, capped at 99, with that share of the resources done.
 */
export function publishStatusView (job: JobRow, streamId: string, nowMs: number) {
  const req = JSON.parse(job.request) as PublishRequest
  const initiated = job.createdMs + Math.min(100, Math.max(0, job.dueMs - job.createdMs) / 2)
  if (job.status !== 'pending' && job.result !== null) {
    const { statusSummary } = JSON.parse(job.result) as { statusSummary: Array<ReturnType<typeof summaryOf>[number] & { status: string }> }
    return { ...document(job.extId, streamId, req.createdBy, job.createdMs, initiated, job.updatedMs), percentageComplete: 100, status: job.status, statusSummary }
  }
  const span = job.dueMs - job.createdMs
  const share = span <= 0 ? 0.99 : Math.min(0.99, Math.max(0, (nowMs - job.createdMs) / span))
  const summary = summaryOf(req)
  const done = Math.floor(share * summary.length)
  return {
    ...document(job.extId, streamId, req.createdBy, job.createdMs, initiated, Math.max(job.createdMs, Math.min(nowMs, job.dueMs))),
    percentageComplete: Math.floor(share * 100),
    status: PUBLISH_RUNNING,
    statusSummary: summary.map((s, i) => ({ ...s, status: i < done ? 'SUCCESS' : 'INPROGRESS' }))
  }
}

/**
 * K19 before any publish through the API: every seeded bot serves traffic, which on the
 * platform needs a published version, so the last completed publish is the bot's first
 * one, dated a day before its history starts [I].
 */
export function initialPublishView (seed: number, bot: BotRow, channelTypes: string[], createdBy: string, atMs: number) {
  const req = { initiateTraining: true, channelTypes }
  return {
    ...document(`ds-${koreUuid(`publish|${seed}|${bot.extId}|initial`)}`, bot.extId, createdBy, atMs, atMs + 97, atMs + 1352),
    percentageComplete: 100,
    status: PUBLISH_DONE,
    statusSummary: summaryOf(req).map(s => ({ ...s, status: 'SUCCESS' }))
  }
}
