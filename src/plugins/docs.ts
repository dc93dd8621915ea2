/** Interactive API docs (Swagger UI) at /docs, from the same document as openapi.yaml, grouped by vendor tag. */
import fp from 'fastify-plugin'
import swaggerUi from '@fastify/swagger-ui'
import { openapiYaml } from '../openapi-yaml.js'

export const DOCS_PREFIX = '/docs'

/**
 * The security-headers plugin denies everything to pages that set no policy. Swagger UI needs
 * its own scripts and styles (served under /docs/static), the data: images of its CSS, and
 * fetch to this origin for the spec and "Try it out"; nothing from elsewhere, and no inline
 * script or style (checked in Chromium: the page renders, "Try it out" and deep links work,
 * and no violation is reported with the BaseLayout below).
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'"
].join('; ')

export default fp(async (app) => {
  if (!app.config.docs) return
  // The spec is fixed once the routes are: render the YAML once, on first request.
  let yaml: string | undefined
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    theme: { title: 'chatbot-analytics-sandbox API' },
    uiConfig: {
      // no top bar: its default logo is an SVG with an inline <style>, which the CSP blocks
      layout: 'BaseLayout',
      docExpansion: 'list',
      deepLinking: true,
      tagsSorter: 'alpha',
      filter: true,
      displayOperationId: true,
      persistAuthorization: true
    },
    staticCSP: DOCS_CSP,
    uiHooks: {
      // @fastify/swagger-ui's YAML repeats shared objects as anchors and aliases; this is
      // the same bytes as the committed openapi.yaml instead
      onRequest: (request, reply, done) => {
        if (request.routeOptions.url !== `${DOCS_PREFIX}/yaml`) return done()
        yaml ??= openapiYaml(app.swagger())
        reply.type('application/x-yaml').send(yaml)
      }
    }
  })
}, { name: 'docs', dependencies: ['swagger'] })
