/** Kore history parameters: GMT date ranges under 7 days, skip/limit, channel types, session ids and tag filters. */
import type { FastifyInstance } from 'fastify'
import type { Catalog } from '../../src/db/catalog.repo.js'
import type { TagMatch } from '../../src/db/kore-history.repo.js'
import { DAY_MS } from '../../src/engine/calendar.js'
import { parseInstant } from '../../src/engine/window.js'
import { BadRequestError } from '../../src/errors.js'

/** Page size when `limit` is left out: the doc samples' 100 [I]. */
export const KORE_DEFAULT_LIMIT = 100

/** `dateTo − dateFrom` must be less than 7 days (kore.md §3, §4 [D]). */
export const KORE_MAX_RANGE_MS = 7 * DAY_MS

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/
export const HEX24 = /^[0-9a-f]{24}$/

/** [start, end) in UTC milliseconds. */
export interface GmtRange { start: number, end: number }

function instant (name: string, value: string): { ms: number, wholeDay: boolean } {
  const parsed = parseInstant(value.trim())
  if (parsed === null) throw new BadRequestError(`Invalid ${name}: expected yyyy-mm-dd or yyyy-mm-ddThh:mm:ss.msZ`)
  return { ms: parsed.ms, wholeDay: BARE_DATE.test(value.trim()) }
}

/**
 * `dateFrom`/`dateTo` read as GMT. A bare `dateTo` date includes that whole day (so
 * `dateFrom = dateTo = 2019-04-01`, the doc sample, is that day); a date-time is exact.
 * A missing end is the other end ± 7 days, and both missing is the 7 days up to now.
 * Given both, the range must be under 7 days as documented: at most 7 whole days, or
 * date-times less than 7 days apart.
 */
export function gmtRange (dateFrom: string | undefined, dateTo: string | undefined, now: number): GmtRange {
  const from = dateFrom === undefined ? null : instant('dateFrom', dateFrom)
  const to = dateTo === undefined ? null : instant('dateTo', dateTo)
  const end = to === null ? null : to.wholeDay ? to.ms + DAY_MS : to.ms + 1
  if (from === null && end === null) return { start: now - KORE_MAX_RANGE_MS, end: now + 1 }
  if (from === null) return { start: (end as number) - KORE_MAX_RANGE_MS, end: end as number }
  if (end === null) return { start: from.ms, end: from.ms + KORE_MAX_RANGE_MS }
  if (end <= from.ms) throw new BadRequestError('dateFrom must be before dateTo')
  if (end - from.ms > KORE_MAX_RANGE_MS) throw new BadRequestError('The date range between dateFrom and dateTo must be less than 7 days')
  return { start: from.ms, end }
}

/** `skip` (or its alias `offset`) and `limit`, whose maximum the route schema enforces. */
export function paging (q: { skip?: number, offset?: number, limit?: number }): { skip: number, limit: number } {
  return { skip: q.skip ?? q.offset ?? 0, limit: q.limit ?? KORE_DEFAULT_LIMIT }
}

/** The channel types the Conversation History API lists (kore.md §4 [D]). */
export const HISTORY_CHANNEL_TYPES = new Set([
  'msteams', 'twitter', 'spark', 'rtm', 'facebook', 'slack', 'kore', 'email', 'sms', 'wfacebook', 'ringcentral',
  'jabber', 'yammer', 'alexa', 'twiliovoice', 'telegram', 'ivr', 'ivrVoice', 'smartassist', 'line', 'liveperson',
  'googleactions', 'hangoutchat', 'mattermost', 'rcs', 'skypeforbusiness', 'skype'
])

/** Channel ids of `bots` whose Kore channel type is `type` (an empty list when none has it). */
export function channelIdsOf (catalog: Catalog, botIds: number[], type: string): number[] {
  return botIds.flatMap(b => catalog.channelsOf(b)).filter(c => c.extId === type).map(c => c.id)
}

/** A documented channel type, else 400. */
export function historyChannel (value: string): string {
  if (!HISTORY_CHANNEL_TYPES.has(value)) throw new BadRequestError(`Invalid channelType: ${value}`)
  return value
}

/** Well-formed (24-hex) distinct ids, in order, and the garbled ones. */
export function splitSessionIds (ids: string[]): { valid: string[], invalid: string[] } {
  const valid: string[] = []
  const invalid: string[] = []
  for (const raw of ids) {
    const id = raw.trim().toLowerCase()
    if (HEX24.test(id)) {
      if (!valid.includes(id)) valid.push(id)
    } else if (!invalid.includes(raw)) {
      invalid.push(raw)
    }
  }
  return { valid, invalid }
}

interface TagCondition { name: string, values?: Array<string | number | boolean>, type?: 'user' | 'message' | 'session' }

/**
 * The sandbox's sessions carry their tags as session tags `{name, value: "true"}`; users
 * and messages have none. So a condition holds when it is a session (or untyped) tag
 * whose name the session has, and its `values`, if any, include "true".
 */
export function tagMatch (tags: { and?: TagCondition[], or?: TagCondition[] } | undefined): TagMatch | undefined {
  if (tags === undefined || (tags.and === undefined && tags.or === undefined)) return undefined
  const satisfiable = (c: TagCondition): boolean => (c.type === undefined || c.type === 'session') &&
    (c.values === undefined || c.values.length === 0 || c.values.some(v => String(v).toLowerCase() === 'true'))
  const and = tags.and ?? []
  const or = tags.or
  const none = !and.every(satisfiable) || (or !== undefined && or.length > 0 && !or.some(satisfiable))
  const any = or === undefined || or.length === 0 ? null : or.filter(satisfiable).map(c => c.name)
  return { all: and.map(c => c.name), any, none }
}

/** The value of every seeded session tag. */
export const SESSION_TAG_VALUE = 'true'

/**
 * The history POSTs take an optional body: the docs show getSessions "without a body",
 * both with no payload and with `Content-Type: application/json` and an empty one. In
 * this plugin's scope only, an empty JSON payload reads as `{}` (malformed JSON is still
 * a 400) and a missing body as `{}`.
 */
export function optionalJsonBody (app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (String(body).trim() === '') {
      done(null, {})
      return
    }
    json(request, String(body), done)
  })
  app.addHook('preValidation', async (request) => {
    if (request.method === 'POST' && (request.body === undefined || request.body === null)) request.body = {}
  })
}
