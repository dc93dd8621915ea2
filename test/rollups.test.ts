/**
 * Issue 6: the rollup tables agree with the rows they summarise, after seeding and after an
 * erasure, and every analytics answer computed from them is byte-for-byte the answer SQL
 * over the raw rows gives (SANDBOX_ROLLUPS=false), over the benchmark's own random requests
 * and over edge cases that must fall back to SQL (off-grid windows and offsets).
 */
import t from 'tap'
import type Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { buildMix, type Credentials } from '../bench/mix.js'
import { createEraseRepository } from '../src/db/erase.repo.js'
import { createRollupWriter } from '../src/db/rollups.js'
import { fixedClock } from '../src/clock.js'
import { ANCHOR, NOW, build, chatbotSession, evaSession, koreSession, koreTenants, seededDb } from './helper.js'
import { propertyRun, rng } from './property.js'

const { SEED, RUNS } = propertyRun(t, 40)
/** With TEST_DB (a shared, read-only database) the tests that write are skipped. */
const WRITES = process.env.TEST_DB !== undefined && process.env.TEST_DB !== '' ? { skip: 'TEST_DB is read-only' } : {}

type Row = Record<string, unknown>

/** Every rollup row, in key order, as comparable JSON. */
function snapshot (db: Database.Database): { quarters: string, activity: string } {
  const hex = (rows: Row[]) => JSON.stringify(rows.map(r => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('hex') : v]))))
  return {
    quarters: hex(db.prepare('SELECT * FROM rollup_quarters ORDER BY bot_id, day, channel_id').all() as Row[]),
    activity: hex(db.prepare('SELECT * FROM rollup_activity ORDER BY bot_id, day').all() as Row[])
  }
}

/** The quarter rollups recomputed by plain SQL GROUP BY, independently of src/db/rollups.ts. */
type Counts = number[]

function recount (db: Database.Database): Map<string, Counts> {
  const out = new Map<string, Counts>()
  const sessions = db.prepare(`SELECT bot_id, started_ms / 86400000 AS day, channel_id, (started_ms % 86400000) / 900000 AS q,
    COUNT(*) AS n, SUM(paid) AS paid, SUM(user_msgs + bot_msgs) AS msgs FROM sessions GROUP BY 1, 2, 3, 4`).all() as Array<Record<string, number>>
  for (const r of sessions) out.set(`${r.bot_id}|${r.day}|${r.channel_id}|${r.q}`, [r.n, r.paid, r.msgs, 0, 0])
  const messages = db.prepare(`SELECT bot_id, ts_ms / 86400000 AS day, channel_id, (ts_ms % 86400000) / 900000 AS q,
    COUNT(*) AS n, SUM(understood = 1) AS understood FROM messages WHERE direction = 0 GROUP BY 1, 2, 3, 4`).all() as Array<Record<string, number>>
  for (const r of messages) {
    const key = `${r.bot_id}|${r.day}|${r.channel_id}|${r.q}`
    const c = out.get(key) ?? [0, 0, 0, 0, 0]
    c[3] = r.n
    c[4] = r.understood
    out.set(key, c)
  }
  return out
}

function decoded (db: Database.Database): Map<string, Counts> {
  const out = new Map<string, Counts>()
  const rows = db.prepare('SELECT bot_id, day, channel_id, sessions, paid, messages, user_messages, understood FROM rollup_quarters').raw(true).all() as Array<[number, number, number, ...Buffer[]]>
  for (const [bot, day, channel, ...blobs] of rows) {
    for (let q = 0; q < 96; q++) {
      const c = blobs.map(b => b.readUInt32LE(q * 4))
      if (c.some(v => v !== 0)) out.set(`${bot}|${day}|${channel}|${q}`, c)
    }
  }
  return out
}

/** The activity records, decoded, against the sessions in start order. */
function activityMatches (db: Database.Database): boolean {
  const want = db.prepare(`SELECT bot_id, started_ms / 86400000 AS day, user_id, (started_ms % 86400000) / 900000 AS q,
    interactive | ((status = 'closed') << 1) | (is_new_user << 2) AS flags, channel_id FROM sessions ORDER BY bot_id, started_ms`).raw(true).all() as number[][]
  const got: number[][] = []
  for (const r of db.prepare('SELECT bot_id, day, data FROM rollup_activity ORDER BY bot_id, day').all() as Array<{ bot_id: number, day: number, data: Buffer }>) {
    for (let o = 0; o < r.data.length; o += 8) got.push([r.bot_id, r.day, r.data.readUInt32LE(o), r.data[o + 4], r.data[o + 5], r.data.readUInt16LE(o + 6)])
  }
  // sessions starting at the same millisecond may come in either order: compare as sorted lists
  const key = (x: number[]) => x.join(',')
  return JSON.stringify(want.map(key).sort()) === JSON.stringify(got.map(key).sort())
}

/** The keys whose counts differ (at most 5), so a failure prints a line, not two maps. */
function differences (a: Map<string, Counts>, b: Map<string, Counts>): string[] {
  const out: string[] = []
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k))) out.push(`${k}: ${JSON.stringify(a.get(k))} vs ${JSON.stringify(b.get(k))}`)
    if (out.length >= 5) break
  }
  return out
}

t.test('the rollups equal a SQL recount of the sessions, and survive an erasure exactly', WRITES, async t => {
  const db = seededDb()
  t.same(differences(decoded(db), recount(db)), [], 'quarter rollups = GROUP BY over sessions and messages')
  t.ok(activityMatches(db), 'activity records = the sessions, one each')
  t.ok((db.prepare('SELECT COUNT(*) AS n FROM rollup_quarters').get() as { n: number }).n > 100, 'rollups are not empty')

  // erase a handful of users of two bots, as the Kore erase job does (inside a transaction)
  const victims = db.prepare(`SELECT u.bot_id AS bot, u.ext_id AS ext FROM users u
    WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id) ORDER BY u.id LIMIT 40`).all() as Array<{ bot: number, ext: string }>
  const bots = [...new Set(victims.map(v => v.bot))]
  const before = (db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n
  const counts = db.transaction(() => createEraseRepository(db).erase(bots, victims.map(v => v.ext)))()
  t.ok(counts.sessions > 0 && counts.users > 0, `erased ${counts.users} users, ${counts.sessions} sessions`)
  t.equal((db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n, before - counts.sessions)
  t.same(differences(decoded(db), recount(db)), [], 'after the erasure: quarter rollups = GROUP BY over sessions and messages')
  t.ok(activityMatches(db), 'after the erasure: activity records = the sessions')
  const patched = snapshot(db)
  createRollupWriter(db).rebuildAll()
  t.ok(JSON.stringify(snapshot(db)) === JSON.stringify(patched), 'the days rebuilt after the erasure are byte-for-byte a full rebuild')
  db.close()
})

async function credentials (app: FastifyInstance): Promise<Credentials> {
  const eva = await Promise.all([0, 1, 2].map(async i => evaSession(app, i)))
  const kore = await koreTenants(app)
  const cbc = await chatbotSession(app, 0)
  return {
    eva: eva.map(s => ({ base: s.base, headers: s.headers, channelUuids: s.bot.channels.map(c => c.uuid) })),
    kore: kore.bots.map(b => {
      const app = kore.apps.find(a => a.kind === 'builder' && a.botIds.includes(b.botId)) as { sampleJwt: string }
      return { botId: b.botId, jwt: app.sampleJwt, channels: ['rtm', 'msteams', 'ivr', 'slack'], sessionIds: [] }
    }),
    chatbotcom: cbc.accounts.map(a => ({ token: a.developerToken, storyIds: a.stories.map(s => s.id) }))
  }
}

t.test('answers from the rollups are byte-for-byte the answers from SQL', async t => {
  const fast = await build(t)
  const slow = await build(t, { config: { rollups: false } })
  const creds = await credentials(fast)
  const mix = buildMix(creds, { anchor: ANCHOR, historyDays: 42, seed: SEED }).filter(e => !e.name.includes('getMessagesV2'))
  const random = rng(SEED + 1)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]
  const eva = creds.eva[0]
  const cbc = creds.chatbotcom[0]
  const kore = creds.kore[0]
  const day = (back: number) => new Date(Date.parse(`${ANCHOR}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10)
  // requests the rollups must decline (off the quarter grid) or that stress DST and odd zones
  const edges = [
    () => ({ method: 'GET' as const, path: `${eva.base}/dashboard/messages?startDate=${day(30)}&endDate=${day(1)}&timezone=${encodeURIComponent(pick(['UTC', 'Asia/Kolkata', 'America/New_York']))}&startHour=${pick([0, 8])}&endHour=${pick([23, 17])}`, headers: eva.headers }),
    () => ({ method: 'GET' as const, path: `${eva.base}/dashboard/accuracy?startDate=${day(30)}&endDate=${day(1)}&timezone=${encodeURIComponent(pick(['UTC', '+05:45', 'Europe/Madrid']))}`, headers: eva.headers }),
    () => ({ method: 'GET' as const, path: `${eva.base}/messages/list?startDate=${day(20)}&endDate=${day(1)}&timezone=${encodeURIComponent(pick(['UTC', 'Asia/Kathmandu']))}&nlpResponseFilters=${pick(['ALL', 'FOUND', 'NONE'])}&size=5`, headers: eva.headers }),
    () => ({ method: 'GET' as const, path: `${eva.base}/dashboard/users?startDate=${day(20)}T03:07:00.000Z&endDate=${day(3)}T17:00:00.000Z&timezone=UTC`, headers: eva.headers }),
    () => ({ method: 'GET' as const, path: `${eva.base}/dashboard/conversations?startDate=${day(40)}&endDate=${day(0)}&timezone=${pick(['Pacific/Chatham', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/London'])}&startHour=${pick([0, 5])}&endHour=${pick([23, 19])}`, headers: eva.headers }),
    () => ({ method: 'GET' as const, path: `${eva.base}/dashboard/users?startDate=${day(40)}&endDate=${day(0)}&timezone=${encodeURIComponent(pick(['Pacific/Chatham', 'America/Sao_Paulo', '+05:45', '-09:30']))}`, headers: eva.headers }),
    () => ({ method: 'GET' as const, path: `/reports/conversations.heatmap?from=${day(30)}&to=${day(1)}&offset=${pick([7, -13, 337, 0, 345])}`, headers: { authorization: `Bearer ${cbc.token}` } }),
    () => ({ method: 'GET' as const, path: `/reports/conversations?from=${day(41)}&to=${day(0)}&dimension=${pick(['day', 'month', 'year', 'hour'])}`, headers: { authorization: `Bearer ${cbc.token}` } }),
    () => ({ method: 'POST' as const, path: `/api/public/bot/${kore.botId}/v2/userEngagementTrend?aggregation_type=${pick(['daily', 'hourly'])}&start_date=${day(30)}&end_date=${day(2)}&timeZoneOffset=${encodeURIComponent(pick(['Europe/London', 'America/New_York', 'Asia/Kathmandu']))}&conversationStatus=${pick(['All', 'Active', 'Closed'])}`, headers: { auth: kore.jwt } })
  ]
  let compared = 0
  const non200: string[] = []
  const differ: string[] = []
  for (let run = 0; run < RUNS; run++) {
    const shots = [...mix.map(e => e.next()), ...edges.map(e => e())]
    for (const s of shots) {
      const req = { method: s.method, url: s.path, headers: s.headers, payload: 'body' in s ? s.body : undefined }
      const [a, b] = [await fast.inject(req), await slow.inject(req)]
      compared++
      if (a.statusCode !== 200) non200.push(`${s.method} ${s.path}: ${a.statusCode} ${a.body.slice(0, 200)}`)
      if (a.statusCode !== b.statusCode || a.body !== b.body) differ.push(`${s.method} ${s.path}: ${a.statusCode} vs ${b.statusCode}`)
    }
  }
  t.same(differ.slice(0, 5), [], `${compared} requests, rollups vs SQL`)
  t.same(non200.slice(0, 5), [], 'every compared request answered 200')
})

t.test('after an erasure through the API, rollup answers still equal SQL answers (the mirror follows the data version)', WRITES, async t => {
  const clocks = [fixedClock(NOW), fixedClock(NOW)]
  const kore = { rateLimit: false, jobDelayMs: 0, importFailedStatus: 'failed' as const }
  const apps = [await build(t, { clock: clocks[0], config: { kore } }), await build(t, { clock: clocks[1], config: { kore, rollups: false } })]
  const s = await koreSession(apps[0], 0)
  const uet = (app: FastifyInstance) => app.inject({
    method: 'POST',
    url: `/api/public/bot/${s.bot.botId}/v2/userEngagementTrend?aggregation_type=daily&start_date=2026-03-10&end_date=2026-03-30&timeZoneOffset=Asia%2FKolkata`,
    headers: s.builderHeaders
  })
  const before = (await uet(apps[0])).body
  t.equal(before, (await uet(apps[1])).body, 'before: equal')
  const listed = await apps[0].inject({
    method: 'POST',
    url: `/api/public/bot/${s.bot.botId}/getSessions`,
    headers: { ...s.builderHeaders, 'content-type': 'application/json' },
    payload: { dateFrom: '2026-03-20', dateTo: '2026-03-25', limit: 30 }
  })
  const users = [...new Set((listed.json().sessions as Array<{ userId: string }>).map(x => x.userId))]
  for (const [i, app] of apps.entries()) {
    const erase = await app.inject({
      method: 'DELETE',
      url: '/api/public/bot/eraseUsersData',
      headers: { ...s.adminHeaders, 'content-type': 'application/json' },
      payload: { userIds: users, botIds: [s.bot.botId] }
    })
    t.equal(erase.statusCode, 200)
    clocks[i].advance(1000)
  }
  const after = (await uet(apps[0])).body
  t.not(after, before, `erasing ${users.length} users changed the answer`)
  t.equal(after, (await uet(apps[1])).body, 'after: equal')
})
