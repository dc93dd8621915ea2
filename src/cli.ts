/** The command-line interface (`npx chatbot-analytics-sandbox <command>`, bin/ launches it): dispatch, help and exit codes. */
import { fileURLToPath } from 'node:url'
import { BIN, CliError, UsageError, type Command, type Io } from './cli/command.js'
import { packageVersion } from './cli/package-root.js'

interface Entry { name: string, summary: string, load: () => Promise<Command> }

// Loaded on use: `credentials` need not load the server, nor `serve` the HTTP client.
const COMMANDS: Entry[] = [
  { name: 'serve', summary: 'start the sandbox server (as npm start does)', load: async () => (await import('./cli/serve.js')).serve },
  { name: 'seed', summary: 'build a database file and print its statistics', load: async () => (await import('./cli/seed.js')).seed },
  { name: 'credentials', summary: 'tenants, ready tokens and a working curl line per vendor, from a running server', load: async () => (await import('./cli/credentials.js')).credentials },
  { name: 'token', summary: 'mint a Kore.ai JWT for an app (token kore --client-id <id>)', load: async () => (await import('./cli/token.js')).token },
  { name: 'openapi', summary: 'print the OpenAPI document (YAML, or --json)', load: async () => (await import('./cli/openapi.js')).openapi }
]

function help (): string {
  const width = Math.max(...COMMANDS.map(c => c.name.length)) + 2
  return `Usage: ${BIN} <command> [flags]

The analytics APIs of Kore.ai XO, ChatBot.com and NTT DATA eva, from one seeded SQLite dataset.

Commands:
${COMMANDS.map(c => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Run \`${BIN} <command> --help\` for its flags.

Flags:
  -h, --help     this text
  -v, --version  the version

Exit status: 0 done, 1 failed (the message says why), 2 wrong command line.
`
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env }

// `… | head` closes the pipe early: that ends the output, it is not an error worth a stack
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err
    process.exit(process.exitCode ?? 0)
  })
}

/** Runs one command line; resolves with the exit code (never rejects, never prints a stack). */
export async function main (argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      (name === undefined ? io.stderr : io.stdout).write(help())
      return name === undefined ? 2 : 0
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${packageVersion()}\n`)
      return 0
    }
    const command = COMMANDS.find(c => c.name === name)
    if (command === undefined) {
      throw new UsageError(name.startsWith('-') ? `unknown flag "${name}" (flags go after the command)` : `unknown command "${name}"`)
    }
    return await (await command.load())(rest, io)
  } catch (err) {
    if (err instanceof UsageError) {
      const where = err.command !== undefined ? ` ${err.command}` : ''
      io.stderr.write(`${BIN}: ${err.message}\nRun \`${BIN}${where} --help\` for usage.\n`)
      return 2
    }
    // CliError is ours and says what to do; anything else is unexpected, but its message still beats a stack
    const message = err instanceof CliError ? err.message : `${(err as Error).name ?? 'Error'}: ${(err as Error).message ?? String(err)}`
    io.stderr.write(`${BIN}: ${message}\n`)
    return 1
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2))
}
