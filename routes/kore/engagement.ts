/** K17: User Engagement Trend v2, daily or hourly unique/new/returning users in the caller's time zone. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from '@sinclair/typebox'
import { civilFromDays, parseCivilDate } from '../../src/engine/calendar.js'
import { round2 } from '../../src/engine/buckets.js'
import { normalizeTimeZone } from '../../src/engine/tz.js'
import { calendarWindow } from '../../src/engine/window.js'
import { createEngagementRepository, type EngagementFilter, type UserCounts } from '../../src/db/engagement.repo.js'
import { BadRequestError } from '../../src/errors.js'
import { ref } from '../../schemas/common.js'
import {
  HOUR_KEYS, KoreUetDataPointSchema, KoreUetParamsSchema, KoreUetQuerySchema, KoreUserEngagementTrendSchema
} from '../../schemas/kore/engagement.js'
import { koreBotOf } from './access.js'
import { koreErrors } from './errors.js'

/** Longest range, in days: the Kore analytics range limit applied here [I]. */
const MAX_RANGE_DAYS = 90
const DATE = /^\d{4}-\d{2}-\d{2}$/
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `MMM DD YYYY`, as the docs' samples show ("Dec 01 2025"). */
function label (day: number): string {
  const { y, m, d } = civilFromDays(day)
  return `${MONTHS[m - 1]} ${String(d).padStart(2, '0')} ${y}`
}

function day (name: string, value: string): number {
  const d = DATE.test(value) ? parseCivilDate(value) : null
  if (d === null) throw new BadRequestError(`Invalid ${name}: "${value}", expected YYYY-MM-DD`)
  return d
}

/** An enum value compared case-insensitively on its letters ("Non Interactive" = "non-interactive"); '' = default. */
function choice<T extends string> (name: string, value: string | undefined, allowed: Record<string, T>, fallback: T): T {
  if (value === undefined || value.trim() === '') return fallback
  const key = value.toLowerCase().replace(/[^a-z]/g, '')
  if (!Object.hasOwn(allowed, key)) throw new BadRequestError(`Invalid ${name}: "${value}", allowed: ${Object.values(allowed).join(', ')}`)
  return allowed[key]
}

const AGGREGATION = { daily: 'daily', hourly: 'hourly' } as const
const TYPES = { all: 'all', interactive: 'interactive', noninteractive: 'non interactive' } as const
const STATUSES = { all: 'all', active: 'active', closed: 'closed' } as const

/** A data point; hourly points carry the 24 hour keys, which the static type does not spell out. */
type Point = Static<typeof KoreUetDataPointSchema> & Record<string, string | number>

/** An hourly point with every hour at zero, `date` first (the documented key order): copied per day. */
const ZERO_HOURS = Object.fromEntries([['date', ''], ...HOUR_KEYS.map(k => [k, 0])]) as Point

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const repo = createEngagementRepository(app.db, { rollups: app.config.rollups })
  const { catalog } = app.repos

  // The docs' sample sends no body and no Content-Type, the seed says application/json: take
  // both, and ignore whatever body comes. Only non-empty JSON that does not parse is a 400,
  // as the platform's JSON body parser would answer.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body).trim()
    if (text === '') return done(null, undefined)
    try {
      JSON.parse(text)
      done(null, undefined)
    } catch {
      done(new BadRequestError('Invalid JSON body'), undefined)
    }
  })
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, _body, done) => done(null, undefined))

  app.post('/public/bot/:streamId/v2/userEngagementTrend', {
    config: { kore: { apps: ['builder'], scope: 'User Engagement Trend', botParam: 'streamId', rateKey: 'bot' } },
    schema: {
      tags: ['kore'],
      operationId: 'koreUserEngagementTrendV2',
      summary: 'Unique, new and returning users per day or per hour of day (K17)',
      params: KoreUetParamsSchema,
      querystring: KoreUetQuerySchema,
      response: { 200: ref(KoreUserEngagementTrendSchema), ...koreErrors(400, 401, 429) }
    }
  }, async (request) => {
    const bot = koreBotOf(request)
    const q = request.query
    const aggregation = choice('aggregation_type', q.aggregation_type, AGGREGATION, 'hourly')
    const conversationType = choice('conversationType', q.conversationType, TYPES, 'all')
    const conversationStatus = choice('conversationStatus', q.conversationStatus, STATUSES, 'all')
    const tz = normalizeTimeZone(q.timeZoneOffset === undefined || q.timeZoneOffset.trim() === '' ? 'UTC' : q.timeZoneOffset)
    if (tz === null) throw new BadRequestError(`Invalid timeZoneOffset: "${q.timeZoneOffset ?? ''}"`)
    const first = day('start_date', q.start_date)
    const last = day('end_date', q.end_date)
    if (last < first) throw new BadRequestError('start_date must not be after end_date')
    const days = last - first + 1
    if (days > MAX_RANGE_DAYS) throw new BadRequestError(`The date range must not exceed ${MAX_RANGE_DAYS} days`)

    // "All" or nothing = every channel; a channel the bot does not have matches no session
    const wanted = (q.channels ?? '').split(',').map(s => s.trim().toLowerCase()).filter(s => s !== '')
    const filter: EngagementFilter = {
      interactive: conversationType === 'all' ? null : conversationType === 'interactive' ? 1 : 0,
      status: conversationStatus === 'all' ? null : conversationStatus,
      channelIds: wanted.length === 0 || wanted.includes('all')
        ? null
        : catalog.channelsOf(bot.id).filter(c => wanted.includes(c.extId.toLowerCase())).map(c => c.id)
    }
    const w = calendarWindow(tz, first, last)
    let totals: UserCounts
    const dayList = Array.from({ length: days }, (_, i) => first + i)
    let unique: Point[]
    let fresh: Point[]
    let returning: Point[]
    if (aggregation === 'daily') {
      const trend = repo.byDay(bot.id, w, filter)
      totals = trend.totals
      const byDay = new Map(trend.days.map(r => [r.day, r]))
      const point = (d: number, v: (r: { users: number, newUsers: number }) => number) =>
        ({ date: label(d), users: v(byDay.get(d) ?? { users: 0, newUsers: 0 }) })
      unique = dayList.map(d => point(d, r => r.users))
      fresh = dayList.map(d => point(d, r => r.newUsers))
      returning = dayList.map(d => point(d, r => r.users - r.newUsers))
    } else {
      const zero = () => dayList.map(d => ({ ...ZERO_HOURS, date: label(d) }))
      unique = zero()
      fresh = zero()
      returning = zero()
      const trend = repo.byHour(bot.id, w, filter)
      totals = trend.totals
      for (const r of trend.hours) {
        const i = r.day - first
        if (i < 0 || i >= days) continue
        const k = HOUR_KEYS[r.hour]
        unique[i][k] = r.users
        fresh[i][k] = r.newUsers
        returning[i][k] = r.users - r.newUsers
      }
    }
    const returningUsers = totals.users - totals.newUsers
    return {
      summary: {
        uniqueUsers: totals.users,
        newUsers: totals.newUsers,
        returningUsers,
        avgUniqueUsersPerDay: round2(totals.users / days),
        avgNewUsersPerDay: round2(totals.newUsers / days),
        avgReturningUsersPerDay: round2(returningUsers / days)
      },
      uniqueUsersTrend: { dataPoints: unique },
      newUsersTrend: { dataPoints: fresh },
      returningUsersTrend: { dataPoints: returning },
      filters: {
        start: label(first),
        end: label(last),
        conversationType,
        conversationStatus,
        aggregationType: aggregation,
        dataPointsCount: days
      }
    }
  })
}

export default plugin
