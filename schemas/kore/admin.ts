/** Kore admin models (K3, K4, K13–K16, K18, K19): user roles, publish, upload, import, erase. JSON casing as Kore sends it. */
import { Type } from '@sinclair/typebox'
import { ref } from '../common.js'

const Iso = (description: string) => Type.String({ description: `${description} (ISO-8601 UTC)` })
export const HEX24 = '^[0-9a-fA-F]{24}$'

// ---- K13 user roles -------------------------------------------------------------------

export const KoreUserRolesQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50, description: 'Users per page; default 50, at most 100 [I]' })),
  skip: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Users to skip [I]; `offset` is an alias' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Alias of skip [I]' }))
})

export const KoreBotRoleSchema = Type.Object({
  roleId: Type.String({ description: '24-hex role id' }),
  roleName: Type.String({ description: 'Bot Owner, Bot Developer, Bot Tester …' }),
  groups: Type.Array(Type.String()),
  botId: Type.String({ description: 'st-… of the bot' }),
  botName: Type.String()
}, { $id: 'KoreBotRole' })

export const KoreAdminRoleSchema = Type.Object({
  roleId: Type.String(),
  roleName: Type.String({ description: 'Master Admin or a custom admin role' }),
  groups: Type.Array(Type.String())
}, { $id: 'KoreAdminRole', description: 'Shape undocumented; modelled on btRoles [I]' })

export const KoreAccountUserSchema = Type.Object({
  username: Type.String({ description: 'e-mail' }),
  orgUserId: Type.String({ description: 'Org-assigned user id' }),
  accountId: Type.String({ description: '24-hex account id' }),
  isDeveloper: Type.Boolean(),
  canCreateBot: Type.Boolean(),
  userId: Type.String({ description: 'u-…' }),
  btRoles: Type.Array(ref(KoreBotRoleSchema)),
  adminRoles: Type.Array(ref(KoreAdminRoleSchema))
}, { $id: 'KoreAccountUser' })

export const KoreUserRolesSchema = Type.Object({
  total: Type.Integer(),
  availableMore: Type.Boolean({ description: 'Note: availableMore, not moreAvailable' }),
  users: Type.Array(ref(KoreAccountUserSchema))
}, { $id: 'KoreUserRoles', description: 'Get User Roles Details (kore.md §6)' })

// ---- K14 publish, K19 publish status ---------------------------------------------------

export const KorePublishBodySchema = Type.Object({
  versionComment: Type.String({ maxLength: 1000, description: 'Required; a missing or blank comment (or an empty body) is 412' }),
  initiateTraining: Type.Optional(Type.Boolean({ description: 'Default true; false skips NL training' }))
})

export const KorePublishEntrySchema = Type.Object({
  resourceType: Type.String({ description: 'dialog, NL, CHANNELS, EXTENSIONS or SETTINGS' }),
  resourceId: Type.Optional(Type.String({ description: 'dg-… (dialog entries)' })),
  sbResourceId: Type.Optional(Type.String()),
  status: Type.String({ description: 'SUCCESS' }),
  result: Type.Object({
    state: Type.Optional(Type.String({ description: 'awaitingApproval (dialogs)' })),
    approvalRequestedLanguages: Type.Optional(Type.Array(Type.String())),
    versionComment: Type.Optional(Type.String()),
    publishedOn: Type.Optional(Iso('When the publish was requested')),
    resourceId: Type.Optional(Type.String()),
    resourceType: Type.Optional(Type.String()),
    modules: Type.Optional(Type.Array(Type.String())),
    name: Type.String()
  })
}, { $id: 'KorePublishEntry' })

export const KorePublishResultSchema = Type.Array(ref(KorePublishEntrySchema), {
  $id: 'KorePublishResult', description: 'A bare array, one entry per published resource (kore.md §7)'
})

export const KorePublishSummarySchema = Type.Object({
  resourceId: Type.String(),
  resourceType: Type.String(),
  name: Type.String(),
  modules: Type.Optional(Type.Array(Type.String())),
  status: Type.String({ description: 'SUCCESS, or INPROGRESS while the publish runs [I]' })
}, { $id: 'KorePublishSummary' })

export const KorePublishStatusSchema = Type.Object({
  _id: Type.String({ description: 'ds-…' }),
  action: Type.Literal('RUN'),
  jobType: Type.Literal('PUBLISH_BOT'),
  streamId: Type.String(),
  __v: Type.Integer(),
  countOfDockStatuses: Type.Integer(),
  createdBy: Type.String({ description: 'u-… of the account owner [I]' }),
  percentageComplete: Type.Integer({ minimum: 0, maximum: 100 }),
  requestedTime: Iso('When the publish was requested'),
  status: Type.String({ description: 'inprogress, then successful (failed is documented but never produced)' }),
  lastModifiedOn: Iso('Last change'),
  initiatedOn: Iso('When the publish started'),
  statusSummary: Type.Array(ref(KorePublishSummarySchema))
}, { $id: 'KorePublishStatus', description: 'Bot Publish Status, a dock-status document (kore.md §13)' })

// ---- K18 upload, K16 import, K15 import status -----------------------------------------

export const KoreUploadResultSchema = Type.Object({
  fileId: Type.String({ pattern: HEX24, description: '24-hex, used as botDefinition/configInfo/botFunctions[] in import' }),
  hash: Type.String({ description: 'SHA-1 of the content (40 hex)' }),
  fileName: Type.String({ description: 'f-…, the stored name' })
}, { $id: 'KoreUploadResult', description: 'Upload File (kore.md §13)' })

const Names = (values: string[], description: string) => Type.Optional(Type.Array(Type.Union(values.map(v => Type.Literal(v))), { maxItems: 20, description }))

export const KoreImportBodySchema = Type.Object({
  botDefinition: Type.String({ maxLength: 100, description: 'fileId of botDefinition.json' }),
  configInfo: Type.String({ maxLength: 100, description: 'fileId of config.json' }),
  botFunctions: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20, description: 'fileIds of bot function files' })),
  importOptions: Type.Optional(Type.Object({
    tasks: Names(['botTask', 'knowledgeGraph', 'smallTalk', 'forms'], 'Task components'),
    nlpData: Names(['nlpSettings', 'utterances', 'patterns', 'standardResponses', 'training_data', 'bot_synonyms', 'defaultDialog'], 'NLP components'),
    settings: Names(['botSettings', 'botVariables', 'ivrSettings', 'genAIandLLMSettings'], 'Settings components'),
    botComponents: Names(['linkedBots', 'smallTalk'], 'Universal bot components'),
    options: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'Incremental mode: utterances/patterns append or replace' })),
    storyBoardScenes: Type.Optional(Type.Object({}, { additionalProperties: true })),
    customDashboard: Type.Optional(Type.Boolean())
  }, { description: 'Without it (or with nothing selected) everything is imported' })),
  options: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'Top-level form of importOptions.options' }))
})

export const KoreImportLogSchema = Type.Object({
  taskType: Type.String({ description: 'importRequest, Bot Definition, Dialog, … importBot (note the spelling Utterences)' }),
  taskName: Type.String(),
  status: Type.String({ description: 'success, or the failure status' }),
  message: Type.Optional(Type.String({ description: 'Why a step failed [I]' }))
}, { $id: 'KoreImportLog' })

export const KoreImportRequestSchema = Type.Object({
  streamRefId: Type.String(),
  statusLogs: Type.Array(ref(KoreImportLogSchema)),
  createdBy: Type.String(),
  requestType: Type.Literal('Botimport'),
  _id: Type.String({ description: 'bir-…' }),
  status: Type.String({ description: 'pending' }),
  createdOn: Iso('When the import was requested'),
  __v: Type.Integer()
}, { $id: 'KoreImportRequest', description: 'Import Bot into an Existing Bot (kore.md §9)' })

export const KoreImportStatusSchema = Type.Object({
  _id: Type.String({ description: 'bir-…' }),
  status: Type.String({ description: 'pending, success, or the configured failure status (failed)' }),
  streamRefId: Type.String(),
  statusLogs: Type.Array(ref(KoreImportLogSchema)),
  createdBy: Type.String(),
  requestType: Type.Literal('Botimport'),
  createdOn: Iso('When the import was requested'),
  __v: Type.Integer(),
  streamId: Type.String()
}, { $id: 'KoreImportStatus', description: 'Bot Import Status (kore.md §8)' })

// ---- K3 erase, K4 erase status -------------------------------------------------------

export const KoreEraseBodySchema = Type.Object({
  userIds: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 1000, description: 'Kore user ids (u-…)' }),
  botIds: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100, description: 'Required unless RemoveDataFromAllBots' })),
  RemoveDataFromAllBots: Type.Optional(Type.Boolean({ description: 'true: every bot of the account' }))
})

export const KoreEraseAcceptedSchema = Type.Object({
  requestId: Type.String({ description: 'eud-…' }),
  status: Type.Literal('in-progress')
}, { $id: 'KoreEraseAccepted', description: 'Delete Customer Data (kore.md §2a)' })

export const KoreEraseUserStatusSchema = Type.Object({
  userId: Type.String(),
  status: Type.Union([Type.Literal('IN_PROGRESS'), Type.Literal('SUCCESS'), Type.Literal('FAILED')], { description: 'Only SUCCESS is documented; IN_PROGRESS and FAILED are [I]' }),
  reason: Type.Optional(Type.String({ description: 'Why a user was not erased (account members) [I]' }))
}, { $id: 'KoreEraseUserStatus' })

export const KoreEraseStatusSchema = Type.Object({
  _id: Type.String({ description: 'The requestId' }),
  createdOn: Iso('When the request was made'),
  lastUpdatedOn: Iso('Last change'),
  RemoveDataFromAllBots: Type.Boolean(),
  response: Type.Array(ref(KoreEraseUserStatusSchema))
}, { $id: 'KoreEraseStatus', description: 'Delete Customer Data Status (kore.md §2b)' })
