/** Kore history shapes: ids derived (never stored) from row ids, session items and message documents. */
import { hash } from 'node:crypto'
import type { Catalog } from '../../src/db/catalog.repo.js'
import type { KoreMessageRow, KoreSessionRow } from '../../src/db/kore-history.repo.js'
import { isoString } from '../../src/engine/iso.js'
import { SESSION_TAG_VALUE } from './history-params.js'

// the one-shot form: no Hash object per call (a history answer derives an id per message)
const sha1 = (s: string): string => hash('sha1', s, 'hex')

/** 32 hex digits laid out as a UUID with the given version nibble and an RFC 4122 variant. */
function uuidOf (h: string, version: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${version}${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

// The last group of a message id is the row id through an invertible map of 48-bit
// integers (an odd multiplier, then a per-bot offset): unique, reversible, not sequential.
const MOD = 1n << 48n
const MULT = 0x5deece66dn
const MULT_INV = (() => {
  let x = MULT // Newton's iteration doubles the correct low bits each step: 3, 6, … 96
  for (let i = 0; i < 5; i++) x = (((x * (2n - MULT * x)) % MOD) + MOD) % MOD
  return x
})()
const tailKeys = new Map<string, bigint>()
function tailKey (botExtId: string): bigint {
  let k = tailKeys.get(botExtId)
  if (k === undefined) {
    k = BigInt(`0x${sha1(`${botExtId}|kore-message-key`).slice(0, 12)}`)
    tailKeys.set(botExtId, k)
  }
  return k
}

/**
 * `ms-<uuid>`: a hash of (bot, row id) whose last group encodes the row id, so a msgId
 * sent back can be decoded and checked without storing anything.
 */
export function koreMessageId (botExtId: string, id: number): string {
  const head = uuidOf(sha1(`${botExtId}|kore-message|${id}`), '5').slice(0, 24)
  const tail = (BigInt(id) * MULT + tailKey(botExtId)) % MOD
  return `ms-${head}${tail.toString(16).padStart(12, '0')}`
}

const MSG_ID = /^ms-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f]{12})$/

/** The message row id a msgId of this bot names, or null when it is not one of its ids. */
export function parseKoreMessageId (botExtId: string, msgId: string): number | null {
  const v = msgId.trim().toLowerCase()
  const m = MSG_ID.exec(v)
  if (m === null) return null
  const id = Number((((BigInt(`0x${m[1]}`) - tailKey(botExtId)) % MOD + MOD) % MOD * MULT_INV) % MOD)
  return id >= 1 && Number.isSafeInteger(id) && koreMessageId(botExtId, id) === v ? id : null
}

/** `toISOString` of a UTC instant, without allocating a Date (histories format one per message). */
export const iso = isoString

export function koreBotIcon (botExtId: string): string {
  return `https://assets.sandbox.invalid/kore/bots/${botExtId}/icon.png`
}

export function koreAccountIcon (accountId: string): string {
  return `https://assets.sandbox.invalid/kore/accounts/${accountId}/icon.png`
}

/** Seeded session tags (a JSON string[]) as Kore session tags. */
export function sessionTags (json: string): Array<{ name: string, value: unknown }> {
  const v: unknown = JSON.parse(json)
  return Array.isArray(v) ? v.map(name => ({ name: String(name), value: SESSION_TAG_VALUE })) : []
}

export function koreSessionItem (catalog: Catalog, s: KoreSessionRow) {
  return {
    sessionId: s.code,
    botId: catalog.bots.get(s.botId)?.extId ?? '',
    channel: catalog.channels.get(s.channelId)?.extId ?? '',
    userId: s.userExtId,
    start_time: iso(s.startedMs),
    end_time: iso(s.endedMs),
    session_lang: [s.language],
    sessionType: s.interactive === 1 ? 'interactive' as const : 'non-interactive' as const,
    isDeveloper: false,
    sessionStatus: s.status,
    tags: { userTags: [], sessionTags: sessionTags(s.tags), altText: [] },
    noOfMessagesExchanged: s.userMsgs + s.botMsgs,
    noOfTasksExecuted: s.flowsCount,
    containmentType: s.containment
  }
}

/** What a message document needs from its bot: ids computed once per bot and request. */
interface BotIds { botId: string, orgId: string, accountId: string }

export function createMessageShaper (catalog: Catalog, includeTraceId: boolean) {
  const bots = new Map<number, BotIds>()
  const botIds = (id: number): BotIds => {
    let b = bots.get(id)
    if (b === undefined) {
      const bot = catalog.bots.get(id)
      const accountId = bot === undefined ? '' : catalog.orgs.get(bot.orgId)?.extId ?? ''
      b = { botId: bot?.extId ?? '', orgId: `o-${uuidOf(sha1(`kore-org|${accountId}`), '5')}`, accountId }
      bots.set(id, b)
    }
    return b
  }
  const textOf = (m: KoreMessageRow): string => m.direction === 0 ? m.text ?? '' : (m.answerId === null ? '' : catalog.answers.get(m.answerId)?.text ?? '')

  return {
    /** The full document, as the doc sample shows it. */
    full (m: KoreMessageRow) {
      const b = botIds(m.botId)
      const chnl = catalog.channels.get(m.channelId)?.extId ?? ''
      const when = iso(m.tsMs)
      const incoming = m.direction === 0
      return {
        _id: koreMessageId(b.botId, m.id),
        channels: [{ type: chnl, channelUId: m.userExtId }],
        type: incoming ? 'incoming' as const : 'outgoing' as const,
        status: incoming ? 'received' : 'pending',
        createdBy: m.userExtId,
        lmodifiedBy: m.userExtId,
        createdOn: when,
        lmodifiedOn: when,
        botId: b.botId,
        orgId: b.orgId,
        accountId: b.accountId,
        // end users, not the Builder's talk-to-bot and not developers (sessions say isDeveloper false)
        isBB: 0,
        ms: 1,
        chnl,
        isD: 0,
        components: [{ _id: `cp-${uuidOf(sha1(`${b.botId}|kore-component|${m.id}`), '5')}`, cT: 'text', data: { text: textOf(m) }, thumbnails: [] }],
        timestampValue: m.tsMs,
        __v: 0,
        lang: m.language,
        sT: 1,
        sessionId: m.code,
        resourceid: 'messagestore',
        tags: { messageTags: [], userTags: [], sessionTags: sessionTags(m.tags), altText: [] },
        ...(includeTraceId && incoming ? { traceId: uuidOf(sha1(`${b.botId}|kore-trace|${m.id}`), '4') } : {})
      }
    },

    /** The short shape of the callId variant. */
    short (m: KoreMessageRow) {
      return { type: m.direction === 0 ? 'incoming' as const : 'outgoing' as const, text: textOf(m), timestamp: iso(m.tsMs) }
    }
  }
}
