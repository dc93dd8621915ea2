/**
 * Flags that override the environment variables src/config.ts reads. They are laid over the
 * environment and handed to loadConfig, so defaults, conversions and checks stay in one place.
 */
import { ConfigError, ConfigSchema, loadConfig, type Config } from '../config.js'
import { UsageError, type Parsed } from './command.js'

interface Flag { variable: string, path: string, help: string }

/** flag → the variable it overrides and the config path loadConfig's messages name */
export const CONFIG_FLAGS: Record<string, Flag> = {
  port: { variable: 'PORT', path: '/port', help: 'port to listen on; 0 picks a free one (PORT, default 3000)' },
  host: { variable: 'HOST', path: '/host', help: 'interface; 0.0.0.0 in a container (HOST, default 127.0.0.1)' },
  db: { variable: 'SANDBOX_DB', path: '/db', help: 'SQLite file, or :memory: (SANDBOX_DB, default data/sandbox.db)' },
  seed: { variable: 'SANDBOX_SEED', path: '/seed', help: 'PRNG seed of the dataset (SANDBOX_SEED, default 42)' },
  scenario: { variable: 'SANDBOX_SCENARIO', path: '/scenario', help: 'empty | small | default | large (SANDBOX_SCENARIO, default default)' },
  anchor: { variable: 'SANDBOX_ANCHOR', path: '/anchor', help: 'last day of history, YYYY-MM-DD (SANDBOX_ANCHOR, default today UTC)' },
  'admin-token': { variable: 'SANDBOX_ADMIN_TOKEN', path: '/adminToken', help: 'require header x-sandbox-token on /__sandbox/* (SANDBOX_ADMIN_TOKEN)' },
  'log-level': { variable: 'LOG_LEVEL', path: '/logLevel', help: 'fatal | error | warn | info | debug | trace | silent (LOG_LEVEL, default info)' }
}

/** parseArgs options for the named flags (all take a value). */
export function configOptions (names: string[]): Record<string, { type: 'string' }> {
  return Object.fromEntries(names.map(n => [n, { type: 'string' as const }]))
}

/** Help lines for the named flags, aligned. */
export function configHelp (names: string[]): string {
  const width = Math.max(...names.map(n => n.length)) + 4
  return names.map(n => `  --${n.padEnd(width)}${CONFIG_FLAGS[n].help}`).join('\n')
}

/**
 * The configuration from `env` with the given flags laid over it. A bad flag value is a
 * UsageError naming the flag; a bad environment value keeps loadConfig's message, which names
 * the variable.
 */
export function configFromFlags (values: Parsed['values'], env: Record<string, string | undefined>, command: string): Readonly<Config> {
  const overlay: Record<string, string> = {}
  for (const [flag, { variable }] of Object.entries(CONFIG_FLAGS)) {
    const v = values[flag]
    if (typeof v === 'string') overlay[variable] = v
  }
  try {
    return loadConfig({ ...env, ...overlay })
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    for (const [flag, { variable, path }] of Object.entries(CONFIG_FLAGS)) {
      if (overlay[variable] === undefined) continue
      if (err.message.startsWith(`${variable} `) || err.message.startsWith(`invalid configuration at ${path}:`)) {
        const choices = literalsAt(path)
        const reason = err.message.startsWith(`${variable} `)
          ? err.message.slice(variable.length + 1)
          : choices !== null
            ? `must be one of ${choices.join(', ')}, got "${overlay[variable]}"`
            : err.message.slice(`invalid configuration at ${path}: `.length).replace(/^Expected/, 'expected')
        throw new UsageError(`--${flag} ${reason}`, command)
      }
    }
    throw new UsageError(`configuration: ${err.message}`, command)
  }
}

/** The allowed values of a top-level union of literals (scenario, log level), else null. */
function literalsAt (path: string): string[] | null {
  const schema = (ConfigSchema.properties as Record<string, { anyOf?: Array<{ const?: unknown }> }>)[path.slice(1)]
  const values = schema?.anyOf?.map(s => s.const)
  return values !== undefined && values.every(v => v !== undefined) ? values.map(String) : null
}
