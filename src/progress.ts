/** Seeding progress for humans: one line per phase step, throttled, so logs stay readable off a terminal too. */
import type { ProgressFn } from './db/open.js'

export function progressPrinter (out: NodeJS.WritableStream): ProgressFn {
  let lastPhase = ''
  let lastPct = -1
  return (phase, done, total) => {
    const pct = total === 0 ? 100 : Math.floor(done / total * 100)
    if (phase === lastPhase && pct < lastPct + 10 && done !== total) return
    lastPhase = phase
    lastPct = pct
    out.write(`seeding: ${phase} ${pct}%\n`)
  }
}
