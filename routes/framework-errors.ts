/** Errors Fastify raises before any route scope (a malformed URL, an over-long path parameter), in the envelope of the vendor the path belongs to. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from '../src/clock.js'
import { vendorOf } from '../src/control/journal.js'

/**
 * Used as Fastify's `frameworkErrors`: these answers are written before routing, so the
 * vendor scopes' error handlers never see them; the body still follows the vendor.
 */
export function frameworkErrorHandler (clock: Clock) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400
    const message = err.code === 'FST_ERR_BAD_URL' ? 'Malformed URL' : 'Path parameter too long'
    const path = (request.url ?? '').split('?')[0].slice(0, 512)
    const now = new Date(clock.now()).toISOString()
    const vendor = vendorOf(path)
    let body: unknown
    if (vendor === 'kore') body = { errors: [{ msg: message, code: status }] }
    else if (vendor === 'chatbotcom') body = { timestamp: now, status: { code: status, type: 'error', message } }
    else if (path.startsWith('/auth/')) body = { error: 'invalid_request', error_description: message }
    else if (vendor === 'eva') body = { timestamp: now, status, error: status === 414 ? 'URI Too Long' : 'Bad Request', message, path }
    else body = { statusCode: status, error: 'Bad Request', message }
    reply.code(status).header('content-type', 'application/json; charset=utf-8').header('x-content-type-options', 'nosniff').send(JSON.stringify(body))
  }
}
