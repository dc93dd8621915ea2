/** Response headers suited to a JSON API: no sniffing, no framing, no referrer, no caching of tenant data. */
import fp from 'fastify-plugin'

const HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // JSON and CSV never need to load anything; pages that do (docs, console) set their own
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store'
}

export default fp(async (app) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value)
    }
    return payload
  })
}, { name: 'security-headers' })
