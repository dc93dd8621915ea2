/** openapi.yaml is generated from the route schemas: stale or invalid documents fail here. */
import { readFileSync } from 'node:fs'
import t from 'tap'
import SwaggerParser from '@apidevtools/swagger-parser'
import { parse } from 'yaml'
import { OPENAPI_PATH, renderOpenapi } from '../src/openapi.js'

t.test('the committed openapi.yaml equals a fresh render (run npm run openapi)', async t => {
  const fresh = await renderOpenapi()
  t.equal(readFileSync(OPENAPI_PATH, 'utf8'), fresh)
})

t.test('the document is valid OpenAPI 3.1 with named components and every eva endpoint', async t => {
  const doc = parse(await renderOpenapi())
  t.equal(doc.openapi, '3.1.0')
  await t.resolves(SwaggerParser.validate(structuredClone(doc)))
  t.ok(doc.components.schemas.EvaConversationPage, 'components are named by $id')
  t.notOk(Object.keys(doc.components.schemas).some((k: string) => k.startsWith('def-')))
  const paths = Object.keys(doc.paths)
  const p = '/eva-dashboard/org/{orgUUID}/env/{envUUID}/bot/{botUUID}'
  for (const suffix of ['/dashboard/summary', '/messages/report_configurations', '/conversations/report_configurations',
    '/dashboard/conversations', '/dashboard/messages', '/dashboard/users', '/dashboard/accuracy', '/dashboard/stacking/intents',
    '/conversations/list', '/conversations/request_report', '/conversations/details', '/conversations/details/request_report',
    '/dashboard/stacking/flows', '/messages/list', '/messages/request_report', '/reports/list']) {
    t.ok(paths.includes(p + suffix), suffix)
  }
  t.ok(paths.includes('/auth/realms/{realm}/protocol/openid-connect/token'))
  t.ok(paths.includes('/eva-channel/org/{orgUUID}/env/{envUUID}/bot/{botUUID}/channels/dashboard'))
  t.notOk(paths.some((x: string) => x.startsWith('/__sandbox')), 'the control plane is not a vendor API')
  const ids = Object.values(doc.paths).flatMap((ops: unknown) => Object.values(ops as Record<string, { operationId?: string }>).map(o => o.operationId))
  t.equal(new Set(ids).size, ids.length, 'operationIds are unique')
})
