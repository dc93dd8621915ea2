/** CSV writing (RFC 4180), with spreadsheet-formula injection neutralised. */

type Cell = string | number | boolean | null | undefined

function cell (value: Cell): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  // a cell starting with = + - @ would run as a formula in a spreadsheet
  if (typeof value === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv (header: string[], rows: Cell[][]): string {
  return [header, ...rows].map(r => r.map(cell).join(',')).join('\r\n') + '\r\n'
}
