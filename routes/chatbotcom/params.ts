/** Translates ChatBot.com report parameters: ranges, periods, dimensions, and story/source filters. */
import type { FastifyRequest } from 'fastify'
import type { Catalog } from '../../src/db/catalog.repo.js'
import type { ReportScope } from '../../src/db/chatbotcom.repo.js'
import { BadRequestError, NotFoundError } from '../../src/errors.js'
import { DAY_MS, civilFromDays, daysFromCivil, parseCivilDate } from '../../src/engine/calendar.js'
import type { UtcDimension } from '../../src/engine/utc-buckets.js'
import { parseInstant } from '../../src/engine/window.js'
import { CHATBOTCOM_SOURCES } from '../../schemas/chatbotcom/reports.js'

/** The seed's default `from` (1974-1-1) and `to` (NOW). */
const DEFAULT_FROM = Date.UTC(1974, 0, 1)
const STORY_ID = /^[0-9a-f]{24}$/

/** A bound: bare dates are UTC days (an end date covers its whole day); else ISO or epoch ms. */
function parseBound (value: string, name: string, end: boolean): number {
  const day = parseCivilDate(value)
  if (day !== null) return end ? (day + 1) * DAY_MS - 1 : day * DAY_MS
  // epoch seconds (10 digits) or milliseconds (13 digits)
  if (/^\d{10}$/.test(value)) return Number(value) * 1000
  if (/^\d{13}$/.test(value)) return Number(value)
  const instant = parseInstant(value)
  if (instant === null) throw new BadRequestError(`Validation error: "${name}" must be a valid date`)
  return instant.ms
}

function addMonths (day: number, months: number): number {
  const c = civilFromDays(day)
  const m = c.m - 1 + months
  const y = c.y + Math.floor(m / 12)
  const mm = ((m % 12) + 12) % 12 + 1
  const last = daysFromCivil(mm === 12 ? y + 1 : y, mm === 12 ? 1 : mm + 1, 1) - daysFromCivil(y, mm, 1)
  return daysFromCivil(y, mm, Math.min(c.d, last))
}

/** A named period as an inclusive UTC range ending now (or at the end of a past period). */
export function periodRange (period: string, now: number): { from: number, to: number } {
  const today = Math.floor(now / DAY_MS)
  const c = civilFromDays(today)
  const monthStart = daysFromCivil(c.y, c.m, 1)
  switch (period) {
    case 'today': return { from: today * DAY_MS, to: now }
    case 'yesterday': return { from: (today - 1) * DAY_MS, to: today * DAY_MS - 1 }
    case 'last7days': return { from: (today - 6) * DAY_MS, to: now }
    case 'thisMonth': return { from: monthStart * DAY_MS, to: now }
    case 'lastMonth': return { from: addMonths(monthStart, -1) * DAY_MS, to: monthStart * DAY_MS - 1 }
    case 'last3Months': return { from: addMonths(today, -3) * DAY_MS, to: now }
    case 'thisYear': return { from: daysFromCivil(c.y, 1, 1) * DAY_MS, to: now }
    case 'lastYear': return { from: daysFromCivil(c.y - 1, 1, 1) * DAY_MS, to: daysFromCivil(c.y, 1, 1) * DAY_MS - 1 }
    default: return { from: (today - 29) * DAY_MS, to: now } // last30days, the default
  }
}

/** `from`/`to` override `period`; a missing side falls back to its own default (1974-1-1 / now). */
export function reportRange (q: { from?: string, to?: string, period?: string }, now: number): { from: number, to: number } {
  if (q.from === undefined && q.to === undefined) return periodRange(q.period ?? 'last30days', now)
  const from = q.from === undefined ? DEFAULT_FROM : parseBound(q.from, 'from', false)
  const to = q.to === undefined ? now : parseBound(q.to, 'to', true)
  if (from > to) throw new BadRequestError('Validation error: "from" must be before "to"')
  return { from, to }
}

/** `auto` picks the bucket from the range's length (thresholds are [I]). */
export function resolveDimension (dimension: string | undefined, range: { from: number, to: number }): UtcDimension {
  if (dimension !== undefined && dimension !== 'auto') return dimension as UtcDimension
  if (dimension === undefined) return 'day'
  const days = (range.to - range.from + 1) / DAY_MS
  return days <= 2 ? 'hour' : days <= 92 ? 'day' : days <= 731 ? 'month' : 'year'
}

/** Every value of a parameter given as `name=a`, `name=a&name=b`, `name[]=a` or `name[0]=a`. */
export function values (request: FastifyRequest, name: string): string[] | null {
  const query = request.query as Record<string, unknown>
  const out: string[] = []
  const indexed = new RegExp(`^${name}\\[(\\d+)\\]$`)
  // `name[1]=b&name[0]=a` means [a, b], as qs reads it
  const keys = Object.keys(query).sort((a, b) => Number(indexed.exec(a)?.[1] ?? -1) - Number(indexed.exec(b)?.[1] ?? -1))
  for (const key of keys) {
    const raw = query[key]
    if (key !== name && key !== `${name}[]` && !indexed.test(key)) continue
    for (const v of Array.isArray(raw) ? raw : [raw]) if (typeof v === 'string' && v !== '') out.push(v)
  }
  return out.length === 0 ? null : out
}

export interface Selection extends ReportScope {
  /** the stories (bot ids) and sources in scope, in a stable order */
  stories: number[]
  sources: string[]
}

/** The account's stories and sources after the storyId/source filters. */
export function selection (catalog: Catalog, accountBots: number[], storyIds: string[] | null, sources: string[] | null, range: { from: number, to: number }): Selection {
  for (const s of sources ?? []) {
    if (!(CHATBOTCOM_SOURCES as readonly string[]).includes(s)) {
      throw new BadRequestError(`Validation error: "source" must be one of [${CHATBOTCOM_SOURCES.join(', ')}]`)
    }
  }
  let stories = accountBots
  if (storyIds !== null) {
    stories = []
    for (const given of storyIds) {
      const id = given.toLowerCase()
      if (!STORY_ID.test(id)) throw new BadRequestError('Validation error: "storyId" must be a 24 characters hex string')
      const bot = catalog.botByExtId('chatbotcom', id)
      if (bot === undefined || !accountBots.includes(bot.id)) throw new NotFoundError(`Story ${id} not found`)
      if (!stories.includes(bot.id)) stories.push(bot.id)
    }
  }
  const channels = stories.flatMap(b => catalog.channelsOf(b)).filter(c => sources === null || sources.includes(c.extId))
  const present = [...new Set(channels.map(c => c.extId))]
  return {
    ...range,
    botIds: stories,
    channelIds: channels.map(c => c.id),
    stories,
    sources: sources === null ? CHATBOTCOM_SOURCES.filter(s => present.includes(s)) : [...new Set(sources)]
  }
}
