/** Who may use the control plane: with SANDBOX_ADMIN_TOKEN, whoever sends it; without, only loopback callers. */
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { AdminTokenError, ForbiddenError } from '../../src/errors.js'

function sameToken (given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  // compare in constant time; a length mismatch still costs one comparison of equal length
  return timingSafeEqual(a.length === b.length ? a : b, b) && a.length === b.length
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

export function useSandboxGuard (app: FastifyInstance): void {
  const expected = app.config.adminToken
  app.addHook('onRequest', async (request) => {
    if (expected !== null) {
      const given = request.headers['x-sandbox-token']
      if (typeof given !== 'string' || !sameToken(given, expected)) throw new AdminTokenError()
      return
    }
    // no token configured: a shared sandbox must not be steerable from the network
    if (!LOOPBACK.test(request.socket.remoteAddress ?? '')) {
      throw new ForbiddenError('the control plane answers only on loopback unless SANDBOX_ADMIN_TOKEN is set')
    }
  })
}
