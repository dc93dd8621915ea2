/** One session's messages and summary row: welcome, user turns, NLP outcome, answers, outcome fields. */
import type { BotCatalogue } from './catalogue.js'
import { ObjectIdMaker, uuid } from './ids.js'
import type { TrafficRows } from './sink.js'
import type { SeededBot } from './tenant-rows.js'
import { cumulative, type Rng } from './prng.js'

export interface SessionStart {
  startMs: number
  userId: number
  isNewUser: boolean
  businessKey: string | null
  channelId: number
  /** position in the history, 0 … 1: drives the drift of quality metrics */
  t: number
}

const clamp = (x: number, lo: number, hi: number): number => x < lo ? lo : x > hi ? hi : x

/** Satisfaction 1..5 (index + 1): mostly positive, worse after misses or a drop-off. */
const CUM_GOOD = cumulative([0.08, 0.07, 0.12, 0.28, 0.45])
const CUM_BAD = cumulative([0.24, 0.17, 0.22, 0.21, 0.16])

export class ConversationMaker {
  private readonly codes: ObjectIdMaker
  private readonly flowsSeen: number[] = []
  private readonly tagJson: string[][]
  /** share of user messages not understood at the start of the history */
  private readonly missRate: number
  rows = 0

  constructor (
    private readonly sink: TrafficRows,
    private readonly bot: SeededBot,
    private readonly cat: BotCatalogue,
    private readonly rng: Rng,
    private readonly endMs: number
  ) {
    this.codes = new ObjectIdMaker(rng)
    this.missRate = rng.range(0.12, 0.25)
    const tags = cat.domain.tags
    this.tagJson = tags.map((a, i) => tags.map((b, j) => JSON.stringify(i === j ? [a] : [a, b])))
  }

  private message (sid: number, s: SessionStart, seq: number, ts: number, direction: number, textId: number | null, answerId: number | null, intentId: number | null, confidence: number | null, understood: number | null, replyTo: number | null): number {
    const m = this.sink.messages
    const id = ++this.sink.messageId
    m.put(id); m.put(sid); m.put(this.bot.id); m.put(s.channelId); m.put(s.userId); m.put(seq); m.put(ts)
    m.put(direction); m.put(textId); m.put(answerId); m.put(intentId); m.put(confidence); m.put(understood); m.put(replyTo)
    m.end()
    return id
  }

  private pickIntent (previous: number): number {
    const rng = this.rng
    const cat = this.cat
    if (previous >= 0 && rng.chance(0.4)) {
      const flow = cat.intentFlow[previous]
      return cat.flowIntents[flow][rng.pickCumulative(cat.flowCumulative[flow])]
    }
    return rng.pickCumulative(cat.intentCumulative)
  }

  private entities (messageId: number, intent: number, text: number): void {
    const rng = this.rng
    const own = this.cat.textEntities[intent][text]
    const names = this.cat.entityNames
    const first = own.length > 0 ? rng.pick(own) : rng.int(0, names.length - 1)
    const e = this.sink.entities
    e.put(messageId); e.put(this.bot.id); e.put(names[first]); e.end()
    this.rows++
    if (rng.chance(0.3)) {
      const second = own.length > 1 ? rng.pick(own) : rng.int(0, names.length - 1)
      if (second === first) return
      e.put(messageId); e.put(this.bot.id); e.put(names[second]); e.end()
      this.rows++
    }
  }

  /** Writes the session; returns its end instant. */
  write (s: SessionStart): number {
    const { rng, cat, bot } = this
    const sid = ++this.sink.sessionId
    const threshold = bot.threshold
    const flows = this.flowsSeen
    flows.length = 0
    let seq = 0
    let ts = s.startMs
    this.message(sid, s, seq++, ts, 1, null, cat.welcomeAnswer, null, null, null, null)
    let botMsgs = 1
    let userMsgs = 0
    let misses = 0
    let firstText: number | null = null
    // Kore counts proactive, bot-only sessions as non-interactive
    const interactive = bot.vendor !== 'kore' || !rng.chance(0.08)
    if (!interactive) {
      if (rng.chance(0.4)) {
        ts += rng.int(1500, 6000)
        const answers = cat.intentAnswers[rng.pickCumulative(cat.intentCumulative)]
        this.message(sid, s, seq++, ts, 1, null, answers[0], null, null, null, null)
        botMsgs++
      }
    } else {
      // long-tailed: median 2, p90 about 8; redrawn above the cap so no spike builds up at 40
      let turns = Math.max(1, Math.round(rng.lognormal(1.9, 1.05)))
      while (turns > 40) turns = Math.max(1, Math.round(rng.lognormal(1.9, 1.05)))
      const missRate = this.missRate * (1 - 0.3 * s.t)
      let previous = -1
      for (let k = 0; k < turns; k++) {
        const inTs = ts + Math.round(clamp(rng.lognormal(20_000, 0.8), 5_000, 120_000))
        // the snapshot ends at the window's end: a session still going then stops there
        if (k > 0 && inTs + 5_000 > this.endMs) break
        const inId = this.sink.messageId + 1
        if (rng.chance(missRate)) {
          const text = cat.oosTexts[rng.int(0, cat.oosTexts.length - 1)]
          let confidence = Math.floor(rng.range(0.05, threshold) * 1e4) / 1e4
          if (confidence >= threshold) confidence -= 1e-4
          this.message(sid, s, seq++, inTs, 0, text, null, null, confidence, 0, null)
          firstText ??= text
          misses++
          const scoped = bot.vendor === 'chatbotcom' && previous >= 0 ? cat.contextFallbackAnswer[previous] : 0
          const answer = scoped !== 0 ? scoped : cat.fallbackAnswers[rng.int(0, cat.fallbackAnswers.length - 1)]
          ts = inTs + rng.int(500, 3000)
          this.message(sid, s, seq++, ts, 1, null, answer, null, null, null, inId)
          botMsgs++
        } else {
          const intent = this.pickIntent(previous)
          previous = intent
          const texts = cat.intentTexts[intent]
          const textIndex = Math.floor(texts.length * Math.pow(rng.float(), 1.6))
          const text = texts[textIndex]
          const confidence = Math.round((0.99 - (0.99 - threshold) * rng.float() * rng.float()) * 1e4) / 1e4
          this.message(sid, s, seq++, inTs, 0, text, null, cat.intentIds[intent], confidence, 1, null)
          firstText ??= text
          if (rng.chance(0.25)) this.entities(inId, intent, textIndex)
          const flow = cat.intentFlow[intent]
          if (!flows.includes(flow)) flows.push(flow)
          const answers = cat.intentAnswers[intent]
          ts = inTs + rng.int(500, 3000)
          if (answers.length > 1 && rng.chance(0.7)) {
            this.message(sid, s, seq++, ts, 1, null, answers[0], null, null, null, inId)
            ts += rng.int(300, 2000)
            this.message(sid, s, seq++, ts, 1, null, answers[1], null, null, null, inId)
            botMsgs += 2
          } else {
            this.message(sid, s, seq++, ts, 1, null, answers[rng.int(0, answers.length - 1)], null, null, null, inId)
            botMsgs++
          }
        }
        userMsgs++
      }
    }

    const missShare = userMsgs > 0 ? misses / userMsgs : 0
    const u = rng.float()
    const pDrop = interactive ? 0.12 + 0.5 * missShare + (userMsgs === 1 ? 0.04 : 0) : 0
    const pAgent = interactive ? 0.09 + 0.15 * missShare : 0
    const containment = u < pDrop ? 'dropOff' : u < pDrop + pAgent ? 'agent' : 'selfService'
    let satisfaction: number | null = null
    if (interactive && rng.chance(0.35)) {
      satisfaction = 1 + rng.pickCumulative(containment === 'dropOff' || missShare > 0.34 ? CUM_BAD : CUM_GOOD)
    }
    const tagRoll = rng.float()
    const tags = tagRoll < 0.62 ? '[]' : tagRoll < 0.92 ? this.single(rng) : this.pair(rng)
    const language = bot.def.language !== 'en' && rng.chance(0.03) ? 'en' : bot.def.language

    const row = this.sink.sessions
    row.put(sid); row.put(bot.id); row.put(s.channelId); row.put(s.userId)
    row.put(bot.vendor === 'eva' ? uuid(rng) : this.codes.make(s.startMs))
    row.put(s.startMs); row.put(ts); row.put(ts > this.endMs - 1_800_000 ? 'active' : 'closed')
    row.put(interactive ? 1 : 0); row.put(containment); row.put(satisfaction); row.put(s.businessKey)
    row.put(s.isNewUser ? 1 : 0); row.put(userMsgs >= 2 || rng.chance(0.28) ? 1 : 0); row.put(language); row.put(tags)
    row.put(userMsgs); row.put(botMsgs); row.put(flows.length); row.put(firstText)
    row.end()

    const sf = this.sink.sessionFlows
    for (let i = 0; i < flows.length; i++) {
      sf.put(sid); sf.put(i); sf.put(cat.flowIds[flows[i]]); sf.put(bot.id); sf.put(s.channelId); sf.put(s.startMs)
      sf.end()
    }
    this.rows += seq + 1 + flows.length
    return ts
  }

  private single (rng: Rng): string {
    const i = rng.int(0, this.tagJson.length - 1)
    return this.tagJson[i][i]
  }

  private pair (rng: Rng): string {
    const n = this.tagJson.length
    const i = rng.int(0, n - 1)
    const j = (i + rng.int(1, Math.max(1, n - 1))) % n
    return this.tagJson[i][j]
  }
}
