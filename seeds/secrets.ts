/** Deterministic credentials: clear secrets derived from the seed, stored only as scrypt hashes. */
import { createHash, createHmac, scryptSync, timingSafeEqual } from 'node:crypto'

const SCRYPT_N = 1024 // deliberately weak: a sandbox must seed and log in fast
const KEY_LENGTH = 32

/**
 * The clear secret of a login, recomputable from the seed so nothing secret is stored.
 * - eva: the user's password (24 base64url chars);
 * - kore: the app's client secret (44-char base64 ending with '=');
 * - chatbotcom: an access token, `cli_` + 32 hex when `login` ends with '/client',
 *   else `dev_` + 32 hex (the token is also the login, so `login` here is a label).
 */
export function secretFor (seed: number, vendor: string, login: string): string {
  const mac = createHmac('sha256', `chatbot-analytics-sandbox:${seed}`).update(`${vendor}:${login}`).digest()
  if (vendor === 'kore') return mac.toString('base64')
  if (vendor === 'chatbotcom') return (login.endsWith('/client') ? 'cli_' : 'dev_') + mac.toString('hex').slice(0, 32)
  return mac.toString('base64url').slice(0, 24)
}

/** `scrypt$<saltHex>$<hashHex>`; the salt comes from the secret so the seed stays byte-identical. */
export function hashSecret (secret: string): string {
  const salt = createHash('sha256').update(`salt:${secret}`).digest().subarray(0, 16)
  const hash = scryptSync(secret, salt, KEY_LENGTH, { N: SCRYPT_N, r: 8, p: 1 })
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`
}

export function verifySecret (secret: string, stored: string): boolean {
  const parts = stored.split('$')
  if (parts.length !== 3 || parts[0] !== 'scrypt') return false
  const salt = Buffer.from(parts[1], 'hex')
  const expected = Buffer.from(parts[2], 'hex')
  if (salt.length === 0 || expected.length !== KEY_LENGTH) return false
  const actual = scryptSync(secret, salt, KEY_LENGTH, { N: SCRYPT_N, r: 8, p: 1 })
  return timingSafeEqual(actual, expected)
}
