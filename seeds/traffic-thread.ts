/**
 * Runs the traffic generator on a worker thread while this thread inserts its rows, so the
 * JavaScript generation (a fifth of a `large` build) overlaps SQLite's work instead of adding to
 * it. Ids, PRNG streams and row values are those of the inline path: only the thread differs.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'
import { INSERTED, POSTED } from './chunks.js'
import type { ChunkMessage } from './chunks.js'
import type { RollupsOut } from './rollup-tap.js'
import type { TrafficSink } from './sink.js'
import type { TrafficJob } from './traffic.js'

/**
 * No message from the worker for this long means it died: its 'error'/'exit' events cannot be
 * delivered while this thread blocks in Atomics.wait, so a time limit is the only way to notice.
 */
const STALL_MS = 120_000

/**
 * Worker bootstrap. Under tsx (tests, `npm run seed`) Node 20 does not pass the TypeScript
 * loader on to workers, so the worker registers it itself before importing the entry module;
 * the compiled build (dist) imports traffic-worker.js directly. Any failure is posted back.
 */
const BOOT = `
const { workerData } = require('node:worker_threads')
;(async () => {
  if (workerData.tsx !== null) {
    ;(await import(workerData.tsx)).register()
  }
  await import(workerData.entry)
})().catch(err => {
  workerData.port.postMessage({ kind: 'error', message: String(err && err.stack || err) })
  Atomics.add(workerData.ctrl, ${POSTED}, 1)
  Atomics.notify(workerData.ctrl, ${POSTED})
})
`

export class TrafficThread {
  private readonly worker: Worker
  private readonly port: MessagePort
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT))

  /** Starts the worker at once: it boots while this thread writes the tenants and catalogues. */
  constructor () {
    const { port1, port2 } = new MessageChannel()
    this.port = port1
    const typescript = new URL(import.meta.url).pathname.endsWith('.ts')
    const entry = new URL(typescript ? './traffic-worker.ts' : './traffic-worker.js', import.meta.url).href
    const tsx = typescript ? import.meta.resolve('tsx/esm/api') : null
    this.worker = new Worker(BOOT, { eval: true, workerData: { entry, tsx, port: port2, ctrl: this.ctrl }, transferList: [port2] })
    // never keeps the process alive on its own (close() ends it anyway)
    this.worker.unref()
  }

  /**
   * Sends the job, then inserts chunks (and each bot's rollups) as they arrive until the worker
   * is done; `onDays` gets the number of local days generated so far. Synchronous, like the
   * inline path.
   */
  run (job: TrafficJob, sink: TrafficSink, rollups: RollupsOut, onDays: (days: number) => void): void {
    this.port.postMessage(job)
    for (;;) {
      const posted = Atomics.load(this.ctrl, POSTED)
      const got = receiveMessageOnPort(this.port)
      if (got === undefined) {
        if (Atomics.wait(this.ctrl, POSTED, posted, STALL_MS) === 'timed-out') throw new Error(`traffic worker sent nothing for ${STALL_MS / 1000} s`)
        continue
      }
      const msg = got.message as ChunkMessage
      if (msg.kind === 'error') throw new Error(`traffic worker failed: ${msg.message}`)
      if (msg.kind === 'chunk') {
        sink.tables[msg.table].insertChunk(msg.nums, msg.strs, msg.rows)
        sink.checkpoint(msg.rows)
      }
      if (msg.kind === 'rollups') rollups(msg.botId, msg.rollups)
      Atomics.add(this.ctrl, INSERTED, 1)
      Atomics.notify(this.ctrl, INSERTED)
      onDays(msg.days)
      if (msg.kind === 'done') {
        sink.userId = msg.userId
        sink.sessionId = msg.sessionId
        sink.messageId = msg.messageId
        return
      }
    }
  }

  close (): void {
    this.port.close()
    // normally already finished; after a failure this stops it (the promise needs no waiting for)
    this.worker.terminate().catch(() => {})
  }
}
