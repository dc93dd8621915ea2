/** Conversations (sessions): filtered, searched, sorted and paged lists, and lookups by code. */
import type Database from 'better-sqlite3'
import { bindWindow, windowFilterSql } from '../engine/local-time-sql.js'
import type { Window } from '../engine/window.js'
import { createStatementCache } from './statements.js'
import type { Scope } from './traffic.repo.js'

export interface SessionRow {
  id: number
  botId: number
  channelId: number
  userId: number
  code: string
  startedMs: number
  endedMs: number
  status: 'active' | 'closed'
  interactive: number
  containment: 'selfService' | 'agent' | 'dropOff'
  satisfaction: number | null
  businessKey: string | null
  isNewUser: number
  paid: number
  language: string
  tags: string
  userMsgs: number
  botMsgs: number
  flowsCount: number
  firstText: string | null
}

/** Exact-match searches; `flowIds` are the flows whose name matched the term. */
export type SessionSearch =
  | { by: 'code', term: string }
  | { by: 'businessKey', term: string }
  | { by: 'flows', flowIds: number[] }

export const SESSION_SORTS = {
  started: 's.started_ms',
  satisfaction: 's.satisfaction',
  userMessages: 's.user_msgs',
  flows: 's.flows_count',
  duration: '(s.ended_ms - s.started_ms)',
  // a fixed pseudo-random permutation of ids: random-looking samples that are reproducible
  random: '((s.id * 2654435761) % 4294967291)'
} as const
export type SessionSort = keyof typeof SESSION_SORTS

export interface SessionQuery {
  scope: Scope
  window: Window
  search?: SessionSearch
}

const COLUMNS = `s.id, s.bot_id AS botId, s.channel_id AS channelId, s.user_id AS userId, s.code,
  s.started_ms AS startedMs, s.ended_ms AS endedMs, s.status, s.interactive, s.containment, s.satisfaction,
  s.business_key AS businessKey, s.is_new_user AS isNewUser, s.paid, s.language, s.tags,
  s.user_msgs AS userMsgs, s.bot_msgs AS botMsgs, s.flows_count AS flowsCount, t.text AS firstText`

const SEARCH_SQL: Record<SessionSearch['by'] | 'none', string> = {
  none: '',
  code: 'AND s.code = @term',
  businessKey: 'AND s.business_key = @term',
  flows: 'AND s.id IN (SELECT session_id FROM session_flows WHERE bot_id = @bot AND flow_id IN (SELECT value FROM json_each(@flows)))'
}

export function createSessionsRepository (db: Database.Database) {
  const stmt = createStatementCache(db)
  const byCode = db.prepare(`SELECT ${COLUMNS} FROM sessions s LEFT JOIN texts t ON t.id = s.first_text_id
    WHERE s.bot_id = ? AND s.code = ?`)
  const flowsOf = db.prepare(`SELECT session_id AS sessionId, flow_id AS flowId FROM session_flows
    WHERE session_id IN (SELECT value FROM json_each(?)) ORDER BY session_id, ord`)

  function bind (q: SessionQuery): { n: number, key: string, p: Record<string, unknown> } {
    const { segments, params } = bindWindow(q.window)
    const p: Record<string, unknown> = { ...params, bot: q.scope.botId, channels: JSON.stringify(q.scope.channelIds) }
    const by = q.search?.by ?? 'none'
    if (q.search?.by === 'flows') p.flows = JSON.stringify(q.search.flowIds)
    else if (q.search !== undefined) p.term = q.search.term
    return { n: segments.length, key: by, p }
  }

  function whereSql (n: number, by: keyof typeof SEARCH_SQL): string {
    return `FROM sessions s LEFT JOIN texts t ON t.id = s.first_text_id
      WHERE s.bot_id = @bot AND ${windowFilterSql('s.started_ms', n)}
      AND s.channel_id IN (SELECT value FROM json_each(@channels)) ${SEARCH_SQL[by]}`
  }

  return {
    count (q: SessionQuery): number {
      const { n, key, p } = bind(q)
      const s = stmt(`count|${key}|${n}`, () => `SELECT COUNT(*) AS c ${whereSql(n, key as keyof typeof SEARCH_SQL)}`)
      return (s.get(p) as { c: number }).c
    },

    /** One page, ordered by `sort` then id (so equal keys still page deterministically). */
    list (q: SessionQuery, sort: SessionSort, dir: 'ASC' | 'DESC', limit: number, offset: number): SessionRow[] {
      const { n, key, p } = bind(q)
      const s = stmt(`list|${key}|${sort}|${dir}|${n}`, () => `SELECT ${COLUMNS} ${whereSql(n, key as keyof typeof SEARCH_SQL)}
        ORDER BY ${SESSION_SORTS[sort]} ${dir}, s.id ${dir} LIMIT @limit OFFSET @offset`)
      return s.all({ ...p, limit, offset }) as SessionRow[]
    },

    byCode (botId: number, code: string): SessionRow | undefined {
      return byCode.get(botId, code) as SessionRow | undefined
    },

    /** Flow ids travelled by each session, in order. */
    flowsOf (sessionIds: number[]): Map<number, number[]> {
      const out = new Map<number, number[]>()
      if (sessionIds.length === 0) return out
      for (const r of flowsOf.all(JSON.stringify(sessionIds)) as Array<{ sessionId: number, flowId: number }>) {
        const list = out.get(r.sessionId)
        if (list === undefined) out.set(r.sessionId, [r.flowId])
        else list.push(r.flowId)
      }
      return out
    }
  }
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>
