/** OpenAPI 3.1 from the route schemas, with models named by their $id. */
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'

export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'chatbot-analytics-sandbox',
        description: 'Seeded, deterministic imitation of the analytics APIs of NTT DATA eva, Kore.ai XO and ChatBot.com.',
        version: '0.1.0'
      },
      tags: [
        { name: 'eva-dashboard', description: 'NTT DATA eva (Syntphony CAI) Dashboard API' },
        { name: 'eva-auth', description: 'eva Keycloak token endpoint and channel list' },
        { name: 'kore', description: 'Kore.ai XO public APIs' },
        { name: 'chatbotcom', description: 'ChatBot.com Reports API' }
      ],
      components: {
        securitySchemes: {
          evaBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Keycloak access token from the token endpoint' },
          koreJwt: { type: 'apiKey', in: 'header', name: 'auth', description: 'HS256 JWT signed with the app client secret, client id in appId or iss' },
          chatbotBearer: { type: 'http', scheme: 'bearer', description: 'ChatBot.com developer access token' }
        }
      }
    },
    // components carry model names instead of def-0, def-1 …
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) }
  })
}, { name: 'swagger', dependencies: ['schemas'] })
