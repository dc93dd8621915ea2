/** ISO-8601 durations (`PT2H`, `P1DT30M`, `-PT15M`, `P2W`) in milliseconds; months and years are refused (their length varies). */

const DURATION = /^(-)?P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/

export function parseDuration (value: string): number | null {
  const m = DURATION.exec(value)
  if (m === null || value === 'P' || value.endsWith('T')) return null
  const [, sign, w, d, h, min, s] = m
  const ms = ((Number(w ?? 0) * 7 + Number(d ?? 0)) * 24 * 3600 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0)) * 1000
  // a clock beyond ±100 years cannot be written as an ISO date any more: refuse it
  if (!Number.isFinite(ms) || ms > 100 * 366 * 86_400_000) return null
  return sign === '-' ? -ms : ms
}
