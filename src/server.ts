/** Entry point of `npm start`: reads the environment, then opens (or seeds) the database and listens. */
import { ConfigError, loadConfig } from './config.js'
import { startServer } from './start-server.js'

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
  await startServer(config)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
