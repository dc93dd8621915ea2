/** Resolves a widget POST's `customFilters` into bound session filters, or a 400 for what cannot be applied. */
import type { Static } from '@sinclair/typebox'
import { DAY_MS, daysFromCivil, civilFromDays } from '../../src/engine/calendar.js'
import type { BotRow, ChannelRow } from '../../src/db/catalog.repo.js'
import type { SessionFilter } from '../../src/db/widgets.repo.js'
import { BadRequestError } from '../../src/errors.js'
import type { KoreCustomFilterSchema } from '../../schemas/kore/widgets.js'

type CustomFilter = Static<typeof KoreCustomFilterSchema>
type Value = string | number | null

const lower = (v: Value): string => String(v).trim().toLowerCase()
const letters = (v: Value): string => lower(v).replace(/[^a-z]/g, '')

/** Maps each value through `table` (keys compared lower-case, letters only); an unknown value is a 400. */
function enumValues<T> (field: string, values: Value[], table: Record<string, T>): T[] {
  return values.map(v => {
    const key = letters(v)
    const hit = Object.hasOwn(table, key) ? table[key] : undefined
    if (hit === undefined) throw new BadRequestError(`Invalid value "${String(v)}" for custom filter field ${field}`)
    return hit
  })
}

function strings (field: string, values: Value[]): string[] {
  return values.map(v => {
    if (v === null) throw new BadRequestError(`Invalid value null for custom filter field ${field}`)
    return String(v)
  })
}

const MDY = /^(\d{1,2})-(\d{1,2})-(\d{4})$/

/** `mm-dd-yyyy` (the documented format of the `date` field) to a day number. */
function mdy (v: Value): number {
  const m = MDY.exec(String(v))
  const day = m === null ? null : daysFromCivil(Number(m[3]), Number(m[1]), Number(m[2]))
  const back = day === null ? null : civilFromDays(day)
  if (m === null || day === null || back?.m !== Number(m[1]) || back.d !== Number(m[2])) {
    throw new BadRequestError(`Invalid date "${String(v)}" for custom filter field date, expected mm-dd-yyyy`)
  }
  return day
}

/** `[from]` or `[from, to]`, either end null for an open range, as epoch ms (inclusive). */
function range (field: string, values: Value[], parse: (v: Value) => [number, number]): [number | undefined, number | undefined] {
  if (values.length > 2) throw new BadRequestError(`Custom filter field ${field} takes [from, to]`)
  const [from, to] = values
  const lo = from === null || from === undefined ? undefined : parse(from)[0]
  const hi = to === null || to === undefined ? undefined : parse(to)[1]
  if (lo === undefined && hi === undefined) throw new BadRequestError(`Custom filter field ${field} needs a from or a to value`)
  return [lo, hi]
}

function epochMs (v: Value): [number, number] {
  const n = typeof v === 'number' ? v : /^\d{1,16}$/.test(String(v)) ? Number(v) : NaN
  if (!Number.isSafeInteger(n) || n < 0) throw new BadRequestError(`Invalid value "${String(v)}" for custom filter field timestampvalue, expected epoch milliseconds`)
  return [n, n]
}

const STATUS = { active: 'active', closed: 'closed' }
const SESSION_TYPE = { interactive: 1, noninteractive: 0 }
const CONTAINMENT = { dropoff: 'dropOff', selfservice: 'selfService', agent: 'agent' }
const USER_TYPE = { newuser: 1 as const, returninguser: 0 as const }
const DEVELOPER = { include: true, exclude: true }

/** Narrows `f[key]` to the values also in `next` (filters on one field combine with AND). */
function narrow<K extends 'status' | 'interactive' | 'channelIds' | 'languages' | 'containment' | 'userIds' | 'userNames' | 'codes'> (
  f: SessionFilter, key: K, next: NonNullable<SessionFilter[K]>
): void {
  const prev = f[key] as Array<string | number> | undefined
  const unique = [...new Set(next as Array<string | number>)]
  f[key] = (prev === undefined ? unique : unique.filter(v => prev.includes(v))) as SessionFilter[K]
}

/**
 * The documented `userType`/`user`/`newuser` filter [S] and the Sessions dataset fields of the
 * Custom Dashboard Filters page [D], field names case-sensitive as documented. Any other
 * filterSource is read as the Sessions dataset [I]; tag sources are not modelled (400).
 */
export function resolveCustomFilters (filters: CustomFilter[], bot: BotRow, channels: ChannelRow[]): SessionFilter {
  const f: SessionFilter = { none: false, sessionFields: false }
  for (const { filterSource, fieldName, values } of filters) {
    if (filterSource === 'userType') {
      if (fieldName !== 'user') throw new BadRequestError(`Unknown custom filter field ${fieldName} for filterSource userType`)
      const wanted = new Set(enumValues(fieldName, values, USER_TYPE))
      if (wanted.size === 1) {
        const v = [...wanted][0]
        if (f.newUser !== undefined && f.newUser !== v) f.none = true
        f.newUser = v
      }
      continue
    }
    if (/tag$/i.test(filterSource)) throw new BadRequestError(`Custom tag filters (${filterSource}) are not supported`)
    f.sessionFields = true
    switch (fieldName) {
      case 'isdeveloper':
        // the dataset has no developer sessions: include and exclude both keep every session
        enumValues(fieldName, values, DEVELOPER)
        break
      case 'sessionstatus': narrow(f, 'status', enumValues(fieldName, values, STATUS)); break
      case 'sessiontype': narrow(f, 'interactive', enumValues(fieldName, values, SESSION_TYPE)); break
      case 'containment_type': narrow(f, 'containment', enumValues(fieldName, values, CONTAINMENT)); break
      case 'language': narrow(f, 'languages', strings(fieldName, values).map(v => v.toLowerCase())); break
      case 'userId': narrow(f, 'userIds', strings(fieldName, values)); break
      case 'username': narrow(f, 'userNames', strings(fieldName, values)); break
      case 'sessionid': narrow(f, 'codes', strings(fieldName, values)); break
      case 'channel': {
        // a channel the bot does not have simply matches no session
        const wanted = new Set(strings(fieldName, values).map(v => v.toLowerCase()))
        narrow(f, 'channelIds', channels.filter(c => wanted.has(c.extId.toLowerCase())).map(c => c.id))
        break
      }
      case 'streamid':
        if (!strings(fieldName, values).includes(bot.extId)) f.none = true
        break
      case 'date':
      case 'timestampvalue': {
        const [lo, hi] = fieldName === 'date'
          ? range(fieldName, values, v => { const d = mdy(v); return [d * DAY_MS, (d + 1) * DAY_MS - 1] })
          : range(fieldName, values, epochMs)
        if (lo !== undefined) f.tsFrom = Math.max(f.tsFrom ?? lo, lo)
        if (hi !== undefined) f.tsTo = Math.min(f.tsTo ?? hi, hi)
        break
      }
      default:
        throw new BadRequestError(`Unknown custom filter field ${fieldName}`)
    }
  }
  return f
}
