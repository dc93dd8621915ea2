/** Where generated traffic goes: batched inserters, id counters and periodic commits. */
import type { Database } from 'better-sqlite3'
import { BulkInsert } from './bulk.js'
import type { RowWriter } from './bulk.js'

/** Commit about every this many rows, so a journaled database never holds one huge transaction. */
const ROWS_PER_TRANSACTION = 50_000

/** The traffic tables, in the order TRAFFIC_TABLES lists them; a chunk names its table by position. */
export const TRAFFIC_TABLES = [
  { table: 'users', columns: ['id', 'bot_id', 'ext_id', 'name', 'business_key', 'first_seen_ms'] },
  { table: 'sessions', columns: ['id', 'bot_id', 'channel_id', 'user_id', 'code', 'started_ms', 'ended_ms', 'status', 'interactive', 'containment', 'satisfaction', 'business_key', 'is_new_user', 'paid', 'language', 'tags', 'user_msgs', 'bot_msgs', 'flows_count', 'first_text_id'] },
  { table: 'session_flows', columns: ['session_id', 'ord', 'flow_id', 'bot_id', 'channel_id', 'started_ms'] },
  { table: 'messages', columns: ['id', 'session_id', 'bot_id', 'channel_id', 'user_id', 'seq', 'ts_ms', 'direction', 'text_id', 'answer_id', 'intent_id', 'confidence', 'understood', 'reply_to'] },
  { table: 'message_entities', columns: ['message_id', 'bot_id', 'name'] }
] as const

/**
 * What the traffic generator (traffic.ts, conversation.ts) writes to: one row writer per
 * table and the id counters. TrafficSink writes to SQLite directly; ChunkSink (chunks.ts)
 * encodes rows for the main thread when the generator runs on a worker thread.
 */
export interface TrafficRows {
  readonly users: RowWriter
  readonly sessions: RowWriter
  readonly sessionFlows: RowWriter
  readonly messages: RowWriter
  readonly entities: RowWriter
  /** last ids handed out; rows are numbered 1, 2, … in generation order */
  userId: number
  sessionId: number
  messageId: number
  /** Called between sessions with the rows written since the previous call. */
  checkpoint: (rows: number) => void
}

export class TrafficSink implements TrafficRows {
  readonly users: BulkInsert
  readonly sessions: BulkInsert
  readonly sessionFlows: BulkInsert
  readonly messages: BulkInsert
  readonly entities: BulkInsert
  /** the same inserters, indexed like TRAFFIC_TABLES */
  readonly tables: readonly BulkInsert[]
  userId = 0
  sessionId = 0
  messageId = 0
  private uncommitted = 0
  private readonly ownTransaction: boolean

  constructor (private readonly db: Database) {
    this.tables = TRAFFIC_TABLES.map(t => new BulkInsert(db, t.table, [...t.columns]))
    ;[this.users, this.sessions, this.sessionFlows, this.messages, this.entities] = this.tables
    // a caller that wraps seeding in its own transaction keeps control of it
    this.ownTransaction = !db.inTransaction
    if (this.ownTransaction) db.exec('BEGIN')
  }

  /** Called between sessions: commits once enough rows have piled up. */
  checkpoint (rows: number): void {
    this.uncommitted += rows
    if (this.uncommitted < ROWS_PER_TRANSACTION || !this.ownTransaction) return
    this.db.exec('COMMIT; BEGIN')
    this.uncommitted = 0
  }

  finish (): void {
    for (const b of this.tables) b.flush()
    if (this.ownTransaction) this.db.exec('COMMIT')
  }

  /** Undo the open transaction after a failure, so the caller's connection stays usable. */
  abort (): void {
    if (this.ownTransaction && this.db.inTransaction) this.db.exec('ROLLBACK')
  }
}
