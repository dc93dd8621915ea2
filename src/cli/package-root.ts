/** The package's own directory, found from this module whether it runs from src/ (tsx) or dist/src/ (compiled). */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BIN } from './command.js'

let found: { dir: string, version: string } | undefined

/** The nearest package.json above this module named BIN, read once. */
function ownPackage (): { dir: string, version: string } {
  if (found !== undefined) return found
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const file = join(dir, 'package.json')
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string, version: string }
      if (pkg.name === BIN) return (found = { dir, version: pkg.version })
    }
    const up = dirname(dir)
    if (up === dir) throw new Error(`package.json of ${BIN} not found above ${fileURLToPath(import.meta.url)}`)
    dir = up
  }
}

export function packageRoot (): string {
  return ownPackage().dir
}

export function packageVersion (): string {
  return ownPackage().version
}
