/** The seeded catalogue (tenants, bots, channels, intents, flows, answers), loaded once into memory. */
import type Database from 'better-sqlite3'

export interface OrgRow { id: number, vendor: string, extId: string, name: string }
export interface EnvRow { id: number, orgId: number, extId: string, name: string }
export interface BotRow {
  id: number
  vendor: string
  orgId: number
  envId: number
  extId: string
  name: string
  homeTz: string
  language: string
  threshold: number
}
export interface ChannelTypeRow { id: number, vendor: string, name: string, image: string, classId: number, className: string }
export interface ChannelRow { id: number, botId: number, typeId: number, extId: string, name: string, description: string }
export interface IntentRow {
  id: number
  botId: number
  extId: string
  name: string
  kind: 'intent' | 'welcome' | 'fallback' | 'contextFallback'
  parentId: number | null
  flowId: number | null
  nlpType: 'INTENT' | 'DOCUMENT' | 'QUESTION'
}
export interface FlowRow { id: number, botId: number, name: string }
export interface AnswerRow { id: number, botId: number, intentId: number, name: string, text: string, type: string, buttons: Array<{ name: string, value: string, action: string }> }

const ORGS = 'SELECT id, vendor, ext_id AS extId, name FROM orgs ORDER BY id'
const ENVS = 'SELECT id, org_id AS orgId, ext_id AS extId, name FROM envs ORDER BY id'
const BOTS = `SELECT id, vendor, org_id AS orgId, env_id AS envId, ext_id AS extId, name, home_tz AS homeTz,
  language, threshold FROM bots ORDER BY id`
const CHANNEL_TYPES = 'SELECT id, vendor, name, image, class_id AS classId, class_name AS className FROM channel_types ORDER BY id'
const CHANNELS = 'SELECT id, bot_id AS botId, type_id AS typeId, ext_id AS extId, name, description FROM channels ORDER BY id'
const INTENTS = `SELECT id, bot_id AS botId, ext_id AS extId, name, kind, parent_id AS parentId, flow_id AS flowId,
  nlp_type AS nlpType FROM intents ORDER BY id`
const FLOWS = 'SELECT id, bot_id AS botId, name FROM flows ORDER BY id'
const ANSWERS = 'SELECT id, bot_id AS botId, intent_id AS intentId, name, text, type, buttons FROM answers ORDER BY id'

function byId<T extends { id: number }> (rows: T[]): Map<number, T> {
  return new Map(rows.map(r => [r.id, r]))
}

function groupBy<T> (rows: T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const r of rows) {
    const k = key(r)
    const list = out.get(k)
    if (list === undefined) out.set(k, [r])
    else list.push(r)
  }
  return out
}

/**
 * The catalogue is a few hundred rows that never change at run time, and every request
 * needs it (channel objects, intent names): one read at start beats a join per row.
 */
export function loadCatalog (db: Database.Database) {
  const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[]
  const orgs = byId(all<OrgRow>(ORGS))
  const envs = byId(all<EnvRow>(ENVS))
  const bots = byId(all<BotRow>(BOTS))
  const channelTypes = byId(all<ChannelTypeRow>(CHANNEL_TYPES))
  const channelList = all<ChannelRow>(CHANNELS)
  const channels = byId(channelList)
  const intents = byId(all<IntentRow>(INTENTS))
  const flows = byId(all<FlowRow>(FLOWS))
  const answerRows = all<Omit<AnswerRow, 'buttons'> & { buttons: string }>(ANSWERS)
  const answers = new Map<number, AnswerRow>(answerRows.map(a => [a.id, { ...a, buttons: JSON.parse(a.buttons) }]))
  const channelsByBot = groupBy(channelList, c => c.botId)
  const intentsByBot = groupBy([...intents.values()], i => i.botId)
  const flowsByBot = groupBy([...flows.values()], f => f.botId)
  const botsByExt = new Map([...bots.values()].map(b => [`${b.vendor}|${b.extId}`, b]))

  return {
    orgs,
    envs,
    bots,
    channelTypes,
    channels,
    intents,
    flows,
    answers,
    botByExtId (vendor: string, extId: string): BotRow | undefined {
      return botsByExt.get(`${vendor}|${extId}`)
    },
    botsOf (vendor: string): BotRow[] {
      return [...bots.values()].filter(b => b.vendor === vendor)
    },
    channelsOf (botId: number): ChannelRow[] {
      return channelsByBot.get(botId) ?? []
    },
    intentsOf (botId: number): IntentRow[] {
      return intentsByBot.get(botId) ?? []
    },
    flowsOf (botId: number): FlowRow[] {
      return flowsByBot.get(botId) ?? []
    }
  }
}

export type Catalog = ReturnType<typeof loadCatalog>
