/** The package's own directory, found from this module whether it runs from src/ (tsx) or dist/src/ (compiled). */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BIN } from './command.js'

let root: string | undefined

export function packageRoot (): string {
  if (root !== undefined) return root
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const file = join(dir, 'package.json')
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === BIN) return (root = dir)
    const up = dirname(dir)
    if (up === dir) throw new Error(`package.json of ${BIN} not found above ${fileURLToPath(import.meta.url)}`)
    dir = up
  }
}

export function packageVersion (): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version
}
