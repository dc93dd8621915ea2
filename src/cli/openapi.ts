/** `openapi`: prints the OpenAPI document, the committed openapi.yaml (test/openapi.test.ts keeps it current) or a fresh rendering. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { BIN, parse, type Command } from './command.js'
import { packageRoot } from './package-root.js'

const HELP = `Usage: ${BIN} openapi [flags]

Prints the OpenAPI 3 document of the three vendor surfaces (the control plane is not in it).

Flags:
  --json        as JSON instead of YAML
  --generate    render it from the route schemas, as \`npm run openapi\` does, rather than read the
                committed openapi.yaml (slower: builds the app on an empty dataset)
  -h, --help    this text

Examples:
  ${BIN} openapi > openapi.yaml
  ${BIN} openapi --json | jq '.paths | keys'
`

export const openapi: Command = async (argv, io) => {
  const parsed = parse('openapi', argv, { json: { type: 'boolean' }, generate: { type: 'boolean' } }, HELP, io)
  if (parsed === null) return 0
  const yaml = parsed.values.generate === true
    ? await (await import('../openapi.js')).renderOpenapi()
    : readFileSync(join(packageRoot(), 'openapi.yaml'), 'utf8')
  io.stdout.write(parsed.values.json === true ? `${JSON.stringify(parseYaml(yaml), null, 2)}\n` : yaml)
  return 0
}
