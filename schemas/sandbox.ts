/** Control-plane models (/__sandbox/*). Hidden from openapi.yaml: they are not a vendor's API. */
import { Type, type Static } from '@sinclair/typebox'

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

export const LatencySchema = Type.Union([
  Type.Object({ kind: Type.Literal('fixed'), ms: Type.Number({ minimum: 0, maximum: 60000 }) }),
  Type.Object({ kind: Type.Literal('uniform'), min: Type.Number({ minimum: 0, maximum: 60000 }), max: Type.Number({ minimum: 0, maximum: 60000 }) }),
  Type.Object({ kind: Type.Literal('lognormal'), median: Type.Number({ minimum: 0, maximum: 60000 }), sigma: Type.Number({ minimum: 0, maximum: 5 }) })
])

export const FaultRuleSchema = Type.Object({
  vendor: Type.Optional(Type.Union([Type.Literal('eva'), Type.Literal('kore'), Type.Literal('chatbotcom')])),
  route: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'Path glob: * one segment, ** any' })),
  method: Type.Optional(Type.String({ maxLength: 10 })),
  bot: Type.Optional(Type.String({ maxLength: 100, description: 'Bot id as the vendor shows it' })),
  latency: Type.Optional(LatencySchema),
  status: Type.Optional(Type.Integer({ minimum: 400, maximum: 599 })),
  retryAfter: Type.Optional(Type.Integer({ minimum: 0, maximum: 86400 })),
  drop: Type.Optional(Type.Boolean()),
  probability: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  count: Type.Optional(Type.Integer({ minimum: 1 }))
}, { additionalProperties: false })

export type FaultRule = Static<typeof FaultRuleSchema>

export const FaultsBodySchema = Type.Object({
  seed: Type.Optional(Type.Integer()),
  rules: Type.Array(FaultRuleSchema, { maxItems: 100 })
})

export const ClockBodySchema = Type.Object({
  now: Type.Optional(Type.String({ maxLength: 40 })),
  advance: Type.Optional(Type.String({ maxLength: 40, description: 'ISO-8601 duration, e.g. PT2H or P1DT30M' })),
  frozen: Type.Optional(Type.Boolean())
}, { additionalProperties: false })

export const ClockSchema = Type.Object({
  now: Type.String(),
  frozen: Type.Boolean(),
  offsetMs: Type.Number()
})

export const RateLimitsSchema = Type.Object({
  kore: Type.Boolean({ description: 'Kore documents 60/min and 1800/hour; the other vendors document none' })
}, { additionalProperties: false })

export const RequestsQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 10000, default: 100 }),
  vendor: Type.Optional(Type.String({ maxLength: 20 })),
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 }))
})

export const CeilingQuerySchema = Type.Object({
  bytes: Type.Integer({ minimum: 100, maximum: 5_000_000, default: 20_000 })
})
