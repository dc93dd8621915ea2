/**
 * Rows in transit from the generator's worker thread to the SQLite thread: each table's rows
 * are packed into chunks (a Float64Array moved without copying, plus the chunk's strings) and
 * posted on a MessagePort, with a shared counter pair for back-pressure.
 */
import type { MessagePort } from 'node:worker_threads'
import type { DayRows } from '../src/db/rollups.js'
import { STRING_SLOT } from './bulk.js'
import type { RowWriter } from './bulk.js'
import { TRAFFIC_TABLES } from './sink.js'
import type { TrafficRows } from './sink.js'

/** Rows per chunk: a multiple of BulkInsert's rows per statement, so only a table's last chunk has a short tail. */
const CHUNK_ROWS = 2000
/** Chunks the generator may run ahead of the inserts: bounds memory (~15 MB) while keeping both threads busy. */
const MAX_IN_FLIGHT = 64

/** Slots of the shared Int32Array: chunks posted, chunks inserted. */
export const POSTED = 0
export const INSERTED = 1

export type ChunkMessage =
  | { kind: 'chunk', table: number, nums: Float64Array, strs: string[], rows: number, days: number }
  | { kind: 'rollups', botId: number, rollups: DayRows[], days: number }
  | { kind: 'done', days: number, userId: number, sessionId: number, messageId: number }
  | { kind: 'error', message: string }

/** Posts a message and counts it, waking the SQLite thread; waits while too far ahead of it. */
export function post (port: MessagePort, ctrl: Int32Array, message: ChunkMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer)
  Atomics.add(ctrl, POSTED, 1)
  Atomics.notify(ctrl, POSTED)
  for (;;) {
    const inserted = Atomics.load(ctrl, INSERTED)
    if (Atomics.load(ctrl, POSTED) - inserted <= MAX_IN_FLIGHT) return
    Atomics.wait(ctrl, INSERTED, inserted, 1000)
  }
}

class ChunkWriter implements RowWriter {
  private nums: Float64Array
  private strs: string[] = []
  private n = 0
  private rows = 0

  constructor (private readonly table: number, private readonly width: number, private readonly send: (table: number, nums: Float64Array, strs: string[], rows: number) => void) {
    this.nums = new Float64Array(width * CHUNK_ROWS)
  }

  put (value: unknown): void {
    if (typeof value === 'number') {
      this.nums[this.n++] = value
    } else if (typeof value === 'string') {
      this.strs.push(value)
      this.nums[this.n++] = STRING_SLOT
    } else if (value === null || value === undefined) {
      this.nums[this.n++] = NaN
    } else {
      throw new Error(`ChunkWriter: cannot encode a ${typeof value}`)
    }
  }

  end (): void {
    if (++this.rows === CHUNK_ROWS) this.flush()
  }

  flush (): void {
    if (this.rows === 0) return
    this.send(this.table, this.nums, this.strs, this.rows)
    // the posted buffer is transferred (detached): start a fresh one
    this.nums = new Float64Array(this.width * CHUNK_ROWS)
    this.strs = []
    this.n = 0
    this.rows = 0
  }
}

/** The generator's sink on the worker thread: same counters as TrafficSink, rows go out in chunks. */
export class ChunkSink implements TrafficRows {
  readonly users: ChunkWriter
  readonly sessions: ChunkWriter
  readonly sessionFlows: ChunkWriter
  readonly messages: ChunkWriter
  readonly entities: ChunkWriter
  private readonly writers: ChunkWriter[]
  userId = 0
  sessionId = 0
  messageId = 0
  /** local days generated so far (progress) */
  days = 0

  constructor (private readonly port: MessagePort, private readonly ctrl: Int32Array) {
    const send = (table: number, nums: Float64Array, strs: string[], rows: number): void =>
      post(port, ctrl, { kind: 'chunk', table, nums, strs, rows, days: this.days }, [nums.buffer as ArrayBuffer])
    this.writers = TRAFFIC_TABLES.map((t, i) => new ChunkWriter(i, t.columns.length, send))
    ;[this.users, this.sessions, this.sessionFlows, this.messages, this.entities] = this.writers
  }

  /** The SQLite thread commits as it inserts. */
  checkpoint (): void {}

  finish (): void {
    for (const w of this.writers) w.flush()
    post(this.port, this.ctrl, { kind: 'done', days: this.days, userId: this.userId, sessionId: this.sessionId, messageId: this.messageId })
  }
}
