/** Debian's chromium driven by playwright-core, for the tests that need a real browser. */
import { existsSync } from 'node:fs'
import type { Test } from 'tap'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

/** An init script that records every CSP violation of a page in `window.__csp`. */
export const CSP_PROBE = `window.__csp = []
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))`

/**
 * Runs `define` with one shared headless browser. Without chromium the file is skipped, except
 * under CI=true, where a missing browser is a failure (.ci/run installs it).
 */
export function withBrowser (t: Test, define: (browser: () => Browser) => void): void {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') t.fail(`${CHROMIUM} is missing: CI installs it in .ci/run (apt-get install chromium)`)
    else t.plan(0, `${CHROMIUM} is missing: apt-get install chromium to run the browser tests`)
    return
  }
  let browser: Browser | undefined
  t.before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] })
  })
  t.teardown(async () => { await browser?.close() })
  define(() => {
    if (browser === undefined) throw new Error('the browser is not launched yet')
    return browser
  })
}
