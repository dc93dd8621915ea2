/** What every CLI command shares: its streams and environment, flag parsing, and the two kinds of failure. */
import { parseArgs, type ParseArgsConfig } from 'node:util'

export const BIN = 'chatbot-analytics-sandbox'

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean, columns?: number }
  stderr: NodeJS.WritableStream & { isTTY?: boolean, columns?: number }
  env: Record<string, string | undefined>
  /** seeding progress; stderr unless set (`npm run seed` keeps it on stdout, where bench/prepare.ts reads it) */
  progress?: NodeJS.WritableStream & { isTTY?: boolean, columns?: number }
}

/** Resolves with the exit code; `serve` resolves once listening and leaves the process running. */
export type Command = (argv: string[], io: Io) => Promise<number>

/** A wrong command line: the message, a pointer to --help, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError'
  constructor (message: string, readonly command?: string) {
    super(message)
  }
}

/** Anything else that stops a command (server unreachable, unknown client id…): the message only, exit 1. */
export class CliError extends Error {
  override name = 'CliError'
}

type Options = NonNullable<ParseArgsConfig['options']>

export interface Parsed {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
}

/**
 * parseArgs in strict mode, with --help added. Returns null after printing `help` when asked
 * for it; unknown flags, missing values and stray arguments become UsageErrors.
 */
export function parse (command: string, argv: string[], options: Options, help: string, io: Io, positionals = 0): Parsed | null {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true })
  } catch (err) {
    // node's messages are right but long ("… To specify a positional argument starting with a '-' …"): keep the first sentence
    throw new UsageError((err as Error).message.split(/(?<=\.) /)[0], command)
  }
  if (parsed.values.help === true) {
    io.stdout.write(help.endsWith('\n') ? help : `${help}\n`)
    return null
  }
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"`, command)
  }
  return { values: parsed.values as Parsed['values'], positionals: parsed.positionals }
}

/** A string flag's value, or undefined; parseArgs types every value loosely. */
export function str (values: Parsed['values'], name: string): string | undefined {
  const v = values[name]
  return typeof v === 'string' ? v : undefined
}
