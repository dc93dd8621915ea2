/** Fuzz values: seeded choice helpers, hostile strings and numbers, and URL/header encoders that never throw. */

export type Rand = () => number

export function pick<T> (r: Rand, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list')
  return items[Math.floor(r() * items.length)]
}

/** An integer in [lo, hi]. */
export function between (r: Rand, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1))
}

export function chance (r: Rand, p: number): boolean {
  return r() < p
}

/** Strings every parser should survive: injection, traversal, unicode, control characters. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '[]',
  '{}',
  "' OR 1=1--",
  '" OR ""="',
  '"; DROP TABLE sessions;--',
  "'; DROP TABLE principals; --",
  "1' UNION SELECT secret_hash, login FROM principals--",
  "%' OR '%'='",
  '\\',
  "\\'",
  '`id`',
  '$(id)',
  '$' + '{jndi:ldap://x/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '/etc/passwd\u0000.json',
  'file:///etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '😀🤖👩‍👩‍👧‍👦',
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  'שלום',
  'Z̴̡̛̙͇ả̷l̵g̶o̶',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001b[31m\u007f',
  '\r\nX-Injected: 1',
  '\uFEFF',
  '\u200B\u200C\u200D',
  '\uD800',
  '\uDFFF',
  'a\uD83Db',
  '\uFFFF\uFFFE',
  '𝕳𝖊𝖑𝖑𝖔',
  'İıß',
  '%',
  '%%',
  '%zz',
  '%00',
  '+',
  '&',
  '=',
  '#',
  '?',
  '/',
  ';',
  ',',
  ',,,,',
  '*',
  '**/*',
  '.*',
  '(a+)+$',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'
]

/** Date and time strings around every edge the window engines parse. */
export const HOSTILE_DATES: readonly string[] = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '0000-01-01',
  '9999-12-31',
  '275760-09-13',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00.000Z',
  '-000001-01-01',
  '1970-01-01',
  '1969-12-31T23:59:59.999Z',
  '2026-03-01T25:61:61Z',
  '2026-03-01T00:00:00+99:99',
  '2026-03-01T00:00:00.123456789Z',
  '2026-03-01T00:00:00',
  '2026-03-01 00:00:00',
  '2026-3-1',
  '2026/03/01',
  '01-03-2026',
  '2026-W10',
  '2026-060',
  'yesterday',
  'now',
  '99999999999999999',
  '1e10',
  '1774958400000',
  '-1',
  'NaN',
  '2026-03-01T00:00:00Z2026-03-02',
  '２０２６-０３-０１'
]

export const HOSTILE_ZONES: readonly string[] = [
  'Mars/Olympus',
  '+99:99',
  '+14:59',
  '-14:00',
  'UTC+14',
  'UTC-99',
  'GMT+0',
  'Etc/GMT+12',
  'europe/madrid',
  'EUROPE/MADRID',
  'America/Argentina/ComodRivadavia',
  'Z',
  '+',
  '+0',
  '00:00',
  '../../../../etc/localtime',
  'Asia/Kolkata\u0000'
]

/** ISO-8601 durations around what the clock control parses (`advance`). */
export const HOSTILE_DURATIONS: readonly string[] = [
  'P999999999W',
  '-P999999999W',
  'PT99999999999999999999S',
  'P99999999999999999999D',
  'P1Y',
  'P1M',
  'PT',
  'P',
  'PT1.5H',
  'PT-1H',
  '-PT2H',
  'P0D',
  'P1W1D',
  'PT1H ',
  'pt1h',
  'P1DT',
  'PT0.000001S'
]

/** Query-string spellings of numbers that are not plain small integers. */
export const HOSTILE_NUMBER_TEXT: readonly string[] = [
  '-1',
  '-0',
  '0',
  '1.5',
  '0.0000001',
  '1e308',
  '-1e308',
  '1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '9007199254740993',
  '99999999999999999999999999999',
  '-99999999999999999999999999999',
  '2147483648',
  '4294967296',
  '0x10',
  '0b11',
  '1_000',
  ' 7',
  '7 ',
  '+7',
  '07',
  '',
  'true',
  '[]',
  '{}',
  '١٢',
  '１',
  '1,2',
  '1;2',
  '5e-324'
]

/** JSON numbers at the edges (all representable in JSON text). */
export const HOSTILE_JSON_NUMBERS: readonly number[] = [
  -1, 0, -0, 1.5, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, -(2 ** 53) - 2, 2 ** 31, 2 ** 32, -(2 ** 31) - 1, 1e21, 0.1
]

/** Number literals that JSON.parse reads as something surprising (Infinity, rounded, 0). */
export const HOSTILE_NUMBER_LITERALS: readonly string[] = [
  '1e309', '-1e309', '123456789012345678901234567890', '1e-400', '-0.0', '1E+2', '0.30000000000000004'
]

/** A long string (10k–100k code units) of a random flavour. */
export function longString (r: Rand): string {
  const n = between(r, 10_000, 100_000)
  const unit = pick(r, ['A', 'é', '€', '😀', '\u0000', '%', '../', "' OR 1=1--", 'a,'])
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n)
}

/** A hostile string: mostly from the catalogue, sometimes long or a random code-unit soup. */
export function hostileString (r: Rand): string {
  const roll = r()
  if (roll < 0.1) return longString(r)
  if (roll < 0.18) return pick(r, HOSTILE_DATES)
  if (roll < 0.24) return pick(r, HOSTILE_ZONES)
  if (roll < 0.3) return randomUnits(r, between(r, 1, 64))
  return pick(r, HOSTILE_STRINGS)
}

/** Random UTF-16 code units, lone surrogates and controls included. */
export function randomUnits (r: Rand, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) {
    const roll = r()
    const code = roll < 0.3 ? between(r, 0, 0x1f) : roll < 0.6 ? between(r, 0x20, 0x7e) : roll < 0.75 ? between(r, 0xd800, 0xdfff) : between(r, 0x80, 0xffff)
    s += String.fromCharCode(code)
  }
  return s
}

/**
 * Percent-encodes any JS string, lone surrogates included (as their CESU-8 bytes, which
 * are invalid UTF-8: exactly what a hostile client can put on the wire).
 */
export function enc (s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const isHigh = c >= 0xd800 && c <= 0xdbff
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2))
      i++
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += `%${(0xe0 | (c >> 12)).toString(16).toUpperCase()}%${(0x80 | ((c >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`
    } else {
      out += encodeURIComponent(s[i])
    }
  }
  return out
}

/**
 * A header value a real client could put on the wire: UTF-8 bytes read as latin1, without
 * the CR, LF and NUL that no HTTP parser lets through.
 */
export function headerSafe (s: string): string {
  return Buffer.from(s.replace(/[\r\n]/g, '').split('\u0000').join(''), 'utf8').toString('latin1')
}

/** Bad percent-encodings: truncated, non-hex, overlong and invalid UTF-8 sequences. */
export const BAD_PERCENT: readonly string[] = ['%', '%z', '%zz', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%FF%FE', '%%32%65', '%u002e', '%E2%82']
