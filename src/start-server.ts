/** Opens (or seeds) the database, builds the app and listens: what `npm start` and the CLI's `serve` run. */
import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import type { Config } from './config.js'
import { openDatabase } from './db/open.js'
import { progressPrinter } from './progress.js'
import { SchemaCompilation } from './schema-compilation.js'

const WARM_DELAY_MS = 200

export interface StartOptions {
  /** where the seeding progress and the start-up lines go */
  out?: NodeJS.WritableStream
  /** a schema that does not compile in the background; the default prints it and exits 1 */
  onFatal?: (err: unknown) => void
}

export interface Started {
  app: FastifyInstance
  /** http://host:port as bound (port 0 resolved) */
  address: string
}

function fatal (err: unknown): void {
  console.error(err)
  process.exit(1)
}

/**
 * Resolves once listening. The process then belongs to the server: SIGINT/SIGTERM close it
 * gracefully (close-with-grace), as they do under `npm start`.
 */
export async function startServer (config: Readonly<Config>, opts: StartOptions = {}): Promise<Started> {
  const out = opts.out ?? process.stdout
  const progress = progressPrinter(out)
  const opened = openDatabase(config.db, config, progress)
  progress.end()
  // Route schemas compile on first use and in the background once listening, so the
  // first answer does not wait for all of them (the cold start target is 1 s).
  const schemas = new SchemaCompilation()
  const app = await buildApp(config, { db: opened.db, schemaCompilation: schemas })
  const how = opened.stats === null
    ? `reused ${config.db} (seed ${config.seed}, scenario ${config.scenario}, anchor ${config.anchor}) in ${Math.round(opened.ms)} ms`
    : `seeded ${config.scenario} (seed ${config.seed}, anchor ${config.anchor}): ${opened.stats.sessions} sessions, ` +
      `${opened.stats.messages} messages in ${(opened.ms / 1000).toFixed(1)} s`
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err !== undefined) app.log.error({ err }, 'shutting down after error')
    await app.close()
  })
  const address = await app.listen({ port: config.port, host: config.host })
  out.write(`chatbot-analytics-sandbox: ${how}\n`)
  out.write(`listening on ${address}\n`)
  out.write(`credentials: ${address}/__sandbox/tenants  (health: ${address}/__sandbox/health)\n`)
  // The rest compile in the background, starting a moment after listen: the first
  // requests after a start (health probes, a client's first call) then compile only
  // what they use instead of queueing behind a long compilation step. A schema that
  // does not compile is fatal, as it is when Fastify compiles in ready().
  setTimeout(() => {
    schemas.warm().catch(opts.onFatal ?? fatal)
  }, WARM_DELAY_MS)
  return { app, address }
}
