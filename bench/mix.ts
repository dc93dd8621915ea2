/** The benchmark's fixed mix: one request generator per endpoint, every request with fresh random parameters. */
import { uniformStream } from '../seeds/prng.js'

/** Seeded draws in [0, 1): the same seed gives the same sequence. */
export function prng (seed: number): () => number {
  return uniformStream(seed)
}

/** One request as autocannon sends it. */
export interface Shot {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface Endpoint {
  /** the row name in the table */
  name: string
  /** what the parameters are, for docs and the JSON */
  about: string
  /** an aggregation (the "heavy" rows, held to ≥ 0.5× the ceiling) rather than a list */
  heavy: boolean
  next: () => Shot
}

export interface EvaBot {
  base: string
  headers: Record<string, string>
  channelUuids: string[]
}

export interface KoreBot {
  botId: string
  jwt: string
  /** Kore channel types seen in the bot's sessions */
  channels: string[]
  /** real session ids of the bot (from getSessions) for the getMessagesV2 batches */
  sessionIds: string[]
}

export interface ChatbotcomAccount {
  token: string
  storyIds: string[]
}

export interface Credentials {
  eva: EvaBot[]
  kore: KoreBot[]
  chatbotcom: ChatbotcomAccount[]
}

export interface MixOptions {
  /** last day of the generated history, YYYY-MM-DD */
  anchor: string
  /** days of history ending on the anchor */
  historyDays: number
  seed: number
}

/** IANA zones and fixed offsets, including the half- and quarter-hour ones (+05:30, +05:45). */
const TIME_ZONES = ['UTC', 'America/Sao_Paulo', 'America/New_York', 'Europe/Madrid', 'Asia/Kolkata', 'Asia/Kathmandu', '+05:30', '+05:45', '-03:00', 'Australia/Adelaide']
/** ChatBot.com heatmap offsets in minutes (−720…720), whole, half and quarter hours. */
const HEATMAP_OFFSETS = [0, 60, 120, -180, -240, -300, 330, 345, 540, 570, -600, 720]
const CHATBOTCOM_SOURCES = ['messenger', 'livechat', 'livechat3', 'slack', 'widget', 'app', 'custom']
/** eva messages/list: page 50 of pages of this size */
export const EVA_MESSAGES_PAGE = 50
export const EVA_MESSAGES_SIZE = 20
/** Kore getSessions: the second page of the default page size (100) */
export const KORE_SESSIONS_LIMIT = 100
/** Kore getMessagesV2: session ids per request */
export const KORE_BATCH = 10

export function buildMix (c: Credentials, o: MixOptions): Endpoint[] {
  const random = prng(o.seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1))
  const anchorMs = Date.parse(`${o.anchor}T00:00:00Z`)
  /** The UTC day `back` days before the anchor. */
  const day = (back: number): string => new Date(anchorMs - back * 86_400_000).toISOString().slice(0, 10)
  /** `span` whole days (first and last inclusive) ending on a random day of the history. */
  const window = (span: number): [string, string] => {
    const end = between(0, Math.max(0, o.historyDays - span))
    return [day(end + span - 1), day(end)]
  }
  /** A random non-empty subset, in random order. */
  const subset = <T>(list: readonly T[]): T[] => {
    const shuffled = [...list].sort(() => random() - 0.5)
    return shuffled.slice(0, between(1, list.length))
  }
  const evaQuery = (span: number): string => {
    const [from, to] = window(span)
    const hours = random() < 0.25 ? `&startHour=${between(0, 11)}&endHour=${between(12, 23)}` : '&startHour=0&endHour=23'
    return `startDate=${from}&endDate=${to}${hours}&timezone=${encodeURIComponent(pick(TIME_ZONES))}`
  }
  const evaChannels = (b: EvaBot): string => random() < 0.5 ? '' : `&channelUuids=${subset(b.channelUuids).join(',')}`
  const cbcFilter = (a: ChatbotcomAccount): string => {
    const r = random()
    if (r < 0.4) return ''
    if (r < 0.7) return `&storyId=${pick(a.storyIds)}`
    return subset(CHATBOTCOM_SOURCES).slice(0, 3).map(s => `&source=${s}`).join('')
  }
  const json = { 'content-type': 'application/json' }

  return [
    {
      name: 'eva dashboard/conversations 90d',
      about: '90 local days ending on a random day; random time zone, channel subset (half the requests) and hour window (a quarter)',
      heavy: true,
      next: () => {
        const b = pick(c.eva)
        return { method: 'GET', path: `${b.base}/dashboard/conversations?${evaQuery(90)}${evaChannels(b)}`, headers: b.headers }
      }
    },
    {
      name: 'eva dashboard/users 90d',
      about: 'as dashboard/conversations: 90 days, random time zone, channels and hours',
      heavy: true,
      next: () => {
        const b = pick(c.eva)
        return { method: 'GET', path: `${b.base}/dashboard/users?${evaQuery(90)}${evaChannels(b)}`, headers: b.headers }
      }
    },
    {
      name: `eva messages/list p${EVA_MESSAGES_PAGE}`,
      about: `page ${EVA_MESSAGES_PAGE} of ${EVA_MESSAGES_SIZE}; a random window of 7–30 days, time zone, channels, hours, nlpResponseFilters and direction`,
      heavy: false,
      next: () => {
        const b = pick(c.eva)
        const nlp = pick(['ALL', 'FOUND', 'NONE'])
        return {
          method: 'GET',
          path: `${b.base}/messages/list?${evaQuery(between(7, 30))}${evaChannels(b)}&page=${EVA_MESSAGES_PAGE}&size=${EVA_MESSAGES_SIZE}&nlpResponseFilters=${nlp}&direction=${pick(['DESC', 'ASC'])}`,
          headers: b.headers
        }
      }
    },
    {
      name: 'kore userEngagementTrend hourly 7d',
      about: 'aggregation_type=hourly over 7 local days ending on a random day; random timeZoneOffset, channel (a third) and conversationType (a quarter)',
      heavy: true,
      next: () => {
        const k = pick(c.kore)
        const [from, to] = window(7)
        const channels = random() < 0.33 && k.channels.length > 0 ? `&channels=${subset(k.channels).join(',')}` : ''
        const type = random() < 0.25 ? `&conversationType=${pick(['Interactive', 'Non%20Interactive'])}` : ''
        return {
          method: 'POST',
          path: `/api/public/bot/${k.botId}/v2/userEngagementTrend?aggregation_type=hourly&start_date=${from}&end_date=${to}&timeZoneOffset=${encodeURIComponent(pick(TIME_ZONES))}${channels}${type}`,
          headers: { auth: k.jwt }
        }
      }
    },
    {
      name: 'kore getSessions 7d p2',
      about: `skip=${KORE_SESSIONS_LIMIT}, limit=${KORE_SESSIONS_LIMIT} (the second page) over 7 GMT days ending on a random day; random containmentType (half) and sessionType (a quarter)`,
      heavy: false,
      next: () => {
        const k = pick(c.kore)
        const [dateFrom, dateTo] = window(7)
        const query = random() < 0.5 ? `?containmentType=${pick(['selfService', 'dropOff', 'agent'])}` : ''
        const body: Record<string, unknown> = { dateFrom, dateTo, skip: KORE_SESSIONS_LIMIT, limit: KORE_SESSIONS_LIMIT }
        if (random() < 0.25) body.sessionType = pick(['interactive', 'non-interactive'])
        return { method: 'POST', path: `/api/public/bot/${k.botId}/getSessions${query}`, headers: { ...json, auth: k.jwt }, body: JSON.stringify(body) }
      }
    },
    {
      name: `kore getMessagesV2 ${KORE_BATCH} sessions`,
      about: `POST sessionId = ${KORE_BATCH} real session ids of one bot drawn at random from a pool taken from getSessions (default limit 100)`,
      heavy: false,
      next: () => {
        const k = pick(c.kore)
        const ids = new Set<string>()
        while (ids.size < Math.min(KORE_BATCH, k.sessionIds.length)) ids.add(pick(k.sessionIds))
        return { method: 'POST', path: `/api/public/bot/${k.botId}/getMessagesV2`, headers: { ...json, auth: k.jwt }, body: JSON.stringify({ sessionId: [...ids] }) }
      }
    },
    {
      name: 'chatbotcom conversations hour 30d',
      about: 'dimension=hour over a last30days-shaped range (30 UTC days) ending on a random day; random storyId or source filter (60 %)',
      heavy: true,
      next: () => {
        const a = pick(c.chatbotcom)
        const [from, to] = window(30)
        return { method: 'GET', path: `/reports/conversations?from=${from}&to=${to}&dimension=hour${cbcFilter(a)}`, headers: { authorization: `Bearer ${a.token}` } }
      }
    },
    {
      name: 'chatbotcom heatmap',
      about: 'a random range of 1–90 UTC days; random offset (whole, half and quarter hours) and storyId or source filter (60 %)',
      heavy: true,
      next: () => {
        const a = pick(c.chatbotcom)
        const [from, to] = window(between(1, 90))
        return {
          method: 'GET',
          path: `/reports/conversations.heatmap?from=${from}&to=${to}&offset=${pick(HEATMAP_OFFSETS)}${cbcFilter(a)}`,
          headers: { authorization: `Bearer ${a.token}` }
        }
      }
    }
  ]
}

/** The ceiling: a fixed JSON body of about `bytes` from the same process, no data work. */
export function ceilingEndpoint (bytes: number): Endpoint {
  return {
    name: 'ceiling (fixed body)',
    about: `GET /__sandbox/ceiling?bytes=${bytes}: a fixed JSON body, built once`,
    heavy: false,
    next: () => ({ method: 'GET', path: `/__sandbox/ceiling?bytes=${bytes}` })
  }
}
