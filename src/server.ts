/** Entry point: reads the environment, opens (or seeds) the database, listens. */
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { openDatabase } from './db/open.js'
import { progressPrinter } from './progress.js'
import { SchemaCompilation } from './schema-compilation.js'

const WARM_DELAY_MS = 200

async function main (): Promise<void> {
  let config
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`configuration error: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  const opened = openDatabase(config.db, config, progressPrinter(process.stdout))
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
  console.log(`chatbot-analytics-sandbox: ${how}`)
  console.log(`listening on ${address}`)
  console.log(`credentials: ${address}/__sandbox/tenants  (health: ${address}/__sandbox/health)`)
  // The rest compile in the background, starting a moment after listen: the first
  // requests after a start (health probes, a client's first call) then compile only
  // what they use instead of queueing behind a long compilation step. A schema that
  // does not compile is fatal, as it is when Fastify compiles in ready().
  setTimeout(() => {
    schemas.warm().catch((err: unknown) => {
      console.error(err)
      process.exit(1)
    })
  }, WARM_DELAY_MS)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
