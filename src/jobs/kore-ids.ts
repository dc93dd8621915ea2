/** Kore-looking ids for run-time objects (eud-…, bir-…, ds-…, file ids), derived from the seed and a counter, never random. */
import { createHash } from 'node:crypto'

function digest (text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** A UUID-shaped string (version 5 nibble, like Kore's name-based ids) from `text`. */
export function koreUuid (text: string): string {
  const h = digest(text)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/**
 * A Mongo ObjectId the way the platform mints file ids: creation second, then 16 hex
 * from the seed and the upload's number, so two uploads in one second still differ.
 */
export function koreObjectId (ms: number, text: string): string {
  return Math.floor(ms / 1000).toString(16).padStart(8, '0').slice(-8) + digest(text).slice(0, 16)
}

export function sha1Hex (content: Buffer): string {
  return createHash('sha1').update(content).digest('hex')
}

/** The bot's stream ref id (a second uuid every Kore bot has beside its st-… id). */
export function streamRefIdOf (seed: number, botExtId: string): string {
  return koreUuid(`streamRef|${seed}|${botExtId}`)
}

export function toIso (ms: number): string {
  return new Date(ms).toISOString()
}
