/** Where generated traffic goes: batched inserters, id counters and periodic commits. */
import type { Database } from 'better-sqlite3'
import { BulkInsert } from './bulk.js'

/** Commit about every this many rows, so a journaled database never holds one huge transaction. */
const ROWS_PER_TRANSACTION = 50_000

export class TrafficSink {
  readonly users: BulkInsert
  readonly sessions: BulkInsert
  readonly sessionFlows: BulkInsert
  readonly messages: BulkInsert
  readonly entities: BulkInsert
  /** last ids handed out; rows are numbered 1, 2, … in generation order */
  userId = 0
  sessionId = 0
  messageId = 0
  private uncommitted = 0
  private readonly ownTransaction: boolean

  constructor (private readonly db: Database) {
    this.users = new BulkInsert(db, 'users', ['id', 'bot_id', 'ext_id', 'name', 'business_key', 'first_seen_ms'])
    this.sessions = new BulkInsert(db, 'sessions', ['id', 'bot_id', 'channel_id', 'user_id', 'code', 'started_ms', 'ended_ms', 'status', 'interactive', 'containment', 'satisfaction', 'business_key', 'is_new_user', 'paid', 'language', 'tags', 'user_msgs', 'bot_msgs', 'flows_count', 'first_text_id'])
    this.sessionFlows = new BulkInsert(db, 'session_flows', ['session_id', 'ord', 'flow_id', 'bot_id', 'channel_id', 'started_ms'])
    this.messages = new BulkInsert(db, 'messages', ['id', 'session_id', 'bot_id', 'channel_id', 'user_id', 'seq', 'ts_ms', 'direction', 'text_id', 'answer_id', 'intent_id', 'confidence', 'understood', 'reply_to'])
    this.entities = new BulkInsert(db, 'message_entities', ['message_id', 'bot_id', 'name'])
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
    for (const b of [this.users, this.sessions, this.sessionFlows, this.messages, this.entities]) b.flush()
    if (this.ownTransaction) this.db.exec('COMMIT')
  }

  /** Undo the open transaction after a failure, so the caller's connection stays usable. */
  abort (): void {
    if (this.ownTransaction && this.db.inTransaction) this.db.exec('ROLLBACK')
  }
}
