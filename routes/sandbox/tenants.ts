/** GET /__sandbox/tenants: what a client needs to call each vendor (credentials, ids, ready tokens). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sampleKoreJwt } from '../../src/auth/kore-jwt.js'
import { secretFor } from '../../seeds/tenants.js'
import { TenantsSchema } from '../../schemas/sandbox.js'

const plugin: FastifyPluginAsyncTypebox = async (app) => {
  const { catalog, principals } = app.repos
  const { config } = app

  app.get('/tenants', { schema: { hide: true, response: { 200: TenantsSchema } } }, async (request) => {
    const base = `${request.protocol}://${request.host}`
    const realmOf = (orgId: number): string => catalog.orgs.get(orgId)?.name ?? ''
    const evaBots = catalog.botsOf('eva')
    const users = principals.all('eva').map(p => ({
      username: p.login,
      password: secretFor(config.seed, 'eva', p.login),
      realm: realmOf(p.orgId),
      botUUIDs: p.botIds.map(id => catalog.bots.get(id)?.extId ?? '')
    }))
    const firstRealm = evaBots.length > 0 ? realmOf(evaBots[0].orgId) : ''
    return {
      chatbotcom: chatbotTenants(),
      kore: koreTenants(),
      eva: {
        realm: firstRealm,
        tokenUrl: `${base}/auth/realms/${firstRealm}/protocol/openid-connect/token`,
        users,
        bots: evaBots.map(b => ({
          orgUUID: catalog.orgs.get(b.orgId)?.extId ?? '',
          envUUID: catalog.envs.get(b.envId)?.extId ?? '',
          botUUID: b.extId,
          realm: realmOf(b.orgId),
          name: b.name,
          channels: catalog.channelsOf(b.id).map(c => ({ uuid: c.extId, name: c.name }))
        }))
      }
    }
  })

  const dashboardsOf = app.db.prepare<[number], { dashboard: string, widget: string | null }>(`SELECT d.name AS dashboard, w.name AS widget
    FROM dashboards d LEFT JOIN widgets w ON w.dashboard_id = d.id WHERE d.bot_id = ? ORDER BY d.id, w.id`)
  const sampleUsers = app.db.prepare<[number], { extId: string }>(`SELECT u.ext_id AS extId FROM users u
    WHERE u.bot_id = ? AND EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id) ORDER BY u.id LIMIT 10`)
  const issuedAt = Math.floor(Date.parse(`${config.anchor}T00:00:00Z`) / 1000)

  function koreTenants () {
    return {
      apps: principals.all('kore').map(p => ({
        clientId: p.login,
        clientSecret: secretFor(config.seed, 'kore', p.login),
        kind: p.kind as 'builder' | 'admin',
        botIds: p.botIds.map(id => catalog.bots.get(id)?.extId ?? ''),
        scopes: p.scopes,
        sampleJwt: sampleKoreJwt(config.seed, p.login, issuedAt)
      })),
      bots: catalog.botsOf('kore').map(b => {
        const dashboards = new Map<string, string[]>()
        for (const row of dashboardsOf.all(b.id)) {
          const list = dashboards.get(row.dashboard) ?? []
          if (row.widget !== null) list.push(row.widget)
          dashboards.set(row.dashboard, list)
        }
        return {
          botId: b.extId,
          name: b.name,
          dashboards: [...dashboards].map(([name, widgets]) => ({ name, widgets })),
          userIds: sampleUsers.all(b.id).map(u => u.extId)
        }
      })
    }
  }

  function chatbotTenants () {
    const byOrg = new Map<number, { developerToken: string, clientToken: string, botIds: number[] }>()
    for (const p of principals.all('chatbotcom')) {
      const entry = byOrg.get(p.orgId) ?? { developerToken: '', clientToken: '', botIds: p.botIds }
      if (p.kind === 'developer') entry.developerToken = p.login
      else entry.clientToken = p.login
      byOrg.set(p.orgId, entry)
    }
    return {
      accounts: [...byOrg].map(([orgId, a]) => ({
        name: catalog.orgs.get(orgId)?.name ?? '',
        developerToken: a.developerToken,
        clientToken: a.clientToken,
        stories: a.botIds.map(id => ({ id: catalog.bots.get(id)?.extId ?? '', name: catalog.bots.get(id)?.name ?? '' }))
      }))
    }
  }
}

export default plugin
