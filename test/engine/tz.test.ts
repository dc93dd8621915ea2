import t from 'tap'
import { localToUtc, normalizeTimeZone, offsetAt, offsetSegments } from '../../src/engine/tz.js'
import { daysFromCivil, civilFromDays, weekday, weekOfMonth, parseCivilDate } from '../../src/engine/calendar.js'

const H = 3_600_000

t.test('normalizeTimeZone accepts IANA names, UTC and fixed offsets, rejects the rest', async t => {
  t.equal(normalizeTimeZone('Asia/Kolkata'), 'Asia/Kolkata')
  t.equal(normalizeTimeZone('utc'), 'UTC')
  t.equal(normalizeTimeZone('Z'), 'UTC')
  t.equal(normalizeTimeZone('+05:30'), '+05:30')
  t.equal(normalizeTimeZone('-0300'), '-03:00')
  t.equal(normalizeTimeZone('UTC+2'), '+02:00')
  for (const bad of ['', 'Mars/Olympus', '+25:00', "'; DROP TABLE x", 'x'.repeat(100)]) t.equal(normalizeTimeZone(bad), null, bad)
})

t.test('offsets of non-hour zones and DST zones', async t => {
  t.equal(offsetAt('Asia/Kolkata', Date.UTC(2026, 0, 1)), 5.5 * H)
  t.equal(offsetAt('Asia/Kathmandu', Date.UTC(2026, 0, 1)), 5.75 * H)
  t.equal(offsetAt('America/New_York', Date.UTC(2026, 0, 15)), -5 * H)
  t.equal(offsetAt('America/New_York', Date.UTC(2026, 6, 15)), -4 * H)
  t.equal(offsetAt('+05:45', 0), 5.75 * H)
})

t.test('segments split exactly at the DST transition', async t => {
  // 2026-03-08 02:00 EST = 07:00Z: clocks jump to 03:00 EDT
  const segs = offsetSegments('America/New_York', Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 15))
  t.equal(segs.length, 2)
  t.equal(segs[0].end, Date.UTC(2026, 2, 8, 7))
  t.equal(segs[0].offset, -5 * H)
  t.equal(segs[1].offset, -4 * H)
  t.equal(offsetSegments('Asia/Kolkata', 0, Date.UTC(2026, 11, 31)).length >= 1, true)
})

t.test('localToUtc: normal, gap and overlap wall times', async t => {
  t.equal(localToUtc('America/New_York', Date.UTC(2026, 2, 8, 0)), Date.UTC(2026, 2, 8, 5))
  // 02:30 does not exist on 2026-03-08: moved one hour later, to 03:30 EDT = 07:30Z
  t.equal(localToUtc('America/New_York', Date.UTC(2026, 2, 8, 2, 30)), Date.UTC(2026, 2, 8, 7, 30))
  // 01:30 happens twice on 2026-11-01: the earlier (EDT) one
  t.equal(localToUtc('America/New_York', Date.UTC(2026, 10, 1, 1, 30)), Date.UTC(2026, 10, 1, 5, 30))
  t.equal(localToUtc('Asia/Kathmandu', Date.UTC(2026, 0, 1)), Date.UTC(2025, 11, 31, 18, 15))
})

t.test('civil date arithmetic round-trips and knows weekdays', async t => {
  for (let d = daysFromCivil(1999, 12, 25); d < daysFromCivil(2031, 1, 1); d += 37) {
    const c = civilFromDays(d)
    t.equal(daysFromCivil(c.y, c.m, c.d), d)
  }
  t.equal(weekday(daysFromCivil(2026, 3, 8)), 0) // a Sunday
  t.equal(weekOfMonth(1), 1)
  t.equal(weekOfMonth(7), 1)
  t.equal(weekOfMonth(8), 2)
  t.equal(weekOfMonth(31), 5)
  t.equal(parseCivilDate('2026-02-29'), null)
  t.equal(parseCivilDate('2024-02-29'), daysFromCivil(2024, 2, 29))
})
