/** Knows which methods each route path accepts, so a wrong method can be a 405 (as Spring and Kore answer), not a 404. */
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** Methods registered for a concrete path; empty when no route matches the path at all. */
    allowedMethods: (path: string) => string[]
  }
}

/** `/a/:id/b` → /^\/a\/[^/]+\/b$/ */
function patternOf (url: string): RegExp {
  const escaped = url.split('/').map(seg => seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('/')}/?$`)
}

export default fp(async (app) => {
  const routes: Array<{ pattern: RegExp, methods: string[] }> = []
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(m => m !== 'HEAD')
    routes.push({ pattern: patternOf(route.url), methods })
  })
  app.decorate('allowedMethods', (path: string): string[] => {
    const found = new Set<string>()
    for (const r of routes) if (r.pattern.test(path)) for (const m of r.methods) found.add(m)
    return [...found].sort()
  })
}, { name: 'allowed-methods' })
