/** E17: the Keycloak token endpoint (password and refresh grants), with Keycloak's error bodies. */
import type { FastifyError } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import formbody from '@fastify/formbody'
import { statusOf, UnauthorizedError } from '../../src/errors.js'
import type { EvaTokens } from '../../src/auth/eva-tokens.js'
import { verifySecret } from '../../seeds/tenants.js'
import { ref } from '../../schemas/common.js'
import { KeycloakErrorSchema, KeycloakTokenFormSchema, KeycloakTokenSchema } from '../../schemas/eva/auth.js'

const CLIENTS = new Set(['eva-cockpit', 'eva-api'])

function keycloakError (status: number, error: string, description: string) {
  return Object.assign(new Error(description), { statusCode: status, keycloak: { error, error_description: description } })
}

const plugin: FastifyPluginAsyncTypebox<{ tokens: EvaTokens }> = async (app, opts) => {
  const { catalog, principals } = app.repos
  await app.register(formbody)

  app.setErrorHandler((err: FastifyError, _request, reply) => {
    const kc = (err as { keycloak?: { error: string, error_description: string } }).keycloak
    if (kc !== undefined) return reply.code(statusOf(err)).send(kc)
    const status = err.validation !== undefined ? 400 : statusOf(err)
    if (status === 415) return reply.code(400).send({ error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' })
    return reply.code(status >= 500 ? 500 : 400).send({ error: status >= 500 ? 'server_error' : 'invalid_request', error_description: status >= 500 ? 'Internal Server Error' : err.message })
  })

  app.setNotFoundHandler((request, reply) => {
    const allowed = app.allowedMethods(request.url.split('?')[0])
    if (allowed.length > 0) return reply.code(405).header('allow', allowed.join(', ')).send({ error: 'invalid_request', error_description: 'HTTP 405 Method Not Allowed' })
    return reply.code(404).send({ error: 'not_found', error_description: 'HTTP 404 Not Found' })
  })

  app.post('/:realm/protocol/openid-connect/token', {
    schema: {
      tags: ['eva-auth'],
      operationId: 'evaToken',
      summary: 'Get a Keycloak user token (password or refresh_token grant)',
      consumes: ['application/x-www-form-urlencoded'],
      params: Type.Object({ realm: Type.String({ maxLength: 100 }) }),
      body: KeycloakTokenFormSchema,
      response: { 200: ref(KeycloakTokenSchema), 400: ref(KeycloakErrorSchema), 401: ref(KeycloakErrorSchema) }
    }
  }, async (request) => {
    const { realm } = request.params
    const form = request.body ?? {}
    const org = [...catalog.orgs.values()].find(o => o.vendor === 'eva' && o.name === realm)
    if (org === undefined) throw keycloakError(400, 'invalid_request', 'Realm does not exist')
    if (form.grant_type === undefined) throw keycloakError(400, 'invalid_request', 'Missing form parameter: grant_type')
    if (form.client_id === undefined || !CLIENTS.has(form.client_id)) throw keycloakError(401, 'invalid_client', 'Invalid client credentials')
    const issuer = `${request.protocol}://${request.host}/auth/realms/${realm}`
    if (form.grant_type === 'password') {
      if (form.username === undefined || form.password === undefined) throw keycloakError(400, 'invalid_request', 'Missing parameter: username or password')
      const p = principals.find('eva', form.username)
      if (p === undefined || p.orgId !== org.id || !verifySecret(form.password, p.secretHash)) {
        throw keycloakError(401, 'invalid_grant', 'Invalid user credentials')
      }
      return opts.tokens.issue(p.login, form.client_id, issuer)
    }
    if (form.grant_type === 'refresh_token') {
      if (form.refresh_token === undefined) throw keycloakError(400, 'invalid_request', 'Missing parameter: refresh_token')
      let claims
      try {
        claims = opts.tokens.verify(form.refresh_token, 'Refresh')
      } catch (err) {
        if (err instanceof UnauthorizedError) throw keycloakError(400, 'invalid_grant', 'Invalid refresh token')
        throw err
      }
      if (!claims.iss.endsWith(`/auth/realms/${realm}`)) throw keycloakError(400, 'invalid_grant', 'Invalid refresh token')
      return opts.tokens.issue(claims.preferred_username, form.client_id, issuer)
    }
    throw keycloakError(400, 'unsupported_grant_type', 'Unsupported grant_type')
  })
}

export default plugin
