/**
 * Deferred schema compilation for the server's cold start.
 *
 * Fastify compiles every route's validators and response serializers before it
 * listens; with ~170 validators and ~430 serializers that is most of `ready()` even
 * after deduplication. In deferred mode each compiler returns a stub that compiles the
 * real function on its first call, and `warm()` compiles the rest in the background
 * after `listen`, a few at a time, so the first answers do not wait for all of them.
 * The compiled functions are the same ones, so responses and validation are unchanged;
 * only the moment of compilation moves. Tests build apps without it (eager, as stock
 * Fastify), so a broken schema still fails there at `ready()`.
 */

type Fn = ((data: unknown) => unknown) & { errors?: unknown }
type Factory<O, R, F> = (externalSchemas?: unknown, options?: O) => (route: R) => F

export class SchemaCompilation {
  private pending: Array<() => unknown> = []

  /** A factory whose compilers return stubs; the factory itself runs on first use too (Ajv's set-up is not free). */
  defer<O, R, F extends Fn>(factory: Factory<O, R, F>): Factory<O, R, F> {
    return (externalSchemas, options) => {
      let compile: ((route: R) => F) | undefined
      return (route) => this.stub(() => {
        compile ??= factory(externalSchemas, options)
        return compile(route)
      }) as F
    }
  }

  private stub (build: () => Fn): Fn {
    let real: Fn | undefined
    const resolve = (): Fn => (real ??= build())
    const stub: Fn = (data) => {
      const fn = resolve()
      const out = fn(data)
      // Fastify reads a failed validation's errors from the function it called
      if (fn.errors !== undefined) stub.errors = fn.errors
      return out
    }
    this.pending.push(resolve)
    return stub
  }

  /**
   * Compiles everything still pending, yielding to the event loop between small batches
   * so requests are served meanwhile. Rejects with the first compilation error (which
   * eager Fastify would have thrown from `ready()`).
   */
  async warm (budgetMs = 10): Promise<void> {
    while (this.pending.length > 0) {
      const until = performance.now() + budgetMs
      while (this.pending.length > 0 && performance.now() < until) {
        const next = this.pending.shift() as () => unknown
        next()
      }
      await new Promise(resolve => setImmediate(resolve))
    }
  }
}
