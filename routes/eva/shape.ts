/** eva response shapes built from catalogue rows: channel objects, NLP responses, message ids. */
import { createHash } from 'node:crypto'
import type { Catalog, ChannelRow } from '../../src/db/catalog.repo.js'

export function evaChannel (catalog: Catalog, channel: ChannelRow) {
  const bot = catalog.bots.get(channel.botId)
  const type = catalog.channelTypes.get(channel.typeId)
  return {
    uuid: channel.extId,
    botUuid: bot?.extId ?? '',
    name: channel.name,
    description: channel.description,
    channelType: {
      id: type?.id ?? 0,
      name: type?.name ?? '',
      image: type?.image ?? '',
      channelClassification: { id: type?.classId ?? 0, name: type?.className ?? '' }
    }
  }
}

/** Stable UUID-shaped message id: derived from the row id and the bot, never stored. */
export function evaMessageId (botExtId: string, messageId: number): string {
  const h = createHash('sha1').update(`${botExtId}|message|${messageId}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export type NlpResponse = { responseType: 'INTENT' | 'ENTITY' | 'DOCUMENT' | 'QUESTION', paragraphNumber: number, responseName: string }

/** The matched intent (or document / FAQ) and the recognised entities of a user message. */
export function evaNlpResponses (catalog: Catalog, messageId: number, intentId: number | null, entities: string[]): NlpResponse[] {
  const out: NlpResponse[] = []
  const intent = intentId === null ? undefined : catalog.intents.get(intentId)
  if (intent !== undefined && intent.kind === 'intent') {
    // a document answer cites a paragraph; derived from the message so it is stable
    const paragraph = intent.nlpType === 'DOCUMENT' ? (messageId % 12) + 1 : 0
    out.push({ responseType: intent.nlpType, paragraphNumber: paragraph, responseName: intent.name })
  }
  for (const name of entities) out.push({ responseType: 'ENTITY', paragraphNumber: 0, responseName: name })
  return out
}

export function parseTags (json: string): string[] {
  const v: unknown = JSON.parse(json)
  return Array.isArray(v) ? v.map(String) : []
}
