/** Keycloak-style RS256 access and refresh tokens for eva users. */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto'
import jwt from 'jsonwebtoken'
import type { Clock } from '../clock.js'
import { UnauthorizedError } from '../errors.js'

export interface EvaTokenClaims {
  typ: 'Bearer' | 'Refresh'
  azp: string
  preferred_username: string
  iss: string
  sub: string
  sid: string
  iat: number
  exp: number
}

export interface EvaTokenOptions {
  privateKey: string
  publicKey: string
  clock: Clock
  accessTtl: number
  refreshTtl: number
}

/** A stable UUID-shaped id from any string (Keycloak subjects and session ids are UUIDs). */
export function uuidFrom (text: string): string {
  const h = createHash('sha256').update(text).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export function createEvaTokens (opts: EvaTokenOptions) {
  const nowSeconds = (): number => Math.floor(opts.clock.now() / 1000)
  let sessions = 0
  // parsed once: given PEM text, jsonwebtoken parses the key again on every call (~0.5 ms)
  const privateKey = createPrivateKey(opts.privateKey)
  const publicKey = createPublicKey(opts.publicKey)
  // tokens whose RS256 signature already checked out; expiry is still checked on every use
  const verified = new Map<string, EvaTokenClaims>()

  function sign (claims: Omit<EvaTokenClaims, 'iat' | 'exp'>, ttl: number): string {
    const iat = nowSeconds()
    return jwt.sign({ ...claims, iat, exp: iat + ttl }, privateKey, { algorithm: 'RS256', keyid: 'sandbox' })
  }

  return {
    issue (username: string, clientId: string, issuer: string) {
      const sid = uuidFrom(`${username}|${opts.clock.now()}|${++sessions}`)
      const base = { azp: clientId, preferred_username: username, iss: issuer, sub: uuidFrom(`eva-user|${username}`), sid }
      return {
        access_token: sign({ ...base, typ: 'Bearer' }, opts.accessTtl),
        expires_in: opts.accessTtl,
        refresh_expires_in: opts.refreshTtl,
        refresh_token: sign({ ...base, typ: 'Refresh' }, opts.refreshTtl),
        token_type: 'Bearer',
        'not-before-policy': 0,
        session_state: sid,
        scope: 'profile email'
      }
    },

    /**
     * Verifies signature (RS256 only: no `none`, no HS256 signed with the public key),
     * expiry against the sandbox clock, and the token type.
     */
    verify (token: string, typ: EvaTokenClaims['typ']): EvaTokenClaims {
      let claims = verified.get(token)
      if (claims !== undefined) {
        // jsonwebtoken's rule: expired once the clock reaches exp
        if (nowSeconds() >= claims.exp) throw new UnauthorizedError('Token is expired')
      } else {
        try {
          claims = jwt.verify(token, publicKey, { algorithms: ['RS256'], clockTimestamp: nowSeconds() }) as EvaTokenClaims
        } catch (err) {
          const expired = err instanceof jwt.TokenExpiredError
          throw new UnauthorizedError(expired ? 'Token is expired' : 'Invalid token')
        }
        if (verified.size >= 10_000) verified.clear() // tokens are caller-supplied: keep the cache bounded
        verified.set(token, claims)
      }
      if (claims.typ !== typ || typeof claims.preferred_username !== 'string' || typeof claims.iss !== 'string') {
        throw new UnauthorizedError('Invalid token')
      }
      return claims
    }
  }
}

export type EvaTokens = ReturnType<typeof createEvaTokens>
