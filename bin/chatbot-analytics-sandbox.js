#!/usr/bin/env node
/**
 * Launcher of the CLI (package.json `bin`). Runs the compiled build (dist/src/cli.js) when it is at least
 * as new as every TypeScript source, else the sources through tsx (a devDependency, there after
 * `npm ci`). So a fresh clone needs no build step (no `prepare` script slowing every `npm ci`), an edited
 * checkout never runs stale code, and an install without the sources (the Docker image) runs dist.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const compiled = join(root, 'dist/src/cli.js')
const source = join(root, 'src/cli.ts')

/** Newest modification time of the .ts files tsconfig.build.json compiles (0 when there are none). */
function newestSource () {
  let newest = 0
  for (const dir of ['src', 'routes', 'schemas', 'seeds']) {
    if (!existsSync(join(root, dir))) continue
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
    }
  }
  return newest
}

async function load () {
  const fresh = existsSync(compiled) && statSync(compiled).mtimeMs >= newestSource()
  if (!fresh && existsSync(source)) {
    let tsx = null
    try {
      tsx = await import('tsx/esm/api')
    } catch (err) {
      // no tsx (installed without devDependencies): the build, however old, is all there is
      if (err.code !== 'ERR_MODULE_NOT_FOUND') throw err
      if (existsSync(compiled)) process.stderr.write('chatbot-analytics-sandbox: dist/ is older than the sources and tsx is missing; run `npm run build`\n')
    }
    if (tsx !== null) {
      tsx.register()
      return await import(pathToFileURL(source).href)
    }
  }
  if (!existsSync(compiled)) {
    process.stderr.write('chatbot-analytics-sandbox: neither dist/src/cli.js nor src/cli.ts with tsx was found; run `npm ci` or `npm run build`\n')
    process.exit(1)
  }
  return await import(pathToFileURL(compiled).href)
}

const { main } = await load()
process.exitCode = await main(process.argv.slice(2))
