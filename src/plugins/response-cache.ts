/**
 * Response cache: the serialized 200 answers of read-only analytics routes, keyed by the
 * request (method, URL, validated body, credentials), the data version that every write
 * bumps, and the sandbox clock's minute (relative periods such as `last30days` resolve on
 * it). A dashboard that polls, or a test suite that repeats a request, gets the stored bytes;
 * a write makes every stored answer unreachable at once. Bounded by bytes, least recently
 * used first out; SANDBOX_CACHE_MB=0 turns it off.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

interface Entry { body: string, type: string }

/** A map in least-recently-used order, bounded by the UTF-16 size of what it holds. */
export class ByteLru {
  private readonly map = new Map<string, Entry>()
  private bytes = 0
  hits = 0
  misses = 0

  constructor (private readonly maxBytes: number) {}

  get (key: string): Entry | undefined {
    const e = this.map.get(key)
    if (e === undefined) {
      this.misses++
      return undefined
    }
    this.hits++
    this.map.delete(key)
    this.map.set(key, e)
    return e
  }

  set (key: string, e: Entry): void {
    const size = (key.length + e.body.length) * 2
    if (size > this.maxBytes / 8) return // one answer never takes over the cache
    const old = this.map.get(key)
    if (old !== undefined) {
      this.map.delete(key)
      this.bytes -= (key.length + old.body.length) * 2
    }
    this.map.set(key, e)
    this.bytes += size
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break
      this.map.delete(k)
      this.bytes -= (k.length + v.body.length) * 2
    }
  }

  stats (): { entries: number, bytes: number, hits: number, misses: number } {
    return { entries: this.map.size, bytes: this.bytes, hits: this.hits, misses: this.misses }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    responseCache: ByteLru | null
  }
  interface FastifyRequest {
    responseCacheKey?: string
  }
}

export default fp(async (app) => {
  const mb = app.config.cacheMb
  app.decorate('responseCache', mb > 0 ? new ByteLru(mb * 1024 * 1024) : null)
}, { name: 'response-cache' })

export interface CacheRule {
  /** request headers that carry the credentials: answers depend on who asks */
  identity: string[]
  /** whether this request is a pure read whose answer the cache may keep */
  cacheable: (request: FastifyRequest) => boolean
}

/**
 * In a vendor scope, after its auth and access hooks (so a refused request is never
 * answered from the cache, and faults and rate limits still apply to every request).
 */
export function useResponseCache (app: FastifyInstance, rule: CacheRule): void {
  const cache = app.responseCache
  if (cache === null) return
  app.addHook('preHandler', async (request, reply) => {
    if (!rule.cacheable(request)) return
    const who = rule.identity.map(h => request.headers[h] ?? '').join('\n')
    const body = request.body === undefined ? '' : JSON.stringify(request.body)
    const key = `${request.method} ${request.url}\n${who}\n${body}\n${app.dataset.dataVersion()}|${Math.floor(app.clock.now() / 60_000)}`
    const hit = cache.get(key)
    if (hit !== undefined) {
      reply.header('content-type', hit.type)
      return reply.send(hit.body)
    }
    request.responseCacheKey = key
  })
  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.responseCacheKey
    if (key !== undefined && reply.statusCode === 200 && typeof payload === 'string') {
      cache.set(key, { body: payload, type: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8') })
    }
    return payload
  })
}
