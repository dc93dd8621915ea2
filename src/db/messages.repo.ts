/** Messages: the user-message list with its filters, the answers to them, and a session's transcript. */
import type Database from 'better-sqlite3'
import { bindWindow, windowFilterSql } from '../engine/local-time-sql.js'
import { sumCounts, windowQuarters } from '../engine/rollup-fold.js'
import type { Window } from '../engine/window.js'
import { createRollupRepository } from './rollup.repo.js'
import { createStatementCache } from './statements.js'
import type { Scope } from './traffic.repo.js'

export interface UserMessageRow {
  id: number
  sessionId: number
  channelId: number
  tsMs: number
  text: string
  intentId: number | null
  confidence: number
  understood: number
  sessionCode: string
  businessKey: string | null
  tags: string
}

export interface TranscriptRow {
  id: number
  seq: number
  tsMs: number
  direction: number
  text: string | null
  answerId: number | null
  intentId: number | null
  confidence: number | null
  understood: number | null
}

export type MessageSearch =
  | { by: 'session', sessionId: number }
  | { by: 'intents', intentIds: number[] }
  | { by: 'entity', term: string }

/** Which user messages by understanding: FOUND, NONE, or both. */
export type Understanding = 'found' | 'none' | 'all'

export const MESSAGE_SORTS = {
  deliveredAt: 'm.ts_ms',
  confidence: 'm.confidence',
  session: 'm.session_id',
  // a fixed pseudo-random permutation of ids: random-looking samples that are reproducible
  random: '((m.id * 2654435761) % 4294967291)'
} as const
export type MessageSort = keyof typeof MESSAGE_SORTS

export interface MessageQuery {
  scope: Scope
  window: Window
  understanding: Understanding
  search?: MessageSearch
}

const COLUMNS = `m.id, m.session_id AS sessionId, m.channel_id AS channelId, m.ts_ms AS tsMs, t.text,
  m.intent_id AS intentId, m.confidence, m.understood, s.code AS sessionCode, s.business_key AS businessKey, s.tags`

const SEARCH_SQL: Record<MessageSearch['by'] | 'none', string> = {
  none: '',
  session: 'AND m.session_id = @sessionId',
  intents: 'AND m.intent_id IN (SELECT value FROM json_each(@intents))',
  entity: 'AND m.id IN (SELECT message_id FROM message_entities WHERE bot_id = @bot AND name = @term)'
}
const UNDERSTANDING_SQL: Record<Understanding, string> = {
  all: '',
  found: 'AND m.understood = 1',
  none: 'AND m.understood = 0'
}

export function createMessagesRepository (db: Database.Database, opts: { rollups: boolean } = { rollups: true }) {
  const stmt = createStatementCache(db)
  const rollup = opts.rollups ? createRollupRepository(db) : null
  // a message's answers follow it in its conversation: found through messages_by_session
  // (session, seq), so reply_to needs no index of its own
  const answersOf = db.prepare(`SELECT a.reply_to AS replyTo, a.answer_id AS answerId
    FROM messages q JOIN messages a ON a.session_id = q.session_id AND a.seq > q.seq AND a.reply_to = q.id
    WHERE q.id IN (SELECT value FROM json_each(?)) ORDER BY a.reply_to, a.seq`)
  const entitiesOf = db.prepare(`SELECT message_id AS messageId, name FROM message_entities
    WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, name`)
  const transcript = db.prepare(`SELECT m.id, m.seq, m.ts_ms AS tsMs, m.direction, t.text, m.answer_id AS answerId,
    m.intent_id AS intentId, m.confidence, m.understood FROM messages m LEFT JOIN texts t ON t.id = m.text_id
    WHERE m.session_id = ? ORDER BY m.seq`)

  function bind (q: MessageQuery): { n: number, key: string, p: Record<string, unknown> } {
    const { segments, params } = bindWindow(q.window)
    const p: Record<string, unknown> = { ...params, bot: q.scope.botId, channels: JSON.stringify(q.scope.channelIds) }
    const s = q.search
    if (s?.by === 'session') p.sessionId = s.sessionId
    else if (s?.by === 'intents') p.intents = JSON.stringify(s.intentIds)
    else if (s?.by === 'entity') p.term = s.term
    return { n: segments.length, key: `${s?.by ?? 'none'}|${q.understanding}`, p }
  }

  /** The WHERE over `messages m` alone: every filter is on the message row. */
  function filterSql (n: number, q: MessageQuery): string {
    return `WHERE m.bot_id = @bot AND m.direction = 0 AND ${windowFilterSql('m.ts_ms', n)}
      AND m.channel_id IN (SELECT value FROM json_each(@channels))
      ${UNDERSTANDING_SQL[q.understanding]} ${SEARCH_SQL[q.search?.by ?? 'none']}`
  }

  return {
    count (q: MessageQuery): number {
      // without a search, the quarter rollups hold the answer: user messages and understood ones
      const grid = rollup === null || q.search !== undefined ? null : windowQuarters(q.window)
      if (rollup !== null && grid !== null) {
        const rows = rollup.userMessages(q.scope.botId, q.scope.channelIds, grid.firstUtcDay, grid.lastUtcDay)
        const all = q.understanding === 'found' ? 0 : sumCounts(grid.firstUtcDay, grid.keys, rows, 3)
        const found = q.understanding === 'all' ? 0 : sumCounts(grid.firstUtcDay, grid.keys, rows, 4)
        return q.understanding === 'all' ? all : q.understanding === 'found' ? found : all - found
      }
      const { n, key, p } = bind(q)
      return (stmt(`count|${key}|${n}`, () => `SELECT COUNT(*) AS c FROM messages m ${filterSql(n, q)}`).get(p) as { c: number }).c
    },

    list (q: MessageQuery, sort: MessageSort, dir: 'ASC' | 'DESC', limit: number, offset: number): UserMessageRow[] {
      const { n, key, p } = bind(q)
      // The page's ids first, from the messages alone (an index walk for the default order:
      // messages_by_bot_time holds bot, direction, time, id and every filtered column), then
      // the joins for those rows only: SQLite would otherwise join every skipped row too.
      const s = stmt(`list|${key}|${sort}|${dir}|${n}`, () => `SELECT ${COLUMNS} FROM (
          SELECT m.id FROM messages m ${filterSql(n, q)}
          ORDER BY ${MESSAGE_SORTS[sort]} ${dir}, m.id ${dir} LIMIT @limit OFFSET @offset
        ) page JOIN messages m ON m.id = page.id JOIN sessions s ON s.id = m.session_id LEFT JOIN texts t ON t.id = m.text_id
        ORDER BY ${MESSAGE_SORTS[sort]} ${dir}, m.id ${dir}`)
      return s.all({ ...p, limit, offset }) as UserMessageRow[]
    },

    /** Answer ids the bot gave to each user message, in order. */
    answersOf (messageIds: number[]): Map<number, number[]> {
      return group(messageIds.length === 0 ? [] : answersOf.all(JSON.stringify(messageIds)) as Array<{ replyTo: number, answerId: number }>,
        r => r.replyTo, r => r.answerId)
    },

    entitiesOf (messageIds: number[]): Map<number, string[]> {
      return group(messageIds.length === 0 ? [] : entitiesOf.all(JSON.stringify(messageIds)) as Array<{ messageId: number, name: string }>,
        r => r.messageId, r => r.name)
    },

    transcript (sessionId: number): TranscriptRow[] {
      return transcript.all(sessionId) as TranscriptRow[]
    }
  }
}

function group<R, V> (rows: R[], key: (r: R) => number, value: (r: R) => V): Map<number, V[]> {
  const out = new Map<number, V[]>()
  for (const r of rows) {
    const k = key(r)
    const list = out.get(k)
    if (list === undefined) out.set(k, [value(r)])
    else list.push(value(r))
  }
  return out
}

export type MessagesRepository = ReturnType<typeof createMessagesRepository>
