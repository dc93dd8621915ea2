/** Copy-paste curl lines: one per request, every argument quoted for a POSIX shell. */

export interface CurlLine {
  vendor: 'eva' | 'kore' | 'chatbotcom'
  /** what it asks for, printed as a comment above the line */
  what: string
  command: string
}

/** Quotes `s` for sh/bash/zsh unless it is plainly safe. */
export function shellQuote (s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`
}

export interface CurlRequest {
  url: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  /** sent as is (-d) */
  data?: string
  /** form fields, percent-encoded here since `-d name=value` sends them as they are */
  form?: Record<string, string>
}

export function curl (req: CurlRequest): string {
  const words = ['curl', '-s']
  const hasBody = req.data !== undefined || req.form !== undefined
  if (req.method === 'POST' && !hasBody) words.push('-X', 'POST')
  for (const [name, value] of Object.entries(req.headers ?? {})) words.push('-H', shellQuote(`${name}: ${value}`))
  if (req.data !== undefined) words.push('-d', shellQuote(req.data))
  for (const [name, value] of Object.entries(req.form ?? {})) words.push('-d', shellQuote(`${name}=${encodeURIComponent(value)}`))
  words.push(shellQuote(req.url))
  return words.join(' ')
}
