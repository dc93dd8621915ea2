/** Swagger UI at /docs: its page and assets under their own CSP, the spec it serves equal to openapi.yaml, off with SANDBOX_DOCS=false. */
import { readFileSync } from 'node:fs'
import t from 'tap'
import { parse } from 'yaml'
import { loadConfig } from '../src/config.js'
import { OPENAPI_PATH } from '../src/openapi.js'
import { DOCS_CSP } from '../src/plugins/docs.js'
import { build } from './helper.js'

t.test('SANDBOX_DOCS: on unless false', async t => {
  t.equal(loadConfig({}).docs, true)
  t.equal(loadConfig({ SANDBOX_DOCS: 'false' }).docs, false)
})

t.test('/docs is Swagger UI under its own CSP; framing stays denied', async t => {
  const app = await build(t)
  for (const url of ['/docs', '/docs/']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.match(res.headers['content-type'], /^text\/html/)
    t.equal(res.headers['content-security-policy'], DOCS_CSP)
    t.equal(res.headers['x-frame-options'], 'DENY')
    t.equal(res.headers['x-content-type-options'], 'nosniff')
    t.match(res.body, '<div id="swagger-ui"></div>')
    t.notMatch(res.body, /<script>|<style|style=/, 'no inline script or style, which the CSP would block')
  }
  t.match(DOCS_CSP, /default-src 'none'/)
  t.match(DOCS_CSP, /script-src 'self'(;|$)/)
  t.match(DOCS_CSP, /img-src 'self' data:/)
  t.match(DOCS_CSP, /connect-src 'self'/)
  t.match(DOCS_CSP, /frame-ancestors 'none'/)
  const api = await app.inject({ url: '/__sandbox/health' })
  t.equal(api.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'", 'the API keeps its deny-all policy')
})

t.test('every script and stylesheet the page links loads from /docs/static', async t => {
  const app = await build(t)
  const html = (await app.inject({ url: '/docs' })).body
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(m => m[1])
  t.ok(assets.length >= 5, assets.join(' '))
  for (const url of assets) {
    t.match(url, /^\/docs\/static\//, url)
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    const type = String(res.headers['content-type'])
    if (url.endsWith('.js')) t.match(type, /^application\/javascript/, url)
    if (url.endsWith('.css')) t.match(type, /^text\/css/, url)
    t.equal(res.headers['content-security-policy'], DOCS_CSP, url)
  }
  const init = (await app.inject({ url: '/docs/static/swagger-initializer.js' })).body
  for (const setting of ['"docExpansion":"list"', '"deepLinking":true', '"tagsSorter":"alpha"', '"layout":"BaseLayout"']) t.match(init, setting)
  t.equal((await app.inject({ url: '/docs/static/nope.js' })).statusCode, 404)
})

t.test('/docs/json and /docs/yaml are the committed openapi.yaml, grouped by the vendor tags', async t => {
  const app = await build(t)
  const committed = readFileSync(OPENAPI_PATH, 'utf8')
  const json = await app.inject({ url: '/docs/json' })
  t.equal(json.statusCode, 200)
  t.same(json.json(), parse(committed))
  const yaml = await app.inject({ url: '/docs/yaml' })
  t.equal(yaml.statusCode, 200)
  t.match(yaml.headers['content-type'], /^application\/x-yaml/)
  t.equal(yaml.body, committed, 'byte for byte, without YAML aliases')
  const doc = json.json()
  t.same(doc.tags.map((tag: { name: string }) => tag.name), ['eva-dashboard', 'eva-auth', 'kore', 'chatbotcom'])
  t.notOk(Object.keys(doc.paths).some(p => p.startsWith('/docs')), 'the docs routes are not in the spec')
  const tags = new Set(Object.values(doc.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap(ops => Object.values(ops).flatMap(op => op.tags ?? [])))
  t.same([...tags].sort(), ['chatbotcom', 'eva-auth', 'eva-dashboard', 'kore'], 'every operation sits under a vendor tag')
})

t.test('SANDBOX_DOCS=false: no /docs', async t => {
  const app = await build(t, { config: { docs: false } })
  for (const url of ['/docs', '/docs/json', '/docs/static/swagger-ui.css']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 404, url)
  }
})
