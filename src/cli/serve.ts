/** `serve`: the server of `npm start`, with flags over the environment. */
import { BIN, parse, type Command } from './command.js'
import { configFromFlags, configHelp, configOptions } from './config-flags.js'

const FLAGS = ['port', 'host', 'db', 'seed', 'scenario', 'anchor', 'admin-token', 'log-level']

const HELP = `Usage: ${BIN} serve [flags]

Opens the database (seeding it when the file is missing or was built from other inputs) and
listens, as \`npm start\` does. Flags override the environment variables named beside them; every
other setting (SANDBOX_EVA_*, SANDBOX_KORE_*, SANDBOX_CHATBOTCOM_*, SANDBOX_CACHE_MB, …) is read from
the environment as documented in README.md. Ctrl-C (SIGINT) or SIGTERM stops it gracefully.

Flags:
${configHelp(FLAGS)}
  -h, --help           this text

Examples:
  ${BIN} serve
  ${BIN} serve --port 8080 --scenario small --anchor 2026-03-31
  ${BIN} serve --db :memory: --scenario small --log-level silent
`

/**
 * Under npx / npm exec a shell sits between npm and this process, and Debian's dash neither execs
 * the command nor passes signals on: `kill <npm's pid>` (a CI script's `kill $!`) ends npm and the
 * shell and would leave the server holding its port. So once re-parented, stop as on SIGTERM.
 */
function stopWithParent (parent: number): void {
  const watch = setInterval(() => {
    if (process.ppid === parent) return
    clearInterval(watch)
    process.kill(process.pid, 'SIGTERM')
  }, 500)
  watch.unref()
}

export const serve: Command = async (argv, io) => {
  const parsed = parse('serve', argv, configOptions(FLAGS), HELP, io)
  if (parsed === null) return 0
  const config = configFromFlags(parsed.values, io.env, 'serve')
  // read before starting: the wrapper may be gone by the time the server listens
  const parent = process.ppid
  // loaded only now: --help and flag errors answer without loading the server
  const { startServer } = await import('../start-server.js')
  await startServer(config, {
    out: io.stdout,
    onFatal: err => {
      io.stderr.write(`error: ${(err as Error).message}\n`)
      process.exit(1)
    }
  })
  if (io.env.npm_command !== undefined) stopWithParent(parent)
  return 0
}
