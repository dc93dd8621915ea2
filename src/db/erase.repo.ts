/** Really deletes end users of chosen bots with everything they produced: messages, entities, flows, sessions. */
import type Database from 'better-sqlite3'
import { createRollupWriter } from './rollups.js'

export interface EraseCounts { users: number, sessions: number, messages: number }

/**
 * The target users are matched by ext id (u-…) within the chosen bots, through the
 * UNIQUE (bot_id, ext_id) index; their rows are reached through sessions_by_user,
 * messages_by_session and the primary keys, children first (foreign keys are on).
 * Lists arrive as JSON arrays bound to one named parameter each (json_each), never
 * interpolated into the SQL.
 */
const TARGET = `WITH target AS (
  SELECT id FROM users
  WHERE bot_id IN (SELECT value FROM json_each(@botIds)) AND ext_id IN (SELECT value FROM json_each(@userIds))
), target_sessions AS (
  SELECT s.id FROM sessions s WHERE s.user_id IN (SELECT id FROM target)
)`

export function createEraseRepository (db: Database.Database) {
  const entities = db.prepare(`${TARGET}
    DELETE FROM message_entities WHERE message_id IN (
      SELECT m.id FROM messages m WHERE m.session_id IN (SELECT id FROM target_sessions))`)
  const messages = db.prepare(`${TARGET}
    DELETE FROM messages WHERE session_id IN (SELECT id FROM target_sessions)`)
  const flows = db.prepare(`${TARGET}
    DELETE FROM session_flows WHERE session_id IN (SELECT id FROM target_sessions)`)
  const sessions = db.prepare(`${TARGET}
    DELETE FROM sessions WHERE id IN (SELECT id FROM target_sessions)`)
  const users = db.prepare(`${TARGET}
    DELETE FROM users WHERE id IN (SELECT id FROM target)`)
  // the UTC days whose rollups the deletes change (a conversation's messages may run into
  // the next day), read before the rows are gone
  const touchedDays = db.prepare(`${TARGET}
    SELECT bot_id, started_ms / 86400000 FROM sessions WHERE id IN (SELECT id FROM target_sessions)
    UNION SELECT bot_id, ended_ms / 86400000 FROM sessions WHERE id IN (SELECT id FROM target_sessions)`).raw(true)
  const rollups = createRollupWriter(db)

  return {
    /**
     * Deletes, then rebuilds the rollups of the days it touched; the caller owns the
     * transaction (the job runner's), so rows and rollups change together or not at all.
     */
    erase (botIds: number[], userIds: string[]): EraseCounts {
      const p = { botIds: JSON.stringify(botIds), userIds: JSON.stringify(userIds) }
      if (userIds.length === 0 || botIds.length === 0) return { users: 0, sessions: 0, messages: 0 }
      const days = touchedDays.all(p) as Array<[number, number]>
      entities.run(p)
      const m = messages.run(p).changes
      flows.run(p)
      const s = sessions.run(p).changes
      const u = users.run(p).changes
      for (const [botId, day] of days) rollups.rebuildDays(botId, day, day)
      return { users: u, sessions: s, messages: m }
    }
  }
}

export type EraseRepository = ReturnType<typeof createEraseRepository>
