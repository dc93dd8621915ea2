/**
 * The browser console at `/`: static files from the top-level `console/` folder and
 * ECharts from node_modules (the sandbox runs offline, so no CDN). Hidden from the spec.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { FastifyPluginAsync } from 'fastify'
import fastifyStatic from '@fastify/static'
import { packageRoot } from '../cli/package-root.js'

/**
 * The security-headers plugin denies everything unless a route sets its own policy; the
 * console loads its own scripts and styles and calls the API on the same origin, nothing else.
 * ECharts sets element styles through the CSSOM, which style-src does not govern, and the
 * console's tooltips carry classes rather than style attributes, so no 'unsafe-inline'.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** The package's `console/` folder (the package root is found the same way from src/ and dist/src/). */
function consoleRoot (): string {
  const root = join(packageRoot(), 'console')
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html not found`)
  return root
}

/** Where the package manager put echarts (resolved, so hoisting does not matter). */
function echartsDist (): string {
  return dirname(createRequire(import.meta.url).resolve('echarts'))
}

// not wrapped in fastify-plugin: the CSP hook and sendFile stay inside this scope
const plugin: FastifyPluginAsync = async (app) => {
  const root = consoleRoot()
  const vendor = echartsDist()

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('content-security-policy', CONSOLE_CSP)
  })

  await app.register(fastifyStatic, {
    root,
    prefix: '/console/',
    index: false,
    // security-headers' no-store applies: the files change while a developer works on them
    cacheControl: false,
    schemaHide: true
  })

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.sendFile('index.html'))
  for (const path of ['/console', '/console/']) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) => reply.redirect('/'))
  }
  app.get('/console/vendor/echarts.min.js', { schema: { hide: true } }, async (_request, reply) => reply.sendFile('echarts.min.js', vendor))
}

export default plugin
