/** Debug Logs (K12): a bare array of log entries derived from one identity's sessions and messages. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type Static, Type } from '@sinclair/typebox'
import type { Catalog } from '../../src/db/catalog.repo.js'
import { createKoreHistoryRepository, type IdentitySessionRow, type TranscriptEntryRow } from '../../src/db/kore-history.repo.js'
import { DAY_MS } from '../../src/engine/calendar.js'
import { isoString } from '../../src/engine/iso.js'
import { normalizeTimeZone, offsetAt } from '../../src/engine/tz.js'
import { dayStart, parseInstant } from '../../src/engine/window.js'
import { BadRequestError } from '../../src/errors.js'
import { ref } from '../../schemas/common.js'
import { KORE_DEBUG_LOGS_MAX_LIMIT, KoreDebugLogsQuerySchema, KoreDebugLogsSchema } from '../../schemas/kore/debug-logs.js'
import { koreBotOf } from './access.js'
import { koreErrors } from './errors.js'
import { channelIdsOf, HISTORY_CHANNEL_TYPES } from './history-params.js'

type Query = Static<typeof KoreDebugLogsQuerySchema>

/** Voice and SMS gateways the debug-logs docs list, and the sandbox channel whose sessions they log. */
const GATEWAYS: Record<string, string> = Object.fromEntries([
  ...['audiocodes', 'genesys', 'korevg', 'smartassist', 'twiliovoice', 'ivr'].map(g => [g, 'ivrVoice']),
  ...['genericsms', 'twiliosms'].map(g => [g, 'sms'])
])
/** The TwilioSMS samples report `sms` even when queried as `twiliosms` (kore.md §5 [D]). */
const META_CHANNEL: Record<string, string> = { twiliosms: 'sms' }

const SMARTASSIST = /^[0-9a-f]{24}\/smartassist\/([0-9a-f]{24})$/i
const EPOCH_MS = /^\d{10,15}$/
const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/

interface Entry {
  ms: number
  nomatch_count?: string
  noinput_count?: string
  debugTitle: string
  debugLevel: string
  debugMessage?: string
  debugDetail?: string
}

/** The instant `fromDate`/`toDate` names; a bare date is a whole day in `tz` (toDate: its end). */
function bound (name: string, value: string, tz: string, end: boolean): number {
  const v = value.trim()
  if (EPOCH_MS.test(v)) return Number(v) + (end ? 1 : 0)
  const p = parseInstant(v)
  if (p === null) throw new BadRequestError(`Invalid ${name}: expected yyyy-mm-dd, an ISO date-time or epoch milliseconds`)
  if (BARE_DATE.test(v) && p.day !== null) return dayStart(tz, end ? p.day + 1 : p.day)
  return p.ms + (end ? 1 : 0)
}

/** ISO-8601 in `tz`: `Z` for UTC, else the local time with its offset. */
function stamp (ms: number, tz: string): string {
  if (tz === 'UTC') return isoString(ms)
  const offset = Math.round(offsetAt(tz, ms) / 60_000)
  const local = isoString(ms + offset * 60_000).slice(0, 23)
  const abs = Math.abs(offset)
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/**
 * What the platform would have logged for one session: the welcome dialog and each
 * understood message start an intent node, each bot answer is a parsed prompt, each
 * unmatched message a MAX_NO_MATCH warning, and a closed session ends its dialog.
 */
function sessionEntries (catalog: Catalog, s: IdentitySessionRow, messages: TranscriptEntryRow[]): Entry[] {
  const out: Entry[] = []
  let dialog: string | null = null
  let nomatch = 0
  for (const m of messages) {
    if (m.direction === 0) {
      const intent = m.intentId === null ? undefined : catalog.intents.get(m.intentId)
      if (m.understood === 1 && intent !== undefined) {
        nomatch = 0
        dialog = intent.name
        out.push({ ms: m.tsMs, nomatch_count: '0', noinput_count: '0', debugTitle: intent.name, debugLevel: 'Info', debugMessage: 'intent node initiated', debugDetail: JSON.stringify(m.text ?? '') })
      } else {
        nomatch++
        out.push({
          ms: m.tsMs,
          nomatch_count: String(nomatch),
          noinput_count: '0',
          debugTitle: dialog ?? 'Fallback',
          debugLevel: 'Warning',
          debugMessage: 'executeNode has invoked due to MAX_NO_MATCH event',
          debugDetail: JSON.stringify(m.text ?? '')
        })
      }
      continue
    }
    const answer = m.answerId === null ? undefined : catalog.answers.get(m.answerId)
    const intent = answer === undefined ? undefined : catalog.intents.get(answer.intentId)
    if (answer === undefined || intent === undefined || intent.kind === 'fallback' || intent.kind === 'contextFallback') continue
    if (intent.kind === 'welcome' && m.seq === 0) {
      dialog = intent.name
      out.push({ ms: m.tsMs, nomatch_count: '0', noinput_count: '0', debugTitle: intent.name, debugLevel: 'Info', debugMessage: 'intent node initiated' })
    }
    dialog ??= intent.name
    out.push({ ms: m.tsMs, debugTitle: intent.name, debugLevel: 'info', debugMessage: 'User prompt parsing successful', debugDetail: JSON.stringify(`${answer.text}\n`) })
  }
  if (s.status === 'closed' && dialog !== null) out.push({ ms: s.endedMs, debugTitle: `${dialog}: Reached end of dialog`, debugLevel: 'Info' })
  return out
}

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const repo = createKoreHistoryRepository(app.db)
  const { catalog } = app.repos

  app.get('/1.1/:botId/debuglogs', {
    config: { kore: { apps: ['builder'], scope: 'Debug Logs', botParam: 'botId', rateKey: 'bot' } },
    schema: {
      tags: ['kore'],
      operationId: 'koreDebugLogs',
      summary: 'Debug Logs: the log entries of one conversation identity, oldest first, as a bare array',
      params: Type.Object({ botId: Type.String({ maxLength: 200, description: 'Bot (stream) id, st-…' }) }),
      querystring: KoreDebugLogsQuerySchema,
      response: { 200: ref(KoreDebugLogsSchema), ...koreErrors(400, 401, 429) }
    }
  }, async (request) => {
    const bot = koreBotOf(request)
    const q: Query = request.query
    const tz = q.timezone === undefined ? 'UTC' : normalizeTimeZone(q.timezone)
    if (tz === null) throw new BadRequestError(`Invalid timezone: ${q.timezone ?? ''}`)
    const channelType = q.channelType ?? 'rtm'
    if (GATEWAYS[channelType] === undefined && !HISTORY_CHANNEL_TYPES.has(channelType)) throw new BadRequestError(`Invalid channelType: ${channelType}`)
    const start = q.fromDate === undefined ? null : bound('fromDate', q.fromDate, tz, false)
    const end = q.toDate === undefined ? null : bound('toDate', q.toDate, tz, true)
    if (start !== null && end !== null && end <= start) throw new BadRequestError('fromDate must be before toDate')
    const range = start === null && end === null ? null : { start: start ?? 0, end: end ?? 100 * 366 * DAY_MS }

    // identity: the user id, `{clientId}/{userId}` (korevg), or `{accountId}/smartassist/{sessionId}`
    const identity = q.identity.trim()
    const smartassist = SMARTASSIST.exec(identity)
    const userExtId = smartassist === null ? identity.slice(identity.lastIndexOf('/') + 1) : null
    const code = smartassist === null ? null : smartassist[1].toLowerCase()
    const channelIds = channelIdsOf(catalog, [bot.id], GATEWAYS[channelType] ?? channelType)
    const sessions = repo.identitySessions(bot.id, userExtId, code, channelIds, range)

    const bySession = new Map<number, TranscriptEntryRow[]>()
    for (const m of repo.transcripts(sessions.map(s => s.id))) {
      const list = bySession.get(m.sessionId)
      if (list === undefined) bySession.set(m.sessionId, [m])
      else list.push(m)
    }
    const entries = sessions.flatMap(s => sessionEntries(catalog, s, bySession.get(s.id) ?? []))
      .filter(e => range === null || (e.ms >= range.start && e.ms < range.end))
    entries.sort((a, b) => a.ms - b.ms) // stable: a session's entries keep their order

    const offset = q.offset ?? 0
    const metaInfo = { channel: META_CHANNEL[channelType] ?? channelType, identity: q.identity }
    return entries.slice(offset, offset + (q.limit ?? KORE_DEBUG_LOGS_MAX_LIMIT)).map(({ ms, debugDetail, ...e }) => ({
      timestamp: stamp(ms, tz),
      ...e,
      ...(q.minimumInfo === true || debugDetail === undefined ? {} : { debugDetail }),
      metaInfo
    }))
  })
}

export default plugin
