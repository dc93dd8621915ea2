/** Writes openapi.yaml from the route schemas (npm run openapi); `--check` fails when the file is stale. */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildApp } from './app.js'
import { testConfig } from './config.js'
import { buildMemoryDatabase } from './db/open.js'
import { openapiYaml } from './openapi-yaml.js'

export const OPENAPI_PATH = fileURLToPath(new URL('../openapi.yaml', import.meta.url))

/** The document as YAML. Built on an `empty` dataset: the spec depends on routes, not data. */
export async function renderOpenapi (): Promise<string> {
  const config = testConfig({ scenario: 'empty' })
  const { db } = buildMemoryDatabase(config)
  const app = await buildApp(config, { db })
  try {
    await app.ready()
    return openapiYaml(app.swagger())
  } finally {
    await app.close()
  }
}

async function main (): Promise<void> {
  const yaml = await renderOpenapi()
  if (process.argv.includes('--check')) {
    const current = readFileSync(OPENAPI_PATH, 'utf8')
    if (current !== yaml) {
      console.error('openapi.yaml is stale: run npm run openapi')
      process.exit(1)
    }
    console.log('openapi.yaml is up to date')
    return
  }
  writeFileSync(OPENAPI_PATH, yaml)
  console.log(`wrote ${OPENAPI_PATH}`)
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
