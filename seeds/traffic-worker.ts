/** Worker-thread entry (see traffic-thread.ts): generates every bot's traffic into chunks for the SQLite thread. */
import { workerData } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'
import type { HistoryWindow } from './calendar.js'
import type { BotCatalogue } from './catalogue.js'
import { ChunkSink, post } from './chunks.js'
import { RollupTap } from './rollup-tap.js'
import type { SeededBot } from './tenant-rows.js'
import { BotTraffic } from './traffic.js'

/** What the SQLite thread sends once the tenants and catalogues are written. */
export interface TrafficJob {
  seed: number
  perDay: number
  window: HistoryWindow
  bots: SeededBot[]
  catalogues: BotCatalogue[]
}

const { port, ctrl } = workerData as { port: MessagePort, ctrl: Int32Array }

port.once('message', (job: TrafficJob) => {
  try {
    const sink = new ChunkSink(port, ctrl)
    // each bot's rollups follow its rows: computed here, they cost the SQLite thread nothing
    const tap = new RollupTap(sink, (botId, rollups) => { post(port, ctrl, { kind: 'rollups', botId, rollups, days: sink.days }) })
    // the same loop as seedDatabase's inline path: same bots, order and PRNG streams
    for (const bot of job.bots) {
      new BotTraffic(tap, bot, job.catalogues[bot.index], job.window, job.seed).run(job.perDay, () => { sink.days++ })
    }
    tap.finish()
    sink.finish()
  } catch (err) {
    post(port, ctrl, { kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) })
  } finally {
    port.close()
  }
})
