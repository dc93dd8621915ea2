/**
 * The container files against what they describe: the image runs what `npm start` runs, its
 * HEALTHCHECK (and the Kubernetes probes copied from it) passes against a real server with and
 * without SANDBOX_ADMIN_TOKEN, and the manifests parse with a dataset the config accepts.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import t from 'tap'
import { parse, parseAllDocuments } from 'yaml'
import { loadConfig } from '../src/config.js'
import { build } from './helper.js'

const run = promisify(execFile)
const read = (file: string): string => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
const dockerfile = read('Dockerfile')

function execForm (pattern: RegExp, what: string): string[] {
  const match = pattern.exec(dockerfile)
  if (match === null) throw new Error(`no ${what} in the Dockerfile`)
  return JSON.parse(match[1]) as string[]
}

const cmd = execForm(/^CMD (\[.*\])$/m, 'CMD')
const healthcheck = execForm(/^HEALTHCHECK [^\n]*\\\n\s+CMD (\[.*\])$/m, 'HEALTHCHECK')

/** Exit status of the health command run as the container would, against `port`. */
async function probe (argv: string[], port: number, token?: string): Promise<number> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, PORT: String(port) }
  if (token !== undefined) env.SANDBOX_ADMIN_TOKEN = token
  try {
    await run(argv[0] === 'node' ? process.execPath : argv[0], argv.slice(1), { env, timeout: 10_000 })
    return 0
  } catch (err) {
    return (err as { code?: number }).code ?? -1
  }
}

t.test('the image runs the compiled server with the flags of npm start, as PID 1 without npm', async t => {
  const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> }
  t.same(cmd, pkg.scripts.start.split(' '))
})

t.test('HEALTHCHECK: passes from loopback without a token, and sends the token once one is configured', async t => {
  const open = await build(t)
  await open.listen({ port: 0, host: '127.0.0.1' })
  const openPort = (open.server.address() as { port: number }).port
  t.equal(await probe(healthcheck, openPort), 0, 'no token configured')

  const guarded = await build(t, { config: { adminToken: 's3cret' } })
  await guarded.listen({ port: 0, host: '127.0.0.1' })
  const guardedPort = (guarded.server.address() as { port: number }).port
  t.equal(await probe(healthcheck, guardedPort, 's3cret'), 0, 'the configured token is sent')
  t.equal(await probe(healthcheck, guardedPort, 'wrong'), 1, 'a wrong token fails')
  t.equal(await probe(healthcheck, guardedPort), 1, 'no token fails')

  await open.close()
  t.equal(await probe(healthcheck, openPort), 1, 'nothing listening fails')
})

t.test('kubernetes.yaml: probes are the HEALTHCHECK, the dataset is pinned and valid, /data and /tmp are writable', async t => {
  const docs = parseAllDocuments(read('docs/deploy/kubernetes.yaml'))
  for (const doc of docs) t.same(doc.errors, [])
  const objects = docs.map(d => d.toJS() as { kind: string, data?: Record<string, string>, spec?: any })
  t.same(objects.map(o => o.kind), ['ConfigMap', 'Deployment', 'Service'])

  const data = objects[0].data ?? {}
  t.match(data.SANDBOX_ANCHOR, /^\d{4}-\d{2}-\d{2}$/, 'anchor pinned')
  t.doesNotThrow(() => loadConfig(data))

  const pod = objects[1].spec.template.spec
  const [server] = pod.containers
  const [seed] = pod.initContainers
  for (const name of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
    // folded by YAML at spaces the script has anyway, so the same string
    t.same(server[name].exec.command, healthcheck, name)
  }
  t.equal(seed.image, server.image)
  for (const c of [seed, server]) {
    t.same(c.volumeMounts.map((m: { mountPath: string }) => m.mountPath).sort(), ['/data', '/tmp'], `${c.name} mounts`)
    t.equal(c.securityContext.readOnlyRootFilesystem, true)
  }
})

t.test('compose.yaml: the dataset on a named volume at /data, the token from the environment', async t => {
  const compose = parse(read('compose.yaml')) as { services: Record<string, any>, volumes: Record<string, unknown> }
  const service = compose.services.sandbox
  t.same(service.volumes, ['sandbox-data:/data'])
  t.ok('sandbox-data' in compose.volumes)
  t.match(service.environment.SANDBOX_ADMIN_TOKEN, /^\$\{SANDBOX_ADMIN_TOKEN/)
  t.equal(service.restart, 'unless-stopped')
})
