/** Control-plane models (/__sandbox/*). Hidden from openapi.yaml: they are not a vendor's API. */
import { Type } from '@sinclair/typebox'

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  seed: Type.Integer(),
  scenario: Type.String(),
  anchor: Type.String(),
  dataVersion: Type.Integer({ description: 'Bumped by every write (reports, resets)' })
})

export const EvaTenantsSchema = Type.Object({
  realm: Type.String({ description: 'Default realm (the first organisation); each bot lists its own' }),
  tokenUrl: Type.String(),
  users: Type.Array(Type.Object({
    username: Type.String(),
    password: Type.String(),
    realm: Type.String(),
    botUUIDs: Type.Array(Type.String())
  })),
  bots: Type.Array(Type.Object({
    orgUUID: Type.String(),
    envUUID: Type.String(),
    botUUID: Type.String(),
    realm: Type.String(),
    name: Type.String(),
    channels: Type.Array(Type.Object({ uuid: Type.String(), name: Type.String() }))
  }))
})

export const KoreTenantsSchema = Type.Object({
  apps: Type.Array(Type.Object({
    clientId: Type.String(),
    clientSecret: Type.String(),
    kind: Type.Union([Type.Literal('builder'), Type.Literal('admin')]),
    botIds: Type.Array(Type.String()),
    scopes: Type.Array(Type.String()),
    sampleJwt: Type.String({ description: 'HS256 {appId, sub, iat}, no expiry' })
  })),
  bots: Type.Array(Type.Object({
    botId: Type.String(),
    name: Type.String(),
    dashboards: Type.Array(Type.Object({ name: Type.String(), widgets: Type.Array(Type.String()) })),
    userIds: Type.Array(Type.String(), { description: 'A sample of end users with conversations' })
  }))
})

export const ChatbotTenantsSchema = Type.Object({
  accounts: Type.Array(Type.Object({
    name: Type.String(),
    developerToken: Type.String({ description: 'Reads the reports' }),
    clientToken: Type.String({ description: 'Refused by the reports (it is for /query only)' }),
    stories: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }))
  }))
})

export const TenantsSchema = Type.Object({
  eva: EvaTenantsSchema,
  kore: KoreTenantsSchema,
  chatbotcom: ChatbotTenantsSchema
}, { additionalProperties: true })

export const SandboxErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String()
})
