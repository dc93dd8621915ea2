/** The sandbox's notion of "now": real time, shifted or frozen by tests and the control plane. */

export interface Clock {
  now: () => number
}

/** A clock the control plane can move: it drives periods, default windows, token expiry and jobs. */
export interface ControlledClock extends Clock {
  /** jump to `ms`; time then keeps flowing from there, unless `frozen` */
  set: (ms: number, frozen?: boolean) => void
  advance: (ms: number) => void
  /** back to the clock's starting behaviour (real time, or the fixed instant of a test clock) */
  reset: () => void
  state: () => { now: number, frozen: boolean, offsetMs: number }
}

export function systemClock (): Clock {
  return { now: () => Date.now() }
}

/** Real time plus an offset, or a frozen instant. */
export function controllableClock (real: () => number = Date.now): ControlledClock {
  let offset = 0
  let frozenAt: number | null = null
  const now = (): number => frozenAt ?? real() + offset
  return {
    now,
    set (ms, frozen = false) {
      frozenAt = frozen ? ms : null
      offset = frozen ? 0 : ms - real()
    },
    advance (ms) {
      if (frozenAt !== null) frozenAt += ms
      else offset += ms
    },
    reset () {
      offset = 0
      frozenAt = null
    },
    state: () => ({ now: now(), frozen: frozenAt !== null, offsetMs: frozenAt === null ? offset : frozenAt - real() })
  }
}

/** A clock that stands still at `ms` until moved: for tests of expiry, periods and jobs. */
export function fixedClock (ms: number): ControlledClock {
  let now = ms
  return {
    now: () => now,
    set: (v: number) => { now = v },
    advance: (d: number) => { now += d },
    reset: () => { now = ms },
    state: () => ({ now, frozen: true, offsetMs: 0 })
  }
}
