import t from 'tap'
import { localToUtc, normalizeTimeZone, offsetAt, offsetSegments } from '../../src/engine/tz.js'
import { daysFromCivil, civilFromDays, weekday, weekOfMonth, parseCivilDate } from '../../src/engine/calendar.js'
import { propertyRun, rng } from '../property.js'
import { tzOffsetMs } from '../../seeds/calendar.js'

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

// ---- the cached transition tables against straightforward references ----

/** Offset straight from ICU, no caching of transitions: the seed generator's own helper (the pre-table offsetAt). */
function refOffset (tz: string, utc: number): number {
  const fixed = /^([+-])(\d{2}):(\d{2})$/.exec(tz)
  if (tz === 'UTC') return 0
  if (fixed !== null) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * H + Number(fixed[3]) * 60_000)
  return tzOffsetMs(tz, utc)
}

/**
 * Reference segments: probe [from, to) every hour (to included), pin each change to the
 * millisecond by bisection, merge nothing but equal neighbours. Slow and obviously right.
 */
function refSegments (tz: string, from: number, to: number): Array<{ start: number, end: number, offset: number }> {
  const out = [{ start: from, end: to, offset: refOffset(tz, from) }]
  for (let t = from; t < to;) {
    const next = Math.min(t + H, to)
    let cur = out[out.length - 1].offset
    while (refOffset(tz, next) !== cur) {
      let lo = t
      let hi = next
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2)
        if (refOffset(tz, mid) === cur) lo = mid
        else hi = mid
      }
      if (hi >= to) break
      out[out.length - 1].end = hi
      cur = refOffset(tz, hi)
      out.push({ start: hi, end: to, offset: cur })
      t = hi
    }
    t = next
  }
  return out
}

const ZONES = ['Asia/Kathmandu', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Europe/Madrid', 'America/New_York',
  'Asia/Kolkata', 'America/Santiago', 'Africa/Casablanca', 'Pacific/Chatham', '+05:45', '-03:00', 'UTC']

t.test('offsetSegments equals a brute-force reference for random zones and windows', async t => {
  const { SEED, RUNS } = propertyRun(t, 60)
  const r = rng(SEED)
  const lo = Date.UTC(1970, 0, 1)
  const hi = Date.UTC(2040, 0, 1)
  let failures = 0
  for (let i = 0; i < RUNS && failures < 3; i++) {
    const tz = ZONES[Math.floor(r() * ZONES.length)]
    // calendar-like windows (whole minutes) and arbitrary instants; short and long spans
    const aligned = r() < 0.5
    let from = lo + Math.floor(r() * (hi - lo))
    if (aligned) from -= from % 60_000
    const span = r() < 0.8 ? Math.floor(r() * 120 * 24 * H) + 1 : Math.floor(r() * 800 * 24 * H) + 1
    const to = from + span
    const got = offsetSegments(tz, from, to)
    const want = refSegments(tz, from, to)
    if (!t.same(got, want, `${tz} [${new Date(from).toISOString()}, ${new Date(to).toISOString()})`)) failures++
    // offsetAt agrees with ICU at random instants of the window and around its edges
    for (const at of [from, to - 1, from + Math.floor(r() * span), ...got.map(s => s.start - 1)]) {
      if (offsetAt(tz, at) !== refOffset(tz, at) && !t.equal(offsetAt(tz, at), refOffset(tz, at), `${tz} offsetAt ${at}`)) failures++
    }
  }
})

t.test('offsetSegments: invariants, year boundaries, exact transitions', async t => {
  // segments cover [from, to) in order with no equal neighbours
  for (const tz of ZONES) {
    const from = Date.UTC(2018, 10, 3, 5, 7, 11, 13)
    const to = Date.UTC(2021, 1, 2, 9)
    const segs = offsetSegments(tz, from, to)
    t.equal(segs[0].start, from)
    t.equal(segs[segs.length - 1].end, to)
    for (let i = 1; i < segs.length; i++) {
      t.equal(segs[i].start, segs[i - 1].end)
      t.not(segs[i].offset, segs[i - 1].offset)
    }
  }
  // a year boundary is not a segment boundary
  t.same(offsetSegments('Asia/Kolkata', Date.UTC(2025, 11, 1), Date.UTC(2026, 1, 1)), [{ start: Date.UTC(2025, 11, 1), end: Date.UTC(2026, 1, 1), offset: 5.5 * H }])
  // Lord Howe moves by 30 minutes: 2026-04-05 02:00 LHDT (+11) = 2026-04-04T15:00Z
  t.same(offsetSegments('Australia/Lord_Howe', Date.UTC(2026, 3, 4), Date.UTC(2026, 3, 5)), [
    { start: Date.UTC(2026, 3, 4), end: Date.UTC(2026, 3, 4, 15), offset: 11 * H },
    { start: Date.UTC(2026, 3, 4, 15), end: Date.UTC(2026, 3, 5), offset: 10.5 * H }])
  // a change inside the window's last few hours is found (2026-03-29 01:00Z, Madrid)
  const madrid = offsetSegments('Europe/Madrid', Date.UTC(2026, 2, 28, 23), Date.UTC(2026, 2, 29, 2))
  t.same(madrid.map(s => [s.start, s.offset]), [[Date.UTC(2026, 2, 28, 23), H], [Date.UTC(2026, 2, 29, 1), 2 * H]])
  // Kathmandu moved from +05:30 to +05:45 on 1986-01-01 00:00 local = 1985-12-31T18:30Z
  const ktm = offsetSegments('Asia/Kathmandu', Date.UTC(1985, 11, 1), Date.UTC(1986, 1, 1))
  t.same(ktm.map(s => [s.start, s.offset]), [[Date.UTC(1985, 11, 1), 5.5 * H], [Date.UTC(1985, 11, 31, 18, 30), 5.75 * H]])
  // outside the cached years the old probing still answers
  t.equal(offsetAt('Europe/Madrid', Date.UTC(12000, 6, 1)), refOffset('Europe/Madrid', Date.UTC(12000, 6, 1)))
  t.equal(offsetSegments('Europe/Madrid', Date.UTC(10001, 0, 1), Date.UTC(10001, 0, 2)).length, 1)
  // an empty window still reports the offset at `from`, as before
  t.same(offsetSegments('Asia/Kolkata', 5, 5), [{ start: 5, end: 5, offset: 5.5 * H }])
})

t.test('localToUtc round-trips every local day start of a few DST zones', async t => {
  for (const tz of ['America/Sao_Paulo', 'Australia/Lord_Howe', 'Europe/Madrid', 'America/Santiago']) {
    for (let day = daysFromCivil(2015, 1, 1); day < daysFromCivil(2020, 1, 1); day++) {
      const u = localToUtc(tz, day * 86_400_000)
      // the instant is on that local day, and no earlier instant of the day exists
      const local = u + refOffset(tz, u)
      if (Math.floor(local / 86_400_000) !== day) t.fail(`${tz} day ${day}`)
      if (Math.floor((u - 1 + refOffset(tz, u - 1)) / 86_400_000) === day) t.fail(`${tz} day ${day} starts earlier`)
    }
  }
  t.pass('checked')
})
