// Dates and time zones: the picker's choices, each vendor's form of the zone, axis labels.

/** Fixed offsets the vendors accept besides IANA names (eva `timezone`, Kore `timeZoneOffset`). */
const FIXED = ['-10:00', '-08:00', '-05:00', '-03:00', '+01:00', '+02:00', '+03:00', '+05:30', '+05:45', '+08:00', '+09:00', '+09:30', '+10:00', '+12:00']

/** Current spellings first: the browser's list keeps old canonical names (Asia/Calcutta, Europe/Kiev). */
const COMMON = ['America/Los_Angeles', 'America/New_York', 'America/Sao_Paulo', 'Europe/London', 'Europe/Berlin', 'Europe/Kyiv', 'Africa/Johannesburg', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland']

export function zoneChoices () {
  const iana = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return { fixed: ['UTC', ...FIXED], common: COMMON, iana: iana.filter(z => z !== 'UTC') }
}

export function browserZone () {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC'
}

const formats = new Map()
function format (zone, options) {
  const key = `${zone}|${JSON.stringify(options)}`
  let f = formats.get(key)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, ...options })
    formats.set(key, f)
  }
  return f
}

/** Minutes east of UTC of `zone` at `ms`: what the ChatBot.com heatmap's `offset` takes. */
export function offsetMinutes (zone, ms) {
  const name = format(zone, { timeZoneName: 'longOffset' }).formatToParts(ms).find(p => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name)
  return m === null ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]))
}

export function offsetLabel (minutes) {
  const abs = Math.abs(minutes)
  return `UTC${minutes < 0 ? '−' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** Labels for bucket starts (UTC instants) as seen in `zone`. */
export const label = {
  hour: (zone, iso) => format(zone, { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(iso)),
  day: (zone, iso) => format(zone, { month: 'short', day: '2-digit' }).format(Date.parse(iso)),
  month: (zone, iso) => format(zone, { month: 'short', year: 'numeric' }).format(Date.parse(iso)),
  year: (zone, iso) => format(zone, { year: 'numeric' }).format(Date.parse(iso))
}

const DAY_MS = 86_400_000

/** `YYYY-MM-DD` plus n days. */
export function addDays (day, n) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

export function daysBetween (from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1
}

/** A readable instant for the period-over-period note. */
export function shortDate (zone, iso) {
  return format(zone, { year: 'numeric', month: 'short', day: '2-digit' }).format(Date.parse(iso))
}
