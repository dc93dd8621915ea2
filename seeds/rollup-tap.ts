/**
 * The rollups of the generated traffic, computed while it is generated: the tap sits between
 * the generator and its sink, reads each conversation and message row as it passes, and hands
 * over one bot's days of rollups (src/db/rollups.ts DayRollup) once the generator has moved on
 * to the next bot. On `large` this replaces a 3–4 s pass over the indexed tables after seeding,
 * and on the worker thread it costs the SQLite thread nothing. The rows are those a rebuild from
 * SQL writes (test/seeds-worker.test.ts holds the two to the same bytes).
 */
import { DAY_MS } from '../src/engine/calendar.js'
import { DayRollup, type DayRows } from '../src/db/rollups.js'
import type { RowWriter } from './bulk.js'
import { TRAFFIC_TABLES, type TrafficRows } from './sink.js'

/** Receives one bot's rollups, its UTC days in order. */
export type RollupsOut = (botId: number, days: DayRows[]) => void

function columnsOf (table: 'sessions' | 'messages'): Record<string, number> {
  const spec = TRAFFIC_TABLES.find(t => t.table === table)
  if (spec === undefined) throw new Error(`no traffic table ${table}`)
  return Object.fromEntries(spec.columns.map((name, i) => [name, i]))
}
const S = columnsOf('sessions')
const M = columnsOf('messages')

/** Forwards a table's values and keeps the current row's, for `onRow` at its end. */
class TapWriter implements RowWriter {
  private readonly row: unknown[] = []

  constructor (private readonly to: RowWriter, private readonly onRow: (row: unknown[]) => void) {}

  put (value: unknown): void {
    this.row.push(value)
    this.to.put(value)
  }

  end (): void {
    this.onRow(this.row)
    this.row.length = 0
    this.to.end()
  }
}

export class RollupTap implements TrafficRows {
  readonly sessions: RowWriter
  readonly messages: RowWriter
  private botId = -1
  private days = new Map<number, DayRollup>()
  /** start and id of the bot's last conversation: the activity records need them in that order */
  private lastStart = -Infinity
  private lastId = -Infinity

  constructor (private readonly sink: TrafficRows, private readonly out: RollupsOut) {
    this.sessions = new TapWriter(sink.sessions, row => { this.conversation(row) })
    this.messages = new TapWriter(sink.messages, row => { this.message(row) })
  }

  get users (): RowWriter { return this.sink.users }
  get sessionFlows (): RowWriter { return this.sink.sessionFlows }
  get entities (): RowWriter { return this.sink.entities }
  get userId (): number { return this.sink.userId }
  set userId (v: number) { this.sink.userId = v }
  get sessionId (): number { return this.sink.sessionId }
  set sessionId (v: number) { this.sink.sessionId = v }
  get messageId (): number { return this.sink.messageId }
  set messageId (v: number) { this.sink.messageId = v }
  checkpoint (rows: number): void { this.sink.checkpoint(rows) }

  /** Hands over the last bot's rollups: call once the generator is done. */
  finish (): void {
    this.switchTo(-1)
  }

  private day (d: number): DayRollup {
    let r = this.days.get(d)
    if (r === undefined) this.days.set(d, r = new DayRollup(d))
    return r
  }

  /** The generator writes one bot's traffic whole before the next one's. */
  private switchTo (botId: number): void {
    if (botId === this.botId) return
    if (this.botId >= 0 && this.days.size > 0) {
      this.out(this.botId, [...this.days.keys()].sort((a, b) => a - b).map(d => (this.days.get(d) as DayRollup).rows()))
    }
    this.botId = botId
    this.days = new Map()
    this.lastStart = -Infinity
    this.lastId = -Infinity
  }

  private conversation (row: unknown[]): void {
    this.switchTo(row[S.bot_id] as number)
    const id = row[S.id] as number
    const startedMs = row[S.started_ms] as number
    if (startedMs < this.lastStart || (startedMs === this.lastStart && id < this.lastId)) {
      throw new Error(`conversation ${id} of bot ${this.botId} is out of start order: its activity record would be misplaced`)
    }
    this.lastStart = startedMs
    this.lastId = id
    this.day(Math.floor(startedMs / DAY_MS)).conversation(
      row[S.channel_id] as number, startedMs, row[S.paid] as number,
      (row[S.user_msgs] as number) + (row[S.bot_msgs] as number), row[S.user_id] as number,
      row[S.interactive] === 1, row[S.status] === 'closed', row[S.is_new_user] === 1)
  }

  private message (row: unknown[]): void {
    if (row[M.direction] !== 0) return
    this.switchTo(row[M.bot_id] as number)
    const tsMs = row[M.ts_ms] as number
    const understood = row[M.understood]
    this.day(Math.floor(tsMs / DAY_MS)).userMessage(row[M.channel_id] as number, tsMs, typeof understood === 'number' ? understood : 0)
  }
}
