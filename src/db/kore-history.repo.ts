/** Kore sessions and conversation history: filtered, counted and paged in SQL over sessions and messages. */
import type Database from 'better-sqlite3'
import { createStatementCache } from './statements.js'

/** Session meta tags to match: every name of `all`, at least one of `any`; `none` matches nothing. */
export interface TagMatch { all: string[], any: string[] | null, none: boolean }

export interface KoreSessionFilter {
  botIds: number[]
  /** when set, only these session codes (the lookup form ignores the other filters) */
  codes?: string[]
  /** [start, end) on the session's start, UTC ms */
  range?: { start: number, end: number }
  userExtId?: string
  channelIds?: number[]
  containment?: 'selfService' | 'agent' | 'dropOff'
  interactive?: 0 | 1
  tags?: TagMatch
}

export interface KoreSessionRow {
  id: number
  botId: number
  channelId: number
  userExtId: string
  code: string
  startedMs: number
  endedMs: number
  status: 'active' | 'closed'
  interactive: number
  containment: 'selfService' | 'agent' | 'dropOff'
  language: string
  tags: string
  userMsgs: number
  botMsgs: number
  flowsCount: number
}

/** Where a msgId anchors the list: at or after it, at or before it, or strictly before it. */
export type AnchorCmp = 'from' | 'upTo' | 'before'

export interface KoreMessageFilter {
  botIds: number[]
  /** [start, end) on the message time, UTC ms */
  range?: { start: number, end: number }
  userExtId?: string
  channelIds?: number[]
  codes?: string[]
  tags?: TagMatch
  anchor?: { tsMs: number, id: number, cmp: AnchorCmp }
}

export interface KoreMessageRow {
  id: number
  botId: number
  sessionId: number
  channelId: number
  tsMs: number
  direction: number
  text: string | null
  answerId: number | null
  code: string
  language: string
  tags: string
  userExtId: string
}

export interface TranscriptEntryRow {
  sessionId: number
  seq: number
  tsMs: number
  direction: number
  text: string | null
  answerId: number | null
  intentId: number | null
  understood: number | null
}

export interface IdentitySessionRow { id: number, code: string, channelId: number, startedMs: number, endedMs: number, status: string }

const IN_BOTS = 'IN (SELECT value FROM json_each(@bots))'

/** Every fragment is a constant; user input only ever reaches the bound parameters. */
function tagSql (col: string, t: TagMatch | undefined): string {
  if (t === undefined) return ''
  if (t.none) return 'AND 0'
  let sql = ''
  if (t.all.length > 0) {
    sql += ` AND (SELECT COUNT(DISTINCT j.value) FROM json_each(${col}) j WHERE j.value IN (SELECT value FROM json_each(@tagsAll))) = @tagsAllN`
  }
  if (t.any !== null) sql += ` AND EXISTS (SELECT 1 FROM json_each(${col}) j WHERE j.value IN (SELECT value FROM json_each(@tagsAny)))`
  return sql
}

function tagKey (t: TagMatch | undefined): string {
  return t === undefined ? '-' : t.none ? 'none' : `${t.all.length > 0 ? 'a' : ''}${t.any !== null ? 'o' : ''}`
}

function bindTags (p: Record<string, unknown>, t: TagMatch | undefined): void {
  if (t === undefined || t.none) return
  if (t.all.length > 0) {
    const names = [...new Set(t.all)]
    p.tagsAll = JSON.stringify(names)
    p.tagsAllN = names.length
  }
  if (t.any !== null) p.tagsAny = JSON.stringify(t.any)
}

const SESSION_COLUMNS = `s.id, s.bot_id AS botId, s.channel_id AS channelId, u.ext_id AS userExtId, s.code,
  s.started_ms AS startedMs, s.ended_ms AS endedMs, s.status, s.interactive, s.containment, s.language, s.tags,
  s.user_msgs AS userMsgs, s.bot_msgs AS botMsgs, s.flows_count AS flowsCount`

const MESSAGE_COLUMNS = `m.id, m.bot_id AS botId, m.session_id AS sessionId, m.channel_id AS channelId, m.ts_ms AS tsMs,
  m.direction, t.text, m.answer_id AS answerId, s.code, s.language, s.tags, u.ext_id AS userExtId`

// The plain ts_ms bound lets SQLite range-search messages_by_bot_ts; the row-value
// comparison alone cannot be used after the IN on bot_id.
const ANCHOR_SQL: Record<AnchorCmp, string> = {
  from: 'AND m.ts_ms >= @aTs AND (m.ts_ms, m.id) >= (@aTs, @aId)',
  upTo: 'AND m.ts_ms <= @aTs AND (m.ts_ms, m.id) <= (@aTs, @aId)',
  before: 'AND m.ts_ms <= @aTs AND (m.ts_ms, m.id) < (@aTs, @aId)'
}

export function createKoreHistoryRepository (db: Database.Database) {
  const stmt = createStatementCache(db)
  const messageById = db.prepare<[number], { id: number, botId: number, tsMs: number }>(
    'SELECT id, bot_id AS botId, ts_ms AS tsMs FROM messages WHERE id = ?')
  const foundCodes = db.prepare<[string, string], { code: string }>(
    'SELECT code FROM sessions WHERE bot_id IN (SELECT value FROM json_each(?)) AND code IN (SELECT value FROM json_each(?))')
  const transcripts = db.prepare<[string], TranscriptEntryRow>(`SELECT m.session_id AS sessionId, m.seq, m.ts_ms AS tsMs,
    m.direction, t.text, m.answer_id AS answerId, m.intent_id AS intentId, m.understood
    FROM messages m LEFT JOIN texts t ON t.id = m.text_id
    WHERE m.session_id IN (SELECT value FROM json_each(?)) ORDER BY m.session_id, m.seq`)

  /** The WHERE clause (without the keyword) over `sessions s`. */
  function sessionWhere (f: KoreSessionFilter): { key: string, sql: string, p: Record<string, unknown> } {
    const p: Record<string, unknown> = { bots: JSON.stringify(f.botIds) }
    // one bot (every per-bot route): an equality, so sessions_by_bot_time also gives the
    // (start, id) order and a page stops early instead of sorting the whole window
    const one = f.botIds.length === 1
    if (one) p.bot = f.botIds[0]
    let sql = one ? 's.bot_id = @bot' : `s.bot_id ${IN_BOTS}`
    let key = one ? '1' : ''
    if (f.codes !== undefined) { sql += ' AND s.code IN (SELECT value FROM json_each(@codes))'; p.codes = JSON.stringify(f.codes); key += 'c' }
    if (f.range !== undefined) { sql += ' AND s.started_ms >= @start AND s.started_ms < @end'; p.start = f.range.start; p.end = f.range.end; key += 'r' }
    if (f.userExtId !== undefined) {
      sql += ` AND s.user_id IN (SELECT id FROM users WHERE ext_id = @userId AND bot_id ${IN_BOTS})`
      p.userId = f.userExtId
      key += 'u'
    }
    if (f.channelIds !== undefined) { sql += ' AND s.channel_id IN (SELECT value FROM json_each(@channels))'; p.channels = JSON.stringify(f.channelIds); key += 'h' }
    if (f.containment !== undefined) { sql += ' AND s.containment = @containment'; p.containment = f.containment; key += 'k' }
    if (f.interactive !== undefined) { sql += ' AND s.interactive = @interactive'; p.interactive = f.interactive; key += 'i' }
    sql += ` ${tagSql('s.tags', f.tags)}`
    bindTags(p, f.tags)
    return { key: `${key}|${tagKey(f.tags)}`, sql, p }
  }

  /** The WHERE clause (without the keyword) over `messages m JOIN sessions s`. */
  function messageWhere (f: KoreMessageFilter): { key: string, sql: string, p: Record<string, unknown> } {
    const p: Record<string, unknown> = { bots: JSON.stringify(f.botIds) }
    let sql = `m.bot_id ${IN_BOTS}`
    let key = ''
    if (f.range !== undefined) { sql += ' AND m.ts_ms >= @start AND m.ts_ms < @end'; p.start = f.range.start; p.end = f.range.end; key += 'r' }
    if (f.userExtId !== undefined) {
      // messages have no user index: go through the user's sessions (sessions_by_user, messages_by_session)
      sql += ` AND m.session_id IN (SELECT id FROM sessions WHERE user_id IN (SELECT id FROM users WHERE ext_id = @userId AND bot_id ${IN_BOTS}))`
      p.userId = f.userExtId
      key += 'u'
    }
    if (f.codes !== undefined) {
      sql += ` AND m.session_id IN (SELECT id FROM sessions WHERE bot_id ${IN_BOTS} AND code IN (SELECT value FROM json_each(@codes)))`
      p.codes = JSON.stringify(f.codes)
      key += 'c'
    }
    if (f.channelIds !== undefined) { sql += ' AND m.channel_id IN (SELECT value FROM json_each(@channels))'; p.channels = JSON.stringify(f.channelIds); key += 'h' }
    if (f.anchor !== undefined) { sql += ` ${ANCHOR_SQL[f.anchor.cmp]}`; p.aTs = f.anchor.tsMs; p.aId = f.anchor.id; key += f.anchor.cmp }
    sql += ` ${tagSql('s.tags', f.tags)}`
    bindTags(p, f.tags)
    return { key: `${key}|${tagKey(f.tags)}`, sql, p }
  }

  return {
    countSessions (f: KoreSessionFilter): number {
      const w = sessionWhere(f)
      return (stmt(`ks-count|${w.key}`, () => `SELECT COUNT(*) AS c FROM sessions s WHERE ${w.sql}`).get(w.p) as { c: number }).c
    },

    /** Newest first: start time descending, then id, so equal start times still page deterministically. */
    listSessions (f: KoreSessionFilter, limit: number, offset: number): KoreSessionRow[] {
      const w = sessionWhere(f)
      // the page's ids from sessions_by_bot_time (bot, start, id and the filtered columns), then
      // the join with users for those rows only, not for every skipped one
      return stmt(`ks-list|${w.key}`, () => `SELECT ${SESSION_COLUMNS} FROM (
          SELECT s.id FROM sessions s WHERE ${w.sql} ORDER BY s.started_ms DESC, s.id DESC LIMIT @limit OFFSET @offset
        ) page JOIN sessions s ON s.id = page.id JOIN users u ON u.id = s.user_id
        ORDER BY s.started_ms DESC, s.id DESC`).all({ ...w.p, limit, offset }) as KoreSessionRow[]
    },

    /** Which of `codes` name a session of these bots. */
    existingCodes (botIds: number[], codes: string[]): Set<string> {
      if (codes.length === 0) return new Set()
      return new Set(foundCodes.all(JSON.stringify(botIds), JSON.stringify(codes)).map(r => r.code))
    },

    countMessages (f: KoreMessageFilter): number {
      const w = messageWhere(f)
      return (stmt(`km-count|${w.key}`, () => `SELECT COUNT(*) AS c FROM messages m JOIN sessions s ON s.id = m.session_id
        WHERE ${w.sql}`).get(w.p) as { c: number }).c
    },

    /** Ordered by time then id, `DESC` (newest first, the default) or `ASC`. */
    listMessages (f: KoreMessageFilter, dir: 'ASC' | 'DESC', limit: number, offset: number): KoreMessageRow[] {
      const w = messageWhere(f)
      return stmt(`km-list|${w.key}|${dir}`, () => `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN sessions s ON s.id = m.session_id
        JOIN users u ON u.id = s.user_id LEFT JOIN texts t ON t.id = m.text_id WHERE ${w.sql}
        ORDER BY m.ts_ms ${dir}, m.id ${dir} LIMIT @limit OFFSET @offset`).all({ ...w.p, limit, offset }) as KoreMessageRow[]
    },

    messageById (id: number): { id: number, botId: number, tsMs: number } | undefined {
      return messageById.get(id)
    },

    /** An identity's sessions on some channels, oldest first, optionally one session code and a time range. */
    identitySessions (botId: number, userExtId: string | null, code: string | null, channelIds: number[], range: { start: number, end: number } | null): IdentitySessionRow[] {
      const key = `ki|${userExtId === null ? '' : 'u'}${code === null ? '' : 'c'}${range === null ? '' : 'r'}`
      const p: Record<string, unknown> = { bot: botId, channels: JSON.stringify(channelIds) }
      if (userExtId !== null) p.userId = userExtId
      if (code !== null) p.code = code
      if (range !== null) { p.start = range.start; p.end = range.end }
      return stmt(key, () => `SELECT id, code, channel_id AS channelId, started_ms AS startedMs, ended_ms AS endedMs, status
        FROM sessions WHERE bot_id = @bot AND channel_id IN (SELECT value FROM json_each(@channels))
        ${userExtId === null ? '' : 'AND user_id IN (SELECT id FROM users WHERE bot_id = @bot AND ext_id = @userId)'}
        ${code === null ? '' : 'AND code = @code'}
        ${range === null ? '' : 'AND started_ms < @end AND ended_ms >= @start'}
        ORDER BY started_ms, id`).all(p) as IdentitySessionRow[]
    },

    /** Every message of these sessions, by session then position. */
    transcripts (sessionIds: number[]): TranscriptEntryRow[] {
      return sessionIds.length === 0 ? [] : transcripts.all(JSON.stringify(sessionIds))
    }
  }
}

export type KoreHistoryRepository = ReturnType<typeof createKoreHistoryRepository>
