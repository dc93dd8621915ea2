import t, { type Test } from 'tap'
import { isoString } from '../src/engine/iso.js'
import { propertyRun, rng } from './property.js'

const MIN_MS = -62_167_219_200_000 // 0000-01-01T00:00:00.000Z
const MAX_MS = 253_402_300_799_999 // 9999-12-31T23:59:59.999Z

function same (t: Test, ms: number): boolean {
  const want = new Date(ms).toISOString()
  const got = isoString(ms)
  return got === want || t.equal(got, want, `isoString(${ms})`)
}

t.test('equals toISOString for random ms over years 0000–9999', async t => {
  const { SEED, RUNS } = propertyRun(t, 200_000)
  const r = rng(SEED)
  let bad = 0
  for (let i = 0; i < RUNS && bad < 5; i++) {
    const k = r()
    // the whole range, the years responses use, and non-integers (Date truncates them)
    const ms = k < 0.4
      ? MIN_MS + Math.floor(r() * (MAX_MS - MIN_MS + 1))
      : k < 0.8
        ? Date.UTC(1965, 0, 1) + Math.floor(r() * 100 * 365.25 * 86_400_000)
        : (r() - 0.5) * 2 * 86_400_000 * 3 * 365
    if (!same(t, ms)) bad++
  }
  t.equal(bad, 0)
})

t.test('edges: range ends, epoch, day and leap-day boundaries', async t => {
  const edges = [MIN_MS, MIN_MS + 1, MAX_MS, MAX_MS - 1, 0, -0, -1, 1, -0.5, 0.5, -1.5, 999.9, 86_399_999, 86_400_000, -86_400_000, -86_400_001,
    Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(1900, 2, 1), Date.UTC(2100, 1, 28, 12), Date.UTC(2026, 2, 31, 12)]
  for (const ms of edges) same(t, ms)
  t.equal(isoString(Date.UTC(2026, 2, 31, 12)), '2026-03-31T12:00:00.000Z')
  // outside 0000–9999 the expanded years of toISOString
  for (const ms of [MIN_MS - 1, MAX_MS + 1, 8.64e15, -8.64e15]) same(t, ms)
  for (const ms of [NaN, Infinity, -Infinity, 8.64e15 + 1]) t.throws(() => isoString(ms), RangeError)
})
