/** The sandbox's notion of "now": real time unless a test (or, later, the control plane) pins it. */

export interface Clock {
  now: () => number
}

export function systemClock (): Clock {
  return { now: () => Date.now() }
}

/** A clock that stands still at `ms` until moved: for tests of expiry and relative periods. */
export function fixedClock (ms: number): Clock & { set: (ms: number) => void, advance: (ms: number) => void } {
  let now = ms
  return {
    now: () => now,
    set: (v: number) => { now = v },
    advance: (d: number) => { now += d }
  }
}
