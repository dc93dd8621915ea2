/** Seed generator: determinism, referential and arithmetic invariants, and the realism of the rhythm. */
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import t from 'tap'
import { INDEXES_SQL, MUTABLE_TABLES, TABLES_SQL } from '../src/db/schema.js'
import { seedDatabase } from '../seeds/index.js'
import type { Scenario, SeedStats } from '../seeds/index.js'
import { secretFor, verifySecret } from '../seeds/tenants.js'

const ANCHOR = '2025-06-30'
const WINDOW_START = Date.UTC(2025, 5, 30) - 41 * 86_400_000
const WINDOW_END = Date.UTC(2025, 6, 1) - 1

function seeded (seed: number, scenario: Scenario = 'small'): { db: Database.Database, stats: SeedStats } {
  const db = new Database(':memory:')
  db.exec(TABLES_SQL)
  const stats = seedDatabase(db, { seed, scenario, anchor: ANCHOR })
  db.exec(INDEXES_SQL)
  return { db, stats }
}

const seededTables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('meta') ORDER BY name").pluck().all() as string[])
    .filter(n => !(MUTABLE_TABLES as readonly string[]).includes(n))

function tableHash (db: Database.Database, table: string): string {
  const h = createHash('sha256')
  // WITHOUT ROWID tables have no rowid: ordering by every column is total for all of them
  const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ cid: number }>).map(c => c.cid + 1)
  for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.join(', ')}`).raw().iterate()) h.update(JSON.stringify(row))
  return h.digest('hex')
}

const one = (db: Database.Database, sql: string, ...params: unknown[]): number => db.prepare(sql).pluck().get(...params) as number

const { db, stats } = seeded(7)

t.test('same seed gives identical tables, another seed differs', async t => {
  const again = seeded(7).db
  const other = seeded(8).db
  for (const table of seededTables(db)) {
    t.equal(tableHash(again, table), tableHash(db, table), `${table} identical`)
  }
  t.not(tableHash(other, 'sessions'), tableHash(db, 'sessions'), 'sessions differ across seeds')
  t.not(tableHash(other, 'principals'), tableHash(db, 'principals'), 'credentials differ across seeds')
})

t.test('stats and scale', async t => {
  t.equal(stats.bots, 9)
  t.equal(stats.orgs, 5)
  t.equal(stats.sessions, one(db, 'SELECT count(*) FROM sessions'))
  t.equal(stats.messages, one(db, 'SELECT count(*) FROM messages'))
  t.equal(stats.users, one(db, 'SELECT count(*) FROM users'))
  t.ok(stats.sessions > 9 * 42 * 20 && stats.sessions < 9 * 42 * 32, `about 25 sessions/bot/day (${stats.sessions})`)
  t.ok(stats.messages / stats.sessions > 6.5, 'more than 6.5 messages per session')
  t.same(db.pragma('foreign_key_check'), [], 'every reference resolves')
})

t.test('users: first seen and new-user flag', async t => {
  t.equal(one(db, 'SELECT count(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id)'), 0, 'every user has a session')
  t.equal(one(db, `SELECT count(*) FROM users u JOIN (SELECT user_id, min(started_ms) first, sum(is_new_user) news FROM sessions GROUP BY user_id) s
    ON s.user_id = u.id WHERE u.first_seen_ms != s.first OR s.news != 1`), 0, 'first_seen_ms = first start, one is_new_user')
  t.equal(one(db, 'SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.is_new_user = 1 AND s.started_ms != u.first_seen_ms'), 0, 'the flag is on the first session')
  t.equal(one(db, 'SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.business_key IS NOT u.business_key OR s.bot_id != u.bot_id'), 0, 'business key copied, same bot')
  const evaKeys = one(db, "SELECT avg(business_key IS NOT NULL) FROM users WHERE bot_id IN (SELECT id FROM bots WHERE vendor = 'eva')")
  t.ok(evaKeys > 0.6 && evaKeys < 0.8, `~70 % of eva users have a business key (${evaKeys})`)
})

t.test('session counters match their rows', async t => {
  t.equal(one(db, `SELECT count(*) FROM sessions s JOIN (SELECT session_id, sum(direction = 0) u, sum(direction = 1) b, min(ts_ms) lo, max(ts_ms) hi FROM messages GROUP BY session_id) m
    ON m.session_id = s.id WHERE m.u != s.user_msgs OR m.b != s.bot_msgs OR m.lo != s.started_ms OR m.hi != s.ended_ms`), 0, 'user_msgs, bot_msgs, started/ended')
  t.equal(one(db, `SELECT count(*) FROM sessions s LEFT JOIN (SELECT session_id, count(*) n, max(ord) top FROM session_flows GROUP BY session_id) f
    ON f.session_id = s.id WHERE coalesce(f.n, 0) != s.flows_count OR coalesce(f.top + 1, 0) != s.flows_count`), 0, 'flows_count and ord 0..n-1')
  t.equal(one(db, `SELECT count(*) FROM session_flows f JOIN sessions s ON s.id = f.session_id
    WHERE f.bot_id != s.bot_id OR f.channel_id != s.channel_id OR f.started_ms != s.started_ms`), 0, 'session_flows copies session columns')
  t.equal(one(db, `SELECT count(*) FROM sessions s WHERE first_text_id IS NOT
    (SELECT text_id FROM messages m WHERE m.session_id = s.id AND direction = 0 ORDER BY seq LIMIT 1)`), 0, 'first_text_id')
  t.equal(one(db, 'SELECT count(*) FROM (SELECT bot_id, code FROM sessions GROUP BY 1, 2 HAVING count(*) > 1)'), 0, 'codes unique per bot')
})

t.test('timestamps and ordering', async t => {
  t.equal(one(db, 'SELECT count(*) FROM sessions WHERE started_ms < ? OR started_ms > ? OR ended_ms > ?', WINDOW_START, WINDOW_END, WINDOW_END), 0, 'inside the window')
  t.equal(one(db, `SELECT count(*) FROM (SELECT seq, ts_ms, lag(ts_ms) OVER w prev, row_number() OVER w - 1 rn FROM messages
    WINDOW w AS (PARTITION BY session_id ORDER BY seq)) WHERE seq != rn OR ts_ms <= prev`), 0, 'seq 0..n-1, strictly increasing ts')
  t.equal(one(db, `SELECT count(*) FROM messages o LEFT JOIN messages i ON i.id = o.reply_to
    WHERE o.reply_to IS NOT NULL AND (i.direction != 0 OR i.session_id != o.session_id OR i.ts_ms >= o.ts_ms)`), 0, 'replies answer an earlier user message')
  t.equal(one(db, "SELECT count(*) FROM messages WHERE seq = 0 AND (direction != 1 OR answer_id NOT IN (SELECT a.id FROM answers a JOIN intents i ON i.id = a.intent_id WHERE i.kind = 'welcome'))"), 0, 'sessions open with the welcome answer')
})

t.test('NLP outcome', async t => {
  const miss = one(db, 'SELECT avg(understood = 0) FROM messages WHERE direction = 0')
  t.ok(miss >= 0.10 && miss <= 0.25, `misunderstood share ${miss}`)
  t.equal(one(db, `SELECT count(*) FROM messages m JOIN bots b ON b.id = m.bot_id WHERE direction = 0
    AND (understood != (confidence >= b.threshold) OR (intent_id IS NULL) != (understood = 0) OR text_id IS NULL)`), 0, 'understood ⇔ confidence ≥ threshold ⇔ intent')
  t.equal(one(db, "SELECT count(*) FROM messages m JOIN intents i ON i.id = m.intent_id WHERE i.kind != 'intent' OR i.bot_id != m.bot_id"), 0, 'matched intents are regular ones of the bot')
  const withEntities = one(db, 'SELECT 1.0 * count(DISTINCT message_id) / (SELECT count(*) FROM messages WHERE understood = 1) FROM message_entities')
  t.ok(withEntities > 0.2 && withEntities < 0.3, `~25 % of understood messages carry entities (${withEntities})`)
  const kore = db.prepare("SELECT avg(interactive = 0) share, sum(interactive = 0 AND (user_msgs != 0 OR first_text_id IS NOT NULL OR bot_msgs > 2)) bad FROM sessions WHERE bot_id IN (SELECT id FROM bots WHERE vendor = 'kore')").get() as { share: number, bad: number }
  t.ok(kore.share > 0.05 && kore.share < 0.11, `Kore non-interactive share ${kore.share}`)
  t.equal(kore.bad, 0, 'non-interactive sessions are bot-only')
  t.equal(one(db, "SELECT count(*) FROM sessions WHERE interactive = 0 AND bot_id NOT IN (SELECT id FROM bots WHERE vendor = 'kore')"), 0, 'only Kore has non-interactive sessions')
})

t.test('rhythm: weekdays, hours, growth', async t => {
  const perDay = db.prepare("SELECT strftime('%w', started_ms / 1000, 'unixepoch') IN ('0', '6') weekend, count(*) n, count(DISTINCT started_ms / 86400000) days FROM sessions GROUP BY 1").all() as Array<{ weekend: number, n: number, days: number }>
  const rate = (weekend: number): number => { const r = perDay.find(x => x.weekend === weekend)!; return r.n / r.days }
  t.ok(rate(0) / rate(1) > 1.4, `weekday/weekend ratio ${rate(0) / rate(1)}`)

  const hours = new Array(24).fill(0)
  const formatters = new Map<string, Intl.DateTimeFormat>()
  for (const r of db.prepare('SELECT s.started_ms ms, b.home_tz tz FROM sessions s JOIN bots b ON b.id = s.bot_id').iterate() as Iterable<{ ms: number, tz: string }>) {
    if (!formatters.has(r.tz)) formatters.set(r.tz, new Intl.DateTimeFormat('en-US', { timeZone: r.tz, hour: 'numeric', hourCycle: 'h23' }))
    hours[Number(formatters.get(r.tz)!.format(r.ms))]++
  }
  const night = hours.slice(1, 6).reduce((a, b) => a + b, 0) / 5
  const day = hours.slice(10, 17).reduce((a, b) => a + b, 0) / 7
  t.ok(day / night > 8, `local day/night ratio ${day / night}`)

  const halves = db.prepare('SELECT started_ms >= ? late, count(*) n FROM sessions GROUP BY 1 ORDER BY 1').all((WINDOW_START + WINDOW_END) / 2) as Array<{ n: number }>
  t.ok(halves[1].n > halves[0].n, 'traffic grows over the history')
})

t.test('session outcome fields', async t => {
  const sat = one(db, 'SELECT avg(satisfaction) FROM sessions')
  t.ok(sat > 3.5, `satisfaction mean ${sat}`)
  t.equal(one(db, 'SELECT count(*) FROM sessions WHERE satisfaction NOT BETWEEN 1 AND 5'), 0)
  const rated = one(db, 'SELECT avg(satisfaction IS NOT NULL) FROM sessions')
  t.ok(rated > 0.25 && rated < 0.45, `rated share ${rated}`)
  const paid = one(db, 'SELECT avg(paid) FROM sessions')
  t.ok(paid > 0.6 && paid < 0.8, `paid share ${paid}`)
  t.equal(one(db, 'SELECT count(*) FROM sessions WHERE user_msgs >= 2 AND paid = 0'), 0, 'two user messages are always paid')
  const mix = db.prepare('SELECT containment c, avg(1.0) * count(*) / (SELECT count(*) FROM sessions) share FROM sessions GROUP BY 1').all() as Array<{ c: string, share: number }>
  const share = (c: string): number => mix.find(m => m.c === c)?.share ?? 0
  t.ok(share('agent') > 0.07 && share('agent') < 0.17, `agent ${share('agent')}`)
  t.ok(share('dropOff') > 0.14 && share('dropOff') < 0.28, `dropOff ${share('dropOff')}`)
  t.equal(one(db, "SELECT count(*) FROM sessions WHERE json_array_length(tags) > 2 OR json_type(tags) != 'array'"), 0, 'tags: JSON arrays of 0–2')
})

t.test('tenants, catalogue and credentials', async t => {
  t.equal(one(db, 'SELECT count(*) FROM bots WHERE threshold NOT BETWEEN 0.55 AND 0.7'), 0, 'thresholds')
  t.equal(one(db, 'SELECT count(*) FROM (SELECT bot_id, count(*) n FROM channels GROUP BY 1) WHERE n NOT BETWEEN 3 AND 5'), 0, '3–5 channels per bot')
  t.equal(one(db, "SELECT count(*) FROM (SELECT b.id, sum(i.kind = 'intent') n, sum(i.kind = 'welcome') w, sum(i.kind = 'fallback') f FROM bots b JOIN intents i ON i.bot_id = b.id GROUP BY 1) WHERE n NOT BETWEEN 12 AND 24 OR w != 1 OR f != 1"), 0, 'intents per bot')
  t.equal(one(db, "SELECT count(*) FROM intents WHERE kind = 'contextFallback' AND (parent_id IS NULL OR bot_id NOT IN (SELECT id FROM bots WHERE vendor = 'chatbotcom'))"), 0, 'contextFallbacks')
  t.equal(one(db, 'SELECT count(*) FROM intents i WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.intent_id = i.id)'), 0, 'every intent has an answer')
  t.equal(one(db, "SELECT count(*) FROM channel_types WHERE vendor = 'eva' AND id BETWEEN 1 AND 5"), 5, 'eva channel type ids 1–5')

  const login = (vendor: string, kind: string): string => db.prepare('SELECT login FROM principals WHERE vendor = ? AND kind = ?').pluck().get(vendor, kind) as string
  const hash = (l: string): string => db.prepare('SELECT secret_hash FROM principals WHERE login = ?').pluck().get(l) as string
  t.ok(verifySecret(secretFor(7, 'eva', 'ana.admin'), hash('ana.admin')), 'eva password verifies')
  t.notOk(verifySecret(secretFor(8, 'eva', 'ana.admin'), hash('ana.admin')), 'another seed\'s password does not')
  const koreId = login('kore', 'admin')
  t.match(secretFor(7, 'kore', koreId), /^[A-Za-z0-9+/]{43}=$/)
  t.ok(verifySecret(secretFor(7, 'kore', koreId), hash(koreId)), 'Kore client secret verifies')
  t.match(login('chatbotcom', 'developer'), /^dev_[0-9a-f]{32}$/)
  t.match(login('chatbotcom', 'client'), /^cli_[0-9a-f]{32}$/)
  t.equal(one(db, `SELECT count(*) FROM principals p JOIN principal_bots g ON g.principal_id = p.id JOIN bots b ON b.id = g.bot_id
    WHERE p.login = 'bruno.analyst' AND b.name = 'Acme Card Services'`), 0, 'bruno lacks Acme Card Services')
  t.equal(one(db, "SELECT count(*) FROM principal_bots g JOIN principals p ON p.id = g.principal_id WHERE p.login = 'bruno.analyst'"), 1, 'bruno reads one bot')
})

t.test('empty scenario: catalogue only', async t => {
  const { db: empty, stats } = seeded(7, 'empty')
  t.same([stats.sessions, stats.messages, stats.users], [0, 0, 0])
  t.equal(one(empty, 'SELECT count(*) FROM sessions'), 0)
  t.equal(one(empty, 'SELECT count(*) FROM bots'), 9)
  t.ok(one(empty, 'SELECT count(*) FROM texts') > 9 * 12 * 20, 'utterance pool')
  t.equal(tableHash(empty, 'intents'), tableHash(db, 'intents'), 'the catalogue does not depend on the scenario')
})
