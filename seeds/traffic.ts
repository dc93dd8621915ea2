/** One bot's history: sessions per local day, their start times, and who (new or returning) starts them. */
import { drawLocalTime, localDays, localToUtc, poisson, volumeModel } from './calendar.js'
import type { HistoryWindow } from './calendar.js'
import type { BotCatalogue } from './catalogue.js'
import { ConversationMaker } from './conversation.js'
import { ObjectIdMaker, uuid } from './ids.js'
import { Rng, cumulative } from './prng.js'
import { RollupTap, type RollupsOut } from './rollup-tap.js'
import type { TrafficRows } from './sink.js'
import type { SeededBot } from './tenant-rows.js'

/** What every bot's traffic is generated from (posted as is to the worker thread: traffic-thread.ts). */
export interface TrafficJob {
  seed: number
  perDay: number
  window: HistoryWindow
  bots: SeededBot[]
  catalogues: BotCatalogue[]
}

/**
 * Generates every bot's traffic into `sink`, bot after bot (ids and PRNG streams follow that
 * order), handing over each bot's rollups to `rollups` (rollup-tap.ts); `onDay` ticks once
 * per local day. The one loop of the inline path (index.ts) and the worker (traffic-worker.ts).
 */
export function generateTraffic (sink: TrafficRows, job: TrafficJob, rollups: RollupsOut, onDay: () => void): void {
  const tap = new RollupTap(sink, rollups)
  for (const bot of job.bots) new BotTraffic(tap, bot, job.catalogues[bot.index], job.window, job.seed).run(job.perDay, onDay)
  tap.finish()
}

/** Brazilian area codes for WhatsApp-style business keys. */
const DDD = ['11', '21', '31', '41', '48', '51', '61', '71', '81', '85']

/** Workplace bots (employees, not customers) are near idle at weekends. */
const WORKPLACE_DOMAINS = new Set(['itSupport', 'hr'])

/** Sessions may start no later than this before the window's end, so their first turn fits in it. */
const LAST_START_MARGIN_MS = 130_000

export class BotTraffic {
  private readonly rng: Rng
  private readonly userExtIds: ObjectIdMaker
  private readonly conversations: ConversationMaker
  private readonly userIds: number[] = []
  private readonly userKeys: Array<string | null> = []
  /** end of each user's latest session: a user never has two sessions at once */
  private readonly busyUntil: number[] = []

  constructor (
    private readonly sink: TrafficRows,
    private readonly bot: SeededBot,
    private readonly cat: BotCatalogue,
    private readonly window: HistoryWindow,
    seed: number
  ) {
    this.rng = new Rng(seed, `traffic:${bot.index}`)
    this.userExtIds = new ObjectIdMaker(this.rng)
    this.conversations = new ConversationMaker(sink, bot, cat, this.rng, window.endMs)
  }

  private businessKey (): string | null {
    const { rng, bot } = this
    if (bot.vendor !== 'eva' || !rng.chance(0.7)) return null
    if (rng.chance(0.5)) return 'CUS-' + rng.digits(8)
    return bot.def.language === 'es' ? '+346' + rng.digits(8) : '+55' + rng.pick(DDD) + '9' + rng.digits(8)
  }

  private newUser (startMs: number): number {
    const { rng, bot, cat } = this
    const id = ++this.sink.userId
    const ext = bot.vendor === 'eva' ? uuid(rng) : bot.vendor === 'kore' ? `u-${uuid(rng)}` : this.userExtIds.make(startMs)
    const key = this.businessKey()
    const u = this.sink.users
    u.put(id); u.put(bot.id); u.put(ext); u.put(`${rng.pick(cat.firstNames)} ${rng.pick(cat.lastNames)}`); u.put(key); u.put(startMs)
    u.end()
    this.userIds.push(id)
    this.userKeys.push(key)
    this.busyUntil.push(startMs)
    return this.userIds.length - 1
  }

  /** A returning user, most often a recent one; -1 when none is free. */
  private returningUser (startMs: number, recent: number): number {
    const n = this.userIds.length
    if (n === 0) return -1
    for (let attempt = 0; attempt < 3; attempt++) {
      const c = this.rng.chance(0.7)
        ? n - 1 - Math.floor(this.rng.float() ** 2 * Math.min(n, recent))
        : this.rng.int(0, n - 1)
      if (this.busyUntil[c] < startMs) return c
    }
    return -1
  }

  /** Generates the whole history; `onDay` ticks once per local day inside the window. */
  run (perDay: number, onDay: () => void): void {
    const { rng, bot, window, sink } = this
    const daily = perDay * bot.def.size
    const weekend: [number, number] = WORKPLACE_DOMAINS.has(bot.def.domain) ? [0.3, 0.25] : [0.6, 0.5]
    const model = volumeModel(rng, window, daily, weekend)
    const channels = cumulative(bot.channelShares)
    const recent = Math.max(30, Math.round(daily * 30 * 0.4))
    const lastStart = window.endMs - LAST_START_MARGIN_MS
    const span = window.endMs - window.startMs

    for (const day of localDays(bot.def.tz, window)) {
      const count = poisson(rng, model.expected(day))
      const isWeekend = day.weekday === 0 || day.weekday === 6
      const starts = new Float64Array(count)
      for (let i = 0; i < count; i++) starts[i] = localToUtc(bot.def.tz, day, drawLocalTime(rng, isWeekend))
      starts.sort()
      for (let i = 0; i < count; i++) {
        const utc = starts[i]
        // the first and last local days straddle the window: keep only what falls inside
        if (utc < window.startMs || utc > window.endMs) continue
        const startMs = Math.min(utc, lastStart)
        const t = (startMs - window.startMs) / span
        let user = rng.chance(0.45 - 0.1 * t) ? -1 : this.returningUser(startMs, recent)
        const isNewUser = user < 0
        if (isNewUser) user = this.newUser(startMs)
        this.busyUntil[user] = this.conversations.write({
          startMs,
          userId: this.userIds[user],
          isNewUser,
          businessKey: this.userKeys[user],
          channelId: bot.channelIds[rng.pickCumulative(channels)],
          t
        })
        sink.checkpoint(this.conversations.rows)
        this.conversations.rows = 0
      }
      if (day.index >= 0 && day.index < window.days) onDay()
    }
  }
}
