/** The Kore import into an existing bot (K16): checks on the definition file, the job, and the K15 status document. */
import type { JobRow } from '../db/jobs.repo.js'
import type { KoreAdminRepository } from '../db/kore-admin.repo.js'
import type { JobHandler } from './runner.js'
import { toIso } from './kore-ids.js'

export interface ImportOptions {
  tasks?: string[]
  nlpData?: string[]
  settings?: string[]
  botComponents?: string[]
}

/** What the route stores in jobs.request: the file ids and what the status document shows. */
export interface ImportRequest {
  botDefinition: string
  configInfo: string
  botFunctions: string[]
  importOptions: ImportOptions | null
  botName: string
  streamId: string
  streamRefId: string
  createdBy: string
  /** the bot's dialog tasks, named when the definition file names none */
  dialogs: string[]
}

interface Log { taskType: string, taskName: string, status: string, message?: string }

export const OLD_UNIVERSAL_BOT = 'The file contains the definition of the Universal Bots built using an older version. This version is no longer supported and the file cannot be imported.'
const EVENTS = ['WELCOME_MESSAGE_EVENT', 'TASK_FAILURE_EVENT', 'INTENT_UNIDENTIFIED', 'CONVERSATION_END']

type Json = Record<string, unknown>

function parseObject (content: Buffer): Json | null {
  try {
    const v: unknown = JSON.parse(content.toString('utf8'))
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Json : null
  } catch {
    return null
  }
}

/**
 * A Universal Bot export of the first generation: `type: "universalbot"` with
 * `universalBotVersion` 1 (or none), as in the QA suite's DeprecateUB definition file.
 */
export function isOldUniversalBot (content: Buffer): boolean {
  const def = parseObject(content)
  return def !== null && def.type === 'universalbot' && !(Number(def.universalBotVersion) >= 2)
}

/** A bot export is a JSON object with the bot's names per language and its dialog tasks [I]. */
function definitionProblem (def: Json | null): string | null {
  if (def === null) return 'Invalid bot definition file: it is not a JSON object'
  if (typeof def.localeData !== 'object' || def.localeData === null || Array.isArray(def.localeData)) return 'Invalid bot definition file: localeData is missing'
  if (!Array.isArray(def.dialogs)) return 'Invalid bot definition file: dialogs are missing'
  return null
}

/** Names of the non-hidden entries of a definition list (dialogs, forms, widgets). */
function names (list: unknown, lang: string): string[] {
  if (!Array.isArray(list)) return []
  const out: string[] = []
  for (const item of list as Json[]) {
    if (typeof item !== 'object' || item === null || item.isHidden === true) continue
    const locale = (item.localeData as Record<string, Json> | undefined)?.[lang]
    const name = locale?.name ?? item.name ?? item.lname
    if (typeof name === 'string' && name !== '') out.push(name)
  }
  return out
}

/** The selector keys an import covers: every component unless importOptions selects some. */
function selection (opts: ImportOptions | null): Set<string> | null {
  if (opts === null) return null
  const keys = [...opts.tasks ?? [], ...opts.nlpData ?? [], ...opts.settings ?? [], ...opts.botComponents ?? []]
    .map(k => k === 'training_data' ? 'utterances' : k)
  return keys.length === 0 ? null : new Set(keys)
}

/**
 * The status logs of a successful import, in the order of the documented sample. A full
 * import lists the documented components; a selective one only those selected (what the
 * QA suite asserts: tasks → Dialog, KnowledgeTasks, SmallTalk; nlpData → Utterences,
 * Patterns, Standard Responses; settings → CustomTemplates, BotVariables).
 */
function successLogs (req: ImportRequest, def: Json): Log[] {
  const lang = typeof def.defaultLanguage === 'string' ? def.defaultLanguage : 'en'
  const dialogs = names(def.dialogs, lang)
  const events = typeof def.botEvents === 'object' && def.botEvents !== null && Object.keys(def.botEvents).length > 0
    ? Object.keys(def.botEvents)
    : EVENTS
  const steps: Array<[string, string, string]> = [
    ['Bot Definition', req.botName, 'full'],
    ['IdpConfigurations', 'IdpConfigurations', 'full'],
    ['CustomTemplates', 'CustomTemplates', 'botSettings'],
    ...(req.botFunctions.length > 0 ? [['BotFunctions', 'Bot Functions', 'full'] as [string, string, string]] : []),
    ...names(def.widgets, lang).map((n): [string, string, string] => ['Widget', n, 'full']),
    ...(dialogs.length > 0 ? dialogs : req.dialogs).map((n): [string, string, string] => ['Dialog', n, 'botTask']),
    ...names(def.forms, lang).map((n): [string, string, string] => ['Form', n, 'forms']),
    ...events.map((n): [string, string, string] => ['Event', n, 'full']),
    ['KnowledgeTasks', 'KnowledgeTasks', 'knowledgeGraph'],
    ['Utterences', 'Utterences', 'utterances'],
    ['Patterns', 'Patterns', 'patterns'],
    ['Standard Responses', 'Standard Responses', 'standardResponses'],
    ['BotVariables', 'BotVariables', 'botVariables'],
    ['SmallTalk', 'SmallTalk', 'smallTalk']
  ]
  const chosen = selection(req.importOptions)
  const included = steps.filter(([, , key]) => chosen === null ? key !== 'standardResponses' : chosen.has(key))
  return [
    { taskType: 'importRequest', taskName: req.botName, status: 'success' },
    ...included.map(([taskType, taskName]) => ({ taskType, taskName, status: 'success' })),
    { taskType: 'importBot', taskName: req.botName, status: 'success' }
  ]
}

/** Reads the uploaded files when the job is due: an unusable file ends the import with the configured failure status. */
export function koreImportJob (deps: { admin: KoreAdminRepository, failedStatus: string }): JobHandler {
  return (job: JobRow) => {
    const req = JSON.parse(job.request) as ImportRequest
    const def = deps.admin.upload(req.botDefinition, job.orgId)
    const config = deps.admin.upload(req.configInfo, job.orgId)
    const parsed = def === undefined ? null : parseObject(def.content)
    const problem = def === undefined || config === undefined
      ? 'Uploaded file not found'
      : definitionProblem(parsed) ?? (parseObject(config.content) === null ? 'Invalid bot config file: it is not a JSON object' : null)
    if (problem !== null || parsed === null) {
      const statusLogs: Log[] = [
        { taskType: 'importRequest', taskName: req.botName, status: 'success' },
        { taskType: 'Bot Definition', taskName: req.botName, status: deps.failedStatus, message: problem ?? '' }
      ]
      return { status: deps.failedStatus, result: { statusLogs } }
    }
    return { status: 'success', result: { statusLogs: successLogs(req, parsed) } }
  }
}

function base (job: JobRow, req: ImportRequest) {
  return { streamRefId: req.streamRefId, createdBy: req.createdBy, requestType: 'Botimport' as const, _id: job.extId, createdOn: toIso(job.createdMs), __v: 0 }
}

const firstLog = (req: ImportRequest): Log[] => [{ taskType: 'importRequest', taskName: req.botName, status: 'success' }]

/** K16's answer: the request accepted, pending. */
export function importRequestView (job: JobRow) {
  const req = JSON.parse(job.request) as ImportRequest
  return { ...base(job, req), statusLogs: firstLog(req), status: 'pending' }
}

/** K15's document: pending with the request log until the job has run, then its logs. */
export function importStatusView (job: JobRow) {
  const req = JSON.parse(job.request) as ImportRequest
  const done = job.status !== 'pending' && job.result !== null
  const statusLogs = done ? (JSON.parse(job.result as string) as { statusLogs: Log[] }).statusLogs : firstLog(req)
  return { ...base(job, req), status: job.status, statusLogs, streamId: req.streamId }
}
