/** Refuses non-finite numbers after validation: Ajv coerces "Infinity" or "1e309" to ±Infinity and, with allErrors off, lets it pass minimum/maximum. */
import fp from 'fastify-plugin'
import { BadRequestError } from '../errors.js'

/** The path of the first non-finite number in `value` (only schema-coerced fields are numbers). */
function nonFinite (value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path
  if (depth > 6 || value === null || typeof value !== 'object') return null
  for (const [k, v] of Object.entries(value)) {
    const found = nonFinite(v, `${path}/${k}`, depth + 1)
    if (found !== null) return found
  }
  return null
}

export default fp(async (app) => {
  // a root hook runs before the vendor scopes' own preHandlers, and its error reaches the
  // route's (vendor) error handler, so the 400 comes in the vendor's envelope
  app.addHook('preHandler', async (request) => {
    const found = nonFinite(request.query, 'querystring', 0) ?? nonFinite(request.body, 'body', 0) ?? nonFinite(request.params, 'params', 0)
    if (found !== null) throw new BadRequestError(`${found} must be a finite number`)
  })
}, { name: 'finite-numbers' })
