/** ChatBot.com report aggregations: conversations per UTC bucket, weekday × hour, and interaction triggers. */
import type Database from 'better-sqlite3'
import { bucketStartSql, type UtcDimension } from '../engine/utc-buckets.js'
import { createStatementCache } from './statements.js'

/** Stories (bots) and channels (story × source) a report covers; an inclusive UTC-ms range. */
export interface ReportScope { botIds: number[], channelIds: number[], from: number, to: number }

export interface BucketRow { bucket: number, botId: number, channelId: number, conversations: number, paid: number, messages: number }

const SCOPE_SQL = 'bot_id IN (SELECT value FROM json_each(@bots)) AND channel_id IN (SELECT value FROM json_each(@channels))'

function bind (s: ReportScope): Record<string, unknown> {
  return { bots: JSON.stringify(s.botIds), channels: JSON.stringify(s.channelIds), from: s.from, to: s.to }
}

export function createChatbotcomRepository (db: Database.Database) {
  const stmt = createStatementCache(db)
  const heatmap = db.prepare(`SELECT (((started_ms + @offset) / 86400000) + 4) % 7 AS weekday,
    ((started_ms + @offset) / 3600000) % 24 AS hour, COUNT(*) AS value
    FROM sessions WHERE ${SCOPE_SQL} AND started_ms BETWEEN @from AND @to GROUP BY weekday, hour`)
  const triggers = db.prepare(`SELECT answer_id AS answerId, COUNT(*) AS value FROM messages
    WHERE bot_id IN (SELECT value FROM json_each(@bots)) AND direction = 1 AND ts_ms BETWEEN @from AND @to
    AND answer_id IS NOT NULL GROUP BY answer_id`)

  return {
    /**
     * Per bucket, story and channel: conversations, paid conversations and their messages.
     * Messages are counted with the conversation they belong to (by its start), so a
     * bucket never has fewer messages than conversations.
     */
    byBucket (dim: UtcDimension, s: ReportScope): BucketRow[] {
      return stmt(`bucket|${dim}`, () => `SELECT ${bucketStartSql(dim, 'started_ms')} AS bucket, bot_id AS botId,
        channel_id AS channelId, COUNT(*) AS conversations, SUM(paid) AS paid, SUM(user_msgs + bot_msgs) AS messages
        FROM sessions WHERE ${SCOPE_SQL} AND started_ms BETWEEN @from AND @to
        GROUP BY bucket, bot_id, channel_id`).all(bind(s)) as BucketRow[]
    },

    /** Conversations per weekday (0 = Sunday) and hour of `started_ms + offsetMs`. */
    heatmap (s: ReportScope, offsetMs: number): Array<{ weekday: number, hour: number, value: number }> {
      return heatmap.all({ ...bind(s), offset: offsetMs }) as Array<{ weekday: number, hour: number, value: number }>
    },

    /** Bot answers given in the range, per answer (each answer belongs to one interaction). */
    triggers (s: ReportScope): Array<{ answerId: number, value: number }> {
      return triggers.all(bind(s)) as Array<{ answerId: number, value: number }>
    }
  }
}

export type ChatbotcomRepository = ReturnType<typeof createChatbotcomRepository>
