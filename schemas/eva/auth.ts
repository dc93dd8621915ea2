/** Keycloak token endpoint (E17) and the channel list (E18). snake_case as Keycloak sends it. */
import { Type } from '@sinclair/typebox'
import { ref } from '../common.js'
import { EvaChannelClassificationSchema } from './common.js'

export const KeycloakTokenFormSchema = Type.Object({
  grant_type: Type.Optional(Type.String({ maxLength: 100 })),
  client_id: Type.Optional(Type.String({ maxLength: 200 })),
  username: Type.Optional(Type.String({ maxLength: 200 })),
  password: Type.Optional(Type.String({ maxLength: 500 })),
  refresh_token: Type.Optional(Type.String({ maxLength: 8000 }))
})

export const KeycloakTokenSchema = Type.Object({
  access_token: Type.String(),
  expires_in: Type.Integer({ description: 'Seconds' }),
  refresh_expires_in: Type.Integer({ description: 'Seconds' }),
  refresh_token: Type.String(),
  token_type: Type.String(),
  'not-before-policy': Type.Integer(),
  session_state: Type.String(),
  scope: Type.String()
}, { $id: 'KeycloakToken' })

export const KeycloakErrorSchema = Type.Object({
  error: Type.String(),
  error_description: Type.String()
}, { $id: 'KeycloakError' })

export const EvaChannelsFromTypeSchema = Type.Object({
  uuid: Type.String(),
  name: Type.String()
}, { $id: 'EvaChannelsFromType' })

export const EvaChannelTypeGroupSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  image: Type.String(),
  channelClassification: ref(EvaChannelClassificationSchema),
  channelsFromType: Type.Array(ref(EvaChannelsFromTypeSchema))
}, { $id: 'EvaChannelTypeGroup' })

export const EvaChannelsDashboardSchema = Type.Array(ref(EvaChannelTypeGroupSchema), { $id: 'EvaChannelsDashboard' })
