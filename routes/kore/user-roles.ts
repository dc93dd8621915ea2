/** K13 Get User Roles Details: the account's people and their bot and admin roles, paged. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { createKoreAdminRepository } from '../../src/db/kore-admin.repo.js'
import { ref } from '../../schemas/common.js'
import { KoreUserRolesQuerySchema, KoreUserRolesSchema } from '../../schemas/kore/admin.js'
import { koreAppOf } from './access.js'
import { koreErrors } from './errors.js'

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const repo = createKoreAdminRepository(app.db)

  app.get('/public/alluserroles', {
    config: { kore: { apps: ['admin'], scope: 'Role Management', rateKey: 'account' } },
    schema: {
      tags: ['kore'],
      operationId: 'koreGetUserRoles',
      summary: 'All people of the account with their bot roles and admin roles (Admin Console apps only)',
      querystring: KoreUserRolesQuerySchema,
      response: { 200: ref(KoreUserRolesSchema), ...koreErrors(400, 401, 429) }
    }
  }, async (request) => {
    const { orgId } = koreAppOf(request)
    const limit = request.query.limit ?? 50
    const skip = request.query.skip ?? request.query.offset ?? 0
    const { total, users } = repo.users(orgId, limit, skip)
    return { total, availableMore: skip + users.length < total, users }
  })
}

export default plugin
