import t from 'tap'
import { fixedClock } from '../src/clock.js'
import { createRateLimiter } from '../src/rate-limit.js'

const LIMITS = [
  { windowMs: 60_000, max: 60, message: 'minute' },
  { windowMs: 3_600_000, max: 1800, message: 'hour' }
]

t.test('60 a minute, then a denial with Retry-After; the window slides', async t => {
  const clock = fixedClock(0)
  const limiter = createRateLimiter(clock)
  for (let i = 0; i < 60; i++) t.equal(limiter.hit('bot:1', LIMITS), null)
  const denied = limiter.hit('bot:1', LIMITS)
  t.same(denied, { message: 'minute', retryAfter: 60 })
  t.equal(limiter.hit('bot:2', LIMITS), null, 'other keys are independent')
  clock.advance(60_001)
  t.equal(limiter.hit('bot:1', LIMITS), null, 'allowed again once the minute has passed')
})

t.test('1800 an hour even when every minute is under 60', async t => {
  const clock = fixedClock(0)
  const limiter = createRateLimiter(clock)
  let denied = null
  for (let minute = 0; minute < 60 && denied === null; minute++) {
    for (let i = 0; i < 50 && denied === null; i++) denied = limiter.hit('account:1', LIMITS)
    clock.advance(60_000)
  }
  t.equal(denied?.message, 'hour')
})
