/** Kore.ai JWTs: HS256/HS512 signed with the app's client secret; the client id in `appId` or `iss`. */
import { createSecretKey, type KeyObject } from 'node:crypto'
import jwt from 'jsonwebtoken'
import type { Clock } from '../clock.js'
import type { Principal, PrincipalsRepository } from '../db/principals.repo.js'
import { UnauthorizedError } from '../errors.js'
import { secretFor } from '../../seeds/tenants.js'

export const KORE_ALGORITHMS: jwt.Algorithm[] = ['HS256', 'HS512']

/** The messages Kore's QA suite asserts (kore.md §11). */
export const KORE_AUTH_MESSAGES = {
  sdk: 'Invalid SDK credentials',
  jwt: 'Invalid JWT token',
  scope: 'Permission denied. Scope is incorrect!'
} as const

// Given a string secret, jsonwebtoken first tries it as a PEM public key and fails (~0.6 ms
// a request); a secret KeyObject goes straight to the HMAC. One per app, derived once.
const keys = new Map<string, KeyObject>()

function keyFor (seed: number, clientId: string): KeyObject {
  const id = `${seed}|${clientId}`
  let key = keys.get(id)
  if (key === undefined) {
    if (keys.size >= 10_000) keys.clear()
    key = createSecretKey(Buffer.from(secretFor(seed, 'kore', clientId)))
    keys.set(id, key)
  }
  return key
}

// Tokens whose signature already checked out, with the app they name and their time claims:
// a client sends the same JWT on every call, and decoding plus verifying it was a tenth of a
// light request. The time claims are checked again on every use, as jsonwebtoken would.
interface Verified { app: Principal, nbf: number | undefined, exp: number | undefined }
const verified = new Map<string, Verified>()

function stillValid (v: Verified, nowSeconds: number): boolean {
  return (v.nbf === undefined || v.nbf <= nowSeconds) && (v.exp === undefined || nowSeconds < v.exp)
}

/**
 * Verifies a Kore `auth` header value: something that is not a JWT at all is
 * "Invalid JWT token"; an unknown app, a wrong signature, another algorithm or an
 * expired token are "Invalid SDK credentials" (all 401 / 4002).
 */
export function verifyKoreJwt (token: string | undefined, principals: PrincipalsRepository, seed: number, clock: Clock): Principal {
  if (token === undefined || token === '') throw new UnauthorizedError(KORE_AUTH_MESSAGES.sdk)
  const nowSeconds = Math.floor(clock.now() / 1000)
  const known = verified.get(`${seed}|${token}`)
  if (known !== undefined) {
    if (!stillValid(known, nowSeconds)) throw new UnauthorizedError(KORE_AUTH_MESSAGES.sdk)
    return known.app
  }
  const decoded = jwt.decode(token, { complete: true })
  if (decoded === null || typeof decoded.payload !== 'object') throw new UnauthorizedError(KORE_AUTH_MESSAGES.jwt)
  const claims = decoded.payload
  const clientId = typeof claims.appId === 'string' ? claims.appId : typeof claims.iss === 'string' ? claims.iss : undefined
  const app = clientId === undefined ? undefined : principals.find('kore', clientId)
  if (app === undefined) throw new UnauthorizedError(KORE_AUTH_MESSAGES.sdk)
  try {
    jwt.verify(token, keyFor(seed, app.login), { algorithms: KORE_ALGORITHMS, clockTimestamp: nowSeconds })
  } catch {
    throw new UnauthorizedError(KORE_AUTH_MESSAGES.sdk)
  }
  const time = (v: unknown): number | undefined => typeof v === 'number' ? v : undefined
  if (verified.size >= 10_000) verified.clear() // tokens are caller-supplied: keep the cache bounded
  verified.set(`${seed}|${token}`, { app, nbf: time(claims.nbf), exp: time(claims.exp) })
  return app
}

/** A long-lived token for an app, as `/__sandbox/tenants` hands it out: stable for a given seed. */
export function sampleKoreJwt (seed: number, clientId: string, issuedAt: number): string {
  return jwt.sign({ appId: clientId, sub: 'sandbox', iat: issuedAt }, secretFor(seed, 'kore', clientId), { algorithm: 'HS256', noTimestamp: false })
}
