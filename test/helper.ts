/** Test helpers: a seeded database shared across test files through a cached file, and app builders. */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { fixedClock, type ControlledClock } from '../src/clock.js'
import { testConfig, type Config } from '../src/config.js'
import { buildMemoryDatabase, type DatasetSpec } from '../src/db/open.js'
import { SCHEMA_VERSION } from '../src/db/schema.js'

export const ANCHOR = '2026-03-31'
/** Tests run "now" at noon on the anchor day, so tokens and relative periods are stable. */
export const NOW = Date.parse(`${ANCHOR}T12:00:00.000Z`)

interface Tap { teardown: (fn: () => unknown) => void }

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Changes whenever the generator, the schema or the rollup builder changes, so a cached fixture is never stale. */
function generatorHash (): string {
  const files = readdirSync(join(ROOT, 'seeds'), { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.ts')).sort().map(f => join(ROOT, 'seeds', f))
  const h = createHash('sha1')
  for (const f of [...files, ...['schema', 'rollups', 'open'].map(n => join(ROOT, `src/db/${n}.ts`))]) h.update(f).update(readFileSync(f))
  return h.digest('hex').slice(0, 12)
}

/**
 * A fresh copy of the seeded dataset: built once per (seed, scenario, anchor, schema)
 * and cached as a file, so every test file and test gets isolation without reseeding.
 */
export function seededDb (spec: DatasetSpec = { seed: 42, scenario: 'small', anchor: ANCHOR }): Database.Database {
  // TEST_DB: the read-only property suites against an existing database (seed 42, anchor
  // ANCHOR), e.g. the benchmark's data/bench-large.db: `TEST_DB=… npx tap test/routes/eva-properties.test.ts`
  const shared = process.env.TEST_DB
  if (shared !== undefined && shared !== '' && spec.scenario !== 'empty') return new Database(shared, { readonly: true, fileMustExist: true })
  const file = join(tmpdir(), `cas-fixture-v${SCHEMA_VERSION}-${generatorHash()}-${spec.seed}-${spec.scenario}-${spec.anchor}.db`)
  let buffer: Buffer
  if (existsSync(file)) {
    buffer = readFileSync(file)
  } else {
    const { db } = buildMemoryDatabase(spec)
    buffer = db.serialize()
    db.close()
    const tmp = `${file}.${process.pid}`
    writeFileSync(tmp, buffer)
    renameSync(tmp, file)
  }
  return new Database(buffer)
}

export interface BuildOverrides {
  config?: Partial<Config>
  clock?: ControlledClock
  db?: Database.Database
}

export async function build (t: Tap, overrides: BuildOverrides = {}): Promise<FastifyInstance> {
  const config = testConfig(overrides.config)
  const db = overrides.db ?? seededDb({ seed: config.seed, scenario: config.scenario, anchor: config.anchor })
  const app = await buildApp(config, { db, clock: overrides.clock ?? fixedClock(NOW) })
  t.teardown(() => app.close())
  await app.ready()
  return app
}

/** An app on a database seeded afresh (not the cached fixture): what the determinism tests compare. */
export async function freshApp (t: Tap, seed: number): Promise<FastifyInstance> {
  const config = testConfig({ seed })
  const { db } = buildMemoryDatabase({ seed, scenario: 'small', anchor: ANCHOR })
  const app = await buildApp(config, { db, clock: fixedClock(NOW) })
  t.teardown(() => app.close())
  return app
}

export interface EvaTenant {
  realm: string
  users: Array<{ username: string, password: string, realm: string, botUUIDs: string[] }>
  bots: Array<{ orgUUID: string, envUUID: string, botUUID: string, realm: string, name: string, channels: Array<{ uuid: string, name: string }> }>
}

export async function evaTenants (app: FastifyInstance): Promise<EvaTenant> {
  const res = await app.inject({ method: 'GET', url: '/__sandbox/tenants' })
  return res.json().eva as EvaTenant
}

/** Logs in through the token endpoint, as a client would, and returns the bearer token. */
export async function evaToken (app: FastifyInstance, username: string, password: string, realm: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: `/auth/realms/${realm}/protocol/openid-connect/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'password', client_id: 'eva-cockpit', username, password }).toString()
  })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  return res.json().access_token as string
}

/** The first eva bot with an admin token that can read it, ready for requests. */
export async function evaSession (app: FastifyInstance, botIndex = 0) {
  const tenants = await evaTenants(app)
  const bot = tenants.bots[botIndex]
  const user = tenants.users.find(u => u.botUUIDs.includes(bot.botUUID))
  if (user === undefined) throw new Error('no user for bot')
  const token = await evaToken(app, user.username, user.password, user.realm)
  const base = `/eva-dashboard/org/${bot.orgUUID}/env/${bot.envUUID}/bot/${bot.botUUID}`
  return { tenants, bot, user, token, base, headers: { authorization: `Bearer ${token}` } }
}

export interface KoreTenant {
  apps: Array<{ clientId: string, clientSecret: string, kind: 'builder' | 'admin', botIds: string[], scopes: string[], sampleJwt: string }>
  bots: Array<{ botId: string, name: string, dashboards: Array<{ name: string, widgets: string[] }>, userIds: string[] }>
}

export async function koreTenants (app: FastifyInstance): Promise<KoreTenant> {
  return (await app.inject({ method: 'GET', url: '/__sandbox/tenants' })).json().kore as KoreTenant
}

/** A Kore bot with its App Builder app and the account's Admin Console app, with `auth` headers for both. */
export async function koreSession (app: FastifyInstance, botIndex = 0) {
  const tenants = await koreTenants(app)
  const bot = tenants.bots[botIndex]
  const builder = tenants.apps.find(a => a.kind === 'builder' && a.botIds.includes(bot.botId))
  const admin = tenants.apps.find(a => a.kind === 'admin' && a.botIds.includes(bot.botId))
  if (builder === undefined || admin === undefined) throw new Error('no Kore apps for bot')
  return {
    tenants,
    bot,
    builder,
    admin,
    builderHeaders: { auth: builder.sampleJwt },
    adminHeaders: { auth: admin.sampleJwt }
  }
}

export interface ChatbotAccount { name: string, developerToken: string, clientToken: string, stories: Array<{ id: string, name: string }> }

/** The first ChatBot.com account (two stories) with its developer-token header. */
export async function chatbotSession (app: FastifyInstance, accountIndex = 0) {
  const accounts = (await app.inject({ method: 'GET', url: '/__sandbox/tenants' })).json().chatbotcom.accounts as ChatbotAccount[]
  const account = accounts[accountIndex]
  return { accounts, account, headers: { authorization: `Bearer ${account.developerToken}` } }
}
