import t from 'tap'
import { planBuckets } from '../../src/engine/buckets.js'
import { daysFromCivil } from '../../src/engine/calendar.js'
import { calendarWindow, makeWindow, parseInstant, previousWindow, windowBounds } from '../../src/engine/window.js'

const H = 3_600_000

t.test('parseInstant: dates, midnight-Z dates, instants, offsets, garbage', async t => {
  t.same(parseInstant('2026-03-08'), { ms: Date.UTC(2026, 2, 8), day: daysFromCivil(2026, 3, 8) })
  t.same(parseInstant('2026-03-08T00:00:00.000Z'), { ms: Date.UTC(2026, 2, 8), day: daysFromCivil(2026, 3, 8) })
  t.same(parseInstant('2026-03-08T10:15:00Z'), { ms: Date.UTC(2026, 2, 8, 10, 15), day: null })
  t.same(parseInstant('2026-03-08T10:15:00.5+05:30'), { ms: Date.UTC(2026, 2, 8, 4, 45, 0, 500), day: null })
  for (const bad of ['', 'text', '2026-13-01', '2026-02-30T00:00:00Z', '2026-03-08T24:00:00Z', '1e9', "2026-01-01' OR 1=1"]) {
    t.equal(parseInstant(bad), null, bad)
  }
})

t.test('calendar windows are whole local days; previous window has the same number of days', async t => {
  const w = makeWindow({ tz: 'Asia/Kolkata', from: parseInstant('2026-03-01')!, to: parseInstant('2026-03-10T00:00:00.000Z')!, startHour: 0, endHour: 23 })!
  t.ok(w.calendar)
  t.equal(w.start, Date.UTC(2026, 1, 28, 18, 30))
  t.equal(w.end, Date.UTC(2026, 2, 10, 18, 30))
  const p = previousWindow(w)
  t.equal(p.lastDay - p.firstDay, w.lastDay - w.firstDay)
  t.equal(p.end, w.start)
  t.same(windowBounds(p), { startDate: '2026-02-19T00:00:00.000Z', endDate: '2026-02-28T00:00:00.000Z' })
})

t.test('instant windows: inclusive end, previous window of equal milliseconds, bounds round-trip', async t => {
  const w = makeWindow({ tz: 'UTC', from: parseInstant('2026-03-01T06:00:00Z')!, to: parseInstant('2026-03-02T05:59:59.999Z')!, startHour: 0, endHour: 23 })!
  t.notOk(w.calendar)
  t.equal(w.end - w.start, 24 * H)
  const p = previousWindow(w)
  const b = windowBounds(p)
  const again = makeWindow({ tz: 'UTC', from: parseInstant(b.startDate)!, to: parseInstant(b.endDate)!, startHour: 0, endHour: 23 })!
  t.equal(again.start, p.start)
  t.equal(again.end, p.end)
  t.equal(makeWindow({ tz: 'UTC', from: parseInstant('2026-03-02')!, to: parseInstant('2026-03-01')!, startHour: 0, endHour: 23 }), null)
})

t.test('buckets across the New York spring-forward day', async t => {
  const w = calendarWindow('America/New_York', daysFromCivil(2026, 3, 7), daysFromCivil(2026, 3, 9))
  const plan = planBuckets(w)
  t.equal(plan.days.length, 3)
  t.equal(plan.hours.length, 24 + 23 + 24, 'the 8th has 23 hours')
  t.equal(plan.days[1].date, Date.UTC(2026, 2, 8, 5))
  t.equal(plan.days[2].date, Date.UTC(2026, 2, 9, 4))
  t.equal(plan.months.length, 1)
  t.same(plan.weeks.map(x => x.weekNumber), [1, 2])
})

t.test('buckets in Kathmandu start at :15 UTC; the hour filter keeps local hours', async t => {
  const w = calendarWindow('Asia/Kathmandu', daysFromCivil(2026, 1, 30), daysFromCivil(2026, 2, 2), 9, 17)
  const plan = planBuckets(w)
  t.equal(plan.hours.length, 4 * 9)
  t.equal(new Date(plan.hours[0].date).toISOString(), '2026-01-30T03:15:00.000Z')
  t.equal(plan.months.length, 2)
  t.equal(plan.weeks.length, 2, 'Jan week 5 and Feb week 1')
})
