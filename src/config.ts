/** Configuration: one TypeBox schema, read from the environment by a pure function. */
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { parseCivilDate } from './engine/calendar.js'

export const ScenarioSchema = Type.Union([
  Type.Literal('empty'),
  Type.Literal('small'),
  Type.Literal('default'),
  Type.Literal('large')
])

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  host: Type.String({ default: '127.0.0.1' }),
  /** SQLite file, or ':memory:' */
  db: Type.String({ default: 'data/sandbox.db' }),
  seed: Type.Integer({ default: 42 }),
  scenario: ScenarioSchema,
  /** last day of generated history, YYYY-MM-DD (UTC) */
  anchor: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  /** when set, /__sandbox/* requires header x-sandbox-token with this value */
  adminToken: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  /** requests kept in the journal (a ring buffer) */
  journalSize: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  logLevel: Type.Union([
    Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'),
    Type.Literal('info'), Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent')
  ]),
  /**
   * answer analytics from the rollup tables (on) or from SQL over the raw rows (off): the
   * same answers, the latter slower; off exists to cross-check and to rule the rollups out
   */
  rollups: Type.Boolean(),
  /** memory for cached analytics answers, in MiB; 0 turns the response cache off */
  cacheMb: Type.Integer({ minimum: 0, maximum: 4096 }),
  /** interactive API docs (Swagger UI) at /docs, with the spec at /docs/json and /docs/yaml */
  docs: Type.Boolean(),
  /** origins browsers may call from: any (`*`), exactly these, or none (CORS off) */
  corsOrigins: Type.Union([Type.Literal('*'), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }), Type.Literal(false)]),
  eva: Type.Object({
    /** first page number; the seed documents 1, a live client sends 0 */
    pageBase: Type.Integer({ minimum: 0, maximum: 1 }),
    /** confidence and accuracy rates on 0–100 (the UI's scale) or 0–1 */
    rateScale: Type.Union([Type.Literal(100), Type.Literal(1)]),
    /** relativeIncrease as a percentage (12.5) or a ratio (0.125) */
    relativeIncrease: Type.Union([Type.Literal('percent'), Type.Literal('ratio')]),
    relativeIncreaseSigned: Type.Boolean(),
    /** status of the "No content" request_report answers */
    reportStatus: Type.Union([Type.Literal(200), Type.Literal(202), Type.Literal(204)]),
    /** report_configurations.maxSample: the largest sampleSize accepted */
    maxSample: Type.Integer({ minimum: 1 }),
    /** topics per channel in stacking/intents and stacking/flows */
    stackingTopN: Type.Integer({ minimum: 1 }),
    /** longest analytics window, in days */
    maxRangeDays: Type.Integer({ minimum: 1 }),
    accessTokenTtl: Type.Integer({ minimum: 1 }),
    refreshTokenTtl: Type.Integer({ minimum: 1 })
  }),
  kore: Type.Object({
    /** the documented 60/min and 1800/hour limits, answered with 429; off so contract suites are not throttled */
    rateLimit: Type.Boolean(),
    /** how long erase, import and publish jobs stay pending (sandbox clock) */
    jobDelayMs: Type.Integer({ minimum: 0 }),
    /** final status of an import whose definition file is invalid: the QA suites disagree */
    importFailedStatus: Type.Union([Type.Literal('failed'), Type.Literal('failure')])
  }),
  chatbotcom: Type.Object({
    /** `group` output: one flat list of points carrying the group key, or one series per group value */
    groupShape: Type.Union([Type.Literal('points'), Type.Literal('series')]),
    /** heatmap `day` 0: Sunday (JS getDay) or Monday */
    weekStart: Type.Union([Type.Literal('sunday'), Type.Literal('monday')]),
    /** heatmap `offset` minutes added to UTC (120 = UTC+2), or subtracted as JS getTimezoneOffset reports it */
    offsetSign: Type.Union([Type.Literal('east'), Type.Literal('west')]),
    /** heatmap `usage`: percent of all conversations, or of the busiest cell */
    heatmapUsage: Type.Union([Type.Literal('total'), Type.Literal('max')]),
    /** most points one series may have */
    maxPoints: Type.Integer({ minimum: 1 })
  })
})

export type Config = Static<typeof ConfigSchema>
export type Scenario = Static<typeof ScenarioSchema>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

type Env = Record<string, string | undefined>

function int (env: Env, key: string, fallback: number): number {
  const raw = env[key]
  if (raw === undefined || raw === '') return fallback
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(`${key} must be an integer, got "${raw}"`)
  return Number(raw)
}

function str (env: Env, key: string, fallback: string): string {
  const raw = env[key]
  return raw === undefined || raw === '' ? fallback : raw
}

function bool (env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key]
  if (raw === undefined || raw === '') return fallback
  if (!/^(true|false|1|0)$/.test(raw)) throw new ConfigError(`${key} must be true or false, got "${raw}"`)
  return raw === 'true' || raw === '1'
}

/**
 * `*` (the default, also when empty), `false`, or a comma-separated list of exact origins.
 * Browsers send an origin as scheme://host[:port] in lower case without a default port or a
 * trailing slash, and matching is exact: an entry in another form could never match, so it
 * is refused here rather than failing silently in the browser.
 */
function origins (env: Env, key: string): '*' | string[] | false {
  const raw = str(env, key, '*').trim()
  if (raw === '*') return '*'
  if (raw === 'false') return false
  const list = raw.split(',').map(s => s.trim()).filter(s => s !== '')
  if (list.length === 0) throw new ConfigError(`${key} must be *, false or a comma-separated list of origins, got "${raw}"`)
  for (const origin of list) {
    if (origin.includes('*')) throw new ConfigError(`${key}: "${origin}": no wildcards in a list (* alone allows any origin)`)
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new ConfigError(`${key}: "${origin}" is not an origin as browsers send it (scheme://host[:port], lower case, no path or trailing slash)`)
    }
  }
  return list
}

/**
 * Builds the configuration from environment variables (the only place that reads them;
 * src/server.ts passes process.env). Precedence: variable, else the default here. `today`
 * supplies the default anchor, so that tests and the CLI can pin it.
 */
export function loadConfig (env: Env, today: Date = new Date()): Readonly<Config> {
  const anchor = str(env, 'SANDBOX_ANCHOR', today.toISOString().slice(0, 10))
  if (parseCivilDate(anchor) === null || !/^\d{4}-\d{2}-\d{2}$/.test(anchor)) {
    throw new ConfigError(`SANDBOX_ANCHOR must be a date YYYY-MM-DD, got "${anchor}"`)
  }
  const candidate = {
    port: int(env, 'PORT', 3000),
    host: str(env, 'HOST', '127.0.0.1'),
    db: str(env, 'SANDBOX_DB', 'data/sandbox.db'),
    seed: int(env, 'SANDBOX_SEED', 42),
    scenario: str(env, 'SANDBOX_SCENARIO', 'default'),
    anchor,
    adminToken: env.SANDBOX_ADMIN_TOKEN === undefined || env.SANDBOX_ADMIN_TOKEN === '' ? null : env.SANDBOX_ADMIN_TOKEN,
    journalSize: int(env, 'SANDBOX_JOURNAL_SIZE', 1000),
    logLevel: str(env, 'LOG_LEVEL', 'info'),
    rollups: bool(env, 'SANDBOX_ROLLUPS', true),
    cacheMb: int(env, 'SANDBOX_CACHE_MB', 32),
    docs: bool(env, 'SANDBOX_DOCS', true),
    corsOrigins: origins(env, 'SANDBOX_CORS_ORIGINS'),
    eva: {
      pageBase: int(env, 'SANDBOX_EVA_PAGE_BASE', 1),
      rateScale: int(env, 'SANDBOX_EVA_RATE_SCALE', 100),
      relativeIncrease: str(env, 'SANDBOX_EVA_RELATIVE_INCREASE', 'percent'),
      relativeIncreaseSigned: bool(env, 'SANDBOX_EVA_RELATIVE_INCREASE_SIGNED', false),
      reportStatus: int(env, 'SANDBOX_EVA_REPORT_STATUS', 200),
      maxSample: int(env, 'SANDBOX_EVA_MAX_SAMPLE', 1000),
      stackingTopN: int(env, 'SANDBOX_EVA_STACKING_TOP_N', 10),
      maxRangeDays: int(env, 'SANDBOX_EVA_MAX_RANGE_DAYS', 366),
      accessTokenTtl: int(env, 'SANDBOX_EVA_ACCESS_TOKEN_TTL', 300),
      refreshTokenTtl: int(env, 'SANDBOX_EVA_REFRESH_TOKEN_TTL', 1800)
    },
    kore: {
      rateLimit: bool(env, 'SANDBOX_KORE_RATE_LIMIT', false),
      jobDelayMs: int(env, 'SANDBOX_KORE_JOB_DELAY_MS', 2000),
      importFailedStatus: str(env, 'SANDBOX_KORE_IMPORT_FAILED_STATUS', 'failed')
    },
    chatbotcom: {
      groupShape: str(env, 'SANDBOX_CHATBOTCOM_GROUP_SHAPE', 'points'),
      weekStart: str(env, 'SANDBOX_CHATBOTCOM_WEEK_START', 'sunday'),
      offsetSign: str(env, 'SANDBOX_CHATBOTCOM_OFFSET_SIGN', 'east'),
      heatmapUsage: str(env, 'SANDBOX_CHATBOTCOM_HEATMAP_USAGE', 'total'),
      maxPoints: int(env, 'SANDBOX_CHATBOTCOM_MAX_POINTS', 25000)
    }
  }
  if (!Value.Check(ConfigSchema, candidate)) {
    const first = [...Value.Errors(ConfigSchema, candidate)][0]
    throw new ConfigError(`invalid configuration at ${first.path}: ${first.message}`)
  }
  return Object.freeze(candidate)
}

/** Defaults for tests and tools: an in-memory `small` dataset anchored on a fixed day. */
export function testConfig (overrides: Partial<Config> = {}): Readonly<Config> {
  return Object.freeze({
    ...loadConfig({ SANDBOX_DB: ':memory:', SANDBOX_SCENARIO: 'small', SANDBOX_ANCHOR: '2026-03-31', LOG_LEVEL: 'silent' }),
    ...overrides
  })
}
