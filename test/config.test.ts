import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.js'

t.test('defaults', async t => {
  const c = loadConfig({}, new Date('2026-11-21T10:00:00Z'))
  t.match(c, { port: 3000, host: '127.0.0.1', db: 'data/sandbox.db', seed: 42, scenario: 'default', anchor: '2026-11-21', adminToken: null })
  t.match(c.eva, { pageBase: 1, rateScale: 100, relativeIncrease: 'percent', reportStatus: 200 })
  t.ok(Object.isFrozen(c))
})

t.test('every variable is read and checked', async t => {
  const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', SANDBOX_DB: ':memory:', SANDBOX_SEED: '7', SANDBOX_SCENARIO: 'small', SANDBOX_ANCHOR: '2026-01-31', SANDBOX_ADMIN_TOKEN: 'x', SANDBOX_EVA_PAGE_BASE: '0', SANDBOX_EVA_REPORT_STATUS: '204' })
  t.match(c, { port: 8080, host: '0.0.0.0', db: ':memory:', seed: 7, scenario: 'small', anchor: '2026-01-31', adminToken: 'x' })
  t.equal(c.eva.pageBase, 0)
  t.equal(c.eva.reportStatus, 204)
  for (const bad of [{ PORT: 'eighty' }, { SANDBOX_SCENARIO: 'huge' }, { SANDBOX_ANCHOR: '2026-02-30' }, { SANDBOX_ANCHOR: '21/11/2026' }, { SANDBOX_EVA_REPORT_STATUS: '201' }, { SANDBOX_EVA_RELATIVE_INCREASE_SIGNED: 'maybe' }]) {
    t.throws(() => loadConfig(bad), ConfigError, JSON.stringify(bad))
  }
})
