/** Translates eva query parameters into the engine's window, scope and paging. */
import type { FastifyRequest } from 'fastify'
import type { Config } from '../../src/config.js'
import type { BotRow, Catalog } from '../../src/db/catalog.repo.js'
import type { Scope } from '../../src/db/traffic.repo.js'
import { BadRequestError } from '../../src/errors.js'
import { isoString } from '../../src/engine/iso.js'
import { normalizeTimeZone } from '../../src/engine/tz.js'
import { makeWindow, parseInstant, type Window } from '../../src/engine/window.js'
import type { PageRequest } from '../../src/engine/paging.js'
import { evaBotOf } from './access.js'

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

export interface WindowQuery {
  startDate: string
  endDate: string
  startHour: number
  endHour: number
  timezone?: string
}

export function evaWindow (q: WindowQuery, config: Readonly<Config>): Window {
  const tz = normalizeTimeZone(q.timezone ?? 'UTC')
  if (tz === null) throw new BadRequestError(`Unknown timezone: ${q.timezone ?? ''}`)
  const from = parseInstant(q.startDate)
  if (from === null) throw new BadRequestError(`startDate is not an ISO date-time: ${q.startDate}`)
  const to = parseInstant(q.endDate)
  if (to === null) throw new BadRequestError(`endDate is not an ISO date-time: ${q.endDate}`)
  if (q.startHour > q.endHour) throw new BadRequestError('startHour must not be after endHour')
  const w = makeWindow({ tz, from, to, startHour: q.startHour, endHour: q.endHour })
  if (w === null) throw new BadRequestError('startDate must not be after endDate')
  if (w.lastDay - w.firstDay + 1 > config.eva.maxRangeDays) {
    throw new BadRequestError(`The date range must not exceed ${config.eva.maxRangeDays} days`)
  }
  return w
}

/** `channelUuids` (or the live client's `channelUUIDs`): empty means every channel of the bot. */
export function evaScope (bot: BotRow, catalog: Catalog, q: { channelUuids?: string, channelUUIDs?: string }): Scope {
  const raw = (q.channelUuids ?? q.channelUUIDs ?? '').split(',').map(s => s.trim()).filter(s => s !== '')
  const channels = catalog.channelsOf(bot.id)
  if (raw.length === 0) return { botId: bot.id, channelIds: channels.map(c => c.id) }
  for (const value of raw) {
    if (!UUID.test(value)) throw new BadRequestError(`channelUuids contains an invalid UUID: ${value}`)
  }
  const wanted = new Set(raw.map(s => s.toLowerCase()))
  return { botId: bot.id, channelIds: channels.filter(c => wanted.has(c.extId.toLowerCase())).map(c => c.id) }
}

/** What every analytics and list endpoint starts from: the bot, its window and its channel scope. */
export function evaFilters (request: FastifyRequest, q: WindowQuery & { channelUuids?: string, channelUUIDs?: string }, config: Readonly<Config>, catalog: Catalog) {
  const bot = evaBotOf(request)
  return { bot, window: evaWindow(q, config), scope: evaScope(bot, catalog, q) }
}

export function evaPage (q: { page: number, size: number }, config: Readonly<Config>): PageRequest {
  return { page: q.page, size: q.size, base: config.eva.pageBase }
}

/** `toISOString` of a UTC instant, without allocating a Date (responses format thousands). */
export const iso = isoString
