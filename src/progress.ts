/**
 * Seeding progress for humans: on a terminal one line redrawn in place (a bar, the phase's percent,
 * the phase and the time so far); elsewhere (CI logs, pipes) plain lines, throttled, so logs stay readable.
 */
import type { ProgressFn } from './db/open.js'

/** A progress callback plus `end()`, which closes the bar's line before anything else is printed. */
export interface ProgressPrinter extends ProgressFn {
  end: () => void
}

interface Output extends NodeJS.WritableStream {
  isTTY?: boolean
  columns?: number
}

/** The phases src/db/open.ts reports, in order, so the bar can say how far along the build is. */
const PHASES = ['tenants', 'catalogue', 'traffic', 'indexes']

/**
 * What runs after a phase ends without reporting progress of its own (src/db/open.ts buildInto):
 * ANALYZE after the indexes, which a bar frozen on "indexes 100%" would hide.
 */
const AFTER: Record<string, string> = { indexes: 'analyzing' }

const BAR_WIDTH = 24
/** redraws at most this often: a `large` build reports a few thousand steps */
const REDRAW_MS = 100

export function progressPrinter (out: Output, now: () => number = () => performance.now()): ProgressPrinter {
  const started = now()
  const seconds = (): string => `${((now() - started) / 1000).toFixed(1)} s`
  const percent = (done: number, total: number): number => total === 0 ? 100 : Math.floor(done / total * 100)
  let lastPhase = ''
  let lastPct = -1
  let lastDraw = -Infinity
  let drawn = false

  const bar = (phase: string, done: number, total: number): void => {
    const t = now()
    const finished = done === total
    if (phase === lastPhase && !finished && t - lastDraw < REDRAW_MS) return
    lastPhase = phase
    lastDraw = t
    const pct = percent(done, total)
    const filled = Math.round(pct / 100 * BAR_WIDTH)
    const step = PHASES.indexOf(phase)
    const label = finished && AFTER[phase] !== undefined ? `${phase} done, ${AFTER[phase]}` : phase
    const line = `seeding [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(pct).padStart(3)}% ` +
      `${label}${step < 0 ? '' : ` (${step + 1}/${PHASES.length})`}  ${seconds()}`
    // \x1b[K clears what a longer previous line left behind
    // a terminal of unknown width (some ptys report 0 columns) is taken as 80 wide
    const columns = out.columns !== undefined && out.columns > 0 ? out.columns : 80
    out.write(`\r${line.slice(0, columns - 1)}\x1b[K`)
    drawn = true
  }

  const lines = (phase: string, done: number, total: number): void => {
    const pct = percent(done, total)
    if (phase === lastPhase && pct < lastPct + 10 && done !== total) return
    lastPhase = phase
    lastPct = pct
    out.write(`seeding: ${phase} ${pct}% (${seconds()})\n`)
  }

  const printer = (out.isTTY === true ? bar : lines) as ProgressPrinter
  printer.end = () => {
    if (drawn) out.write(`\r\x1b[Kseeding: done in ${seconds()}\n`)
    drawn = false
  }
  return printer
}
