/** Worker-thread entry (see traffic-thread.ts): generates every bot's traffic into chunks for the SQLite thread. */
import { workerData } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'
import { ChunkSink, post } from './chunks.js'
import { generateTraffic, type TrafficJob } from './traffic.js'

const { port, ctrl } = workerData as { port: MessagePort, ctrl: Int32Array }

port.once('message', (job: TrafficJob) => {
  try {
    const sink = new ChunkSink(port, ctrl)
    // each bot's rollups follow its rows: computed here, they cost the SQLite thread nothing
    generateTraffic(sink, job, (botId, rollups) => { post(port, ctrl, { kind: 'rollups', botId, rollups, days: sink.days }) }, () => { sink.days++ })
    sink.finish()
  } catch (err) {
    post(port, ctrl, { kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) })
  } finally {
    port.close()
  }
})
