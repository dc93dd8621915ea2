/** Known rows at known instants land in the bucket their local time falls in (acceptance: time zones). */
import t, { type Test } from 'tap'
import type Database from 'better-sqlite3'
import { createRollupWriter } from '../../src/db/rollups.js'
import { build, evaSession, seededDb, ANCHOR } from '../helper.js'

interface Bucket { date: string, value: number }

/** Puts one conversation (and one user message) at each instant on the first eva bot's first channel. */
function insertAt (db: Database.Database, instants: string[]): void {
  const bot = db.prepare("SELECT id FROM bots WHERE vendor = 'eva' ORDER BY id LIMIT 1").get() as { id: number }
  const channel = db.prepare('SELECT id FROM channels WHERE bot_id = ? ORDER BY id LIMIT 1').get(bot.id) as { id: number }
  const user = db.prepare("INSERT INTO users (bot_id, ext_id, name, business_key, first_seen_ms) VALUES (?, ?, 'Known Row', NULL, ?)")
  const session = db.prepare(`INSERT INTO sessions (bot_id, channel_id, user_id, code, started_ms, ended_ms, status, interactive,
    containment, satisfaction, business_key, is_new_user, paid, language, tags, user_msgs, bot_msgs, flows_count, first_text_id)
    VALUES (?, ?, ?, ?, ?, ?, 'closed', 1, 'selfService', NULL, NULL, 1, 1, 'en', '[]', 1, 0, 0, NULL)`)
  const message = db.prepare(`INSERT INTO messages (session_id, bot_id, channel_id, user_id, seq, ts_ms, direction, text_id,
    answer_id, intent_id, confidence, understood, reply_to) VALUES (?, ?, ?, ?, 0, ?, 0, NULL, NULL, NULL, 0.1, 0, NULL)`)
  instants.forEach((iso, i) => {
    const ms = Date.parse(iso)
    const u = user.run(bot.id, `known-${i}`, ms).lastInsertRowid
    const s = session.run(bot.id, channel.id, u, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, ms, ms).lastInsertRowid
    message.run(s, bot.id, channel.id, u, ms)
  })
  // rows written behind the app's back: the derived rollups are rebuilt, as every write path does
  createRollupWriter(db).rebuildAll()
}

async function dashboard (t: Test, instants: string[], query: string) {
  const db = seededDb({ seed: 42, scenario: 'empty', anchor: ANCHOR })
  insertAt(db, instants)
  const app = await build(t, { db, config: { scenario: 'empty' } })
  const s = await evaSession(app)
  const res = await app.inject({ url: `${s.base}/dashboard/conversations?${query}`, headers: s.headers })
  t.equal(res.statusCode, 200, res.body)
  const body = res.json()
  t.equal(body.channelAnalytics.length, 1)
  const ch = body.channelAnalytics[0]
  const nonZero = (list: Bucket[]) => Object.fromEntries(list.filter(b => b.value > 0).map(b => [b.date, b.value]))
  return { total: body.periodOverview.totalAmount as number, hours: nonZero(ch.hours), days: nonZero(ch.days), allHours: ch.hours as Bucket[], allDays: ch.days as Bucket[] }
}

t.test('Asia/Kolkata (+05:30): a second either side of local midnight', async t => {
  const r = await dashboard(t, ['2026-03-10T18:29:59.999Z', '2026-03-10T18:30:00.000Z'],
    'startDate=2026-03-10&endDate=2026-03-11&timezone=Asia/Kolkata')
  t.equal(r.total, 2)
  t.same(r.days, { '2026-03-09T18:30:00.000Z': 1, '2026-03-10T18:30:00.000Z': 1 }, 'one on the 10th, one on the 11th')
  t.same(r.hours, { '2026-03-10T17:30:00.000Z': 1, '2026-03-10T18:30:00.000Z': 1 }, 'local 23:00 and 00:00 hours')
  t.equal(r.allHours.length, 48)
})

t.test('Asia/Kathmandu (+05:45): hours start at :15 UTC', async t => {
  const r = await dashboard(t, ['2026-03-10T18:14:59.000Z', '2026-03-10T18:15:00.000Z', '2026-03-10T03:15:00.000Z'],
    'startDate=2026-03-10&endDate=2026-03-11&timezone=Asia/Kathmandu')
  t.same(r.days, { '2026-03-09T18:15:00.000Z': 2, '2026-03-10T18:15:00.000Z': 1 })
  t.same(r.hours, { '2026-03-10T03:15:00.000Z': 1, '2026-03-10T17:15:00.000Z': 1, '2026-03-10T18:15:00.000Z': 1 })
})

t.test('America/New_York across the spring-forward change (2026-03-08)', async t => {
  const r = await dashboard(t, [
    '2026-03-08T04:59:00.000Z', // 23:59 EST on the 7th
    '2026-03-08T06:59:00.000Z', // 01:59 EST on the 8th
    '2026-03-08T07:00:00.000Z', // 03:00 EDT on the 8th (02:00 does not exist)
    '2026-03-09T03:59:00.000Z', // 23:59 EDT on the 8th
    '2026-03-09T04:00:00.000Z' //  00:00 EDT on the 9th
  ], 'startDate=2026-03-07&endDate=2026-03-09&timezone=America/New_York')
  t.same(r.days, { '2026-03-07T05:00:00.000Z': 1, '2026-03-08T05:00:00.000Z': 3, '2026-03-09T04:00:00.000Z': 1 })
  t.same(r.hours, {
    '2026-03-08T04:00:00.000Z': 1,
    '2026-03-08T06:00:00.000Z': 1,
    '2026-03-08T07:00:00.000Z': 1,
    '2026-03-09T03:00:00.000Z': 1,
    '2026-03-09T04:00:00.000Z': 1
  })
  t.equal(r.allHours.length, 24 + 23 + 24, 'the 8th has 23 hourly buckets')
})

t.test('America/New_York across the fall-back change (2026-11-01): 01:30 happens twice', async t => {
  const r = await dashboard(t, ['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z'],
    'startDate=2026-11-01&endDate=2026-11-01&timezone=America/New_York')
  t.same(r.hours, { '2026-11-01T05:00:00.000Z': 1, '2026-11-01T06:00:00.000Z': 1 }, 'two distinct 01:00 hours')
  t.same(r.days, { '2026-11-01T04:00:00.000Z': 2 })
  t.equal(r.allHours.length, 25)
})

t.test('the hour window is applied in local time', async t => {
  const r = await dashboard(t, ['2026-03-10T03:30:00.000Z', '2026-03-10T04:30:00.000Z'],
    'startDate=2026-03-10&endDate=2026-03-10&timezone=Asia/Kolkata&startHour=10&endHour=23')
  t.equal(r.total, 1, '09:00 local is outside 10–23, 10:00 local is inside')
  t.equal(r.allHours.length, 14)
})
