/** Injects the control plane's faults inside a vendor scope, so they answer in that vendor's own error body. */
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { reasonPhrase } from '../src/app.js'
import { BadRequestError, injectedFault } from '../src/errors.js'

const BOT_PARAMS = ['botId', 'botUUID', 'streamId', 'BotID']

function headerInt (value: string | string[] | undefined, name: string, min: number, max: number): number | null {
  if (value === undefined) return null
  const v = Array.isArray(value) ? value[0] : value
  if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) throw new BadRequestError(`${name} must be an integer from ${min} to ${max}`)
  return Number(v)
}

/**
 * Runs first in the scope (before auth, like a gateway would): the per-request headers
 * `x-sandbox-delay: ms` and `x-sandbox-status: code` for frontend work, then the rules.
 */
export function useFaults (app: FastifyInstance, vendor: string): void {
  app.addHook('onRequest', async (request, reply) => {
    const delay = headerInt(request.headers['x-sandbox-delay'], 'x-sandbox-delay', 0, 60_000)
    const forced = headerInt(request.headers['x-sandbox-status'], 'x-sandbox-status', 400, 599)
    const params = (request.params ?? {}) as Record<string, string | undefined>
    const action = app.faults.decide({
      vendor,
      method: request.method,
      path: request.url.split('?')[0],
      botIds: BOT_PARAMS.map(p => params[p]).filter((v): v is string => v !== undefined)
    })
    const wait = (delay ?? 0) + (action?.delayMs ?? 0)
    if (delay !== null || forced !== null) request.sandboxFault = 'header'
    if (action !== null) request.sandboxFault = `rule ${action.rules.join(',')}${action.drop ? ' drop' : ''}`
    if (wait > 0) await sleep(wait)
    if (action?.drop === true) {
      // a hijacked reply skips onResponse: journal the drop here
      app.journal.add({
        at: new Date(app.clock.now()).toISOString(),
        method: request.method,
        path: request.url.split('?')[0],
        route: request.routeOptions.url ?? null,
        vendor,
        status: 0,
        latencyMs: Math.round(reply.elapsedTime * 10) / 10,
        fault: request.sandboxFault
      })
      reply.hijack()
      request.raw.socket?.destroy()
      return
    }
    const status = forced ?? action?.status ?? null
    if (status !== null) {
      const retryAfter = forced !== null ? (status === 429 || status === 503 ? 1 : null) : action?.retryAfter ?? null
      throw injectedFault(status, reasonPhrase(status), retryAfter)
    }
  })
}
