/** Writes one bot's flows, intents, answers and utterance pool, and keeps them in memory for traffic. */
import { createRequire } from 'node:module'
import type { Database, Statement } from 'better-sqlite3'
import type { LocaleDefinition } from '@faker-js/faker'
import { DOMAINS } from './domains/index.js'
import type { AnswerSpec, DomainSpec } from './domains/types.js'
import { hex24, uuid } from './ids.js'
import { deriveSeed, Rng, cumulative } from './prng.js'
import { makeSlotFiller } from './slots.js'
import type { SeededBot } from './tenant-rows.js'
import type { NameLocale } from './tenants.js'
import { intentUtterances, outOfScopeUtterances } from './utterances.js'

/** Everything the traffic generator draws from, as flat arrays indexed by intent position. */
export interface BotCatalogue {
  domain: DomainSpec
  flowIds: number[]
  intentIds: number[]
  intentFlow: number[]
  intentCumulative: Float64Array
  flowIntents: number[][]
  flowCumulative: Float64Array[]
  intentTexts: Int32Array[]
  /** per intent, per text: indices into entityNames of the values the text carries */
  textEntities: number[][][]
  intentAnswers: number[][]
  /** per intent: the answer of its contextFallback, 0 when it has none */
  contextFallbackAnswer: number[]
  oosTexts: Int32Array
  welcomeAnswer: number
  fallbackAnswers: number[]
  entityNames: string[]
  firstNames: string[]
  lastNames: string[]
}

export interface IdCounters { flow: number, intent: number, answer: number, text: number }

type FakerModule = typeof import('@faker-js/faker')

/**
 * faker is loaded on the first seeding, not at import: it is ~0.15 s of the server's cold start
 * (every locale loads with the package) and a server on an existing database never needs it.
 * A synchronous require of the ES module (Node ≥ 20.19, which faker itself requires), because
 * seeding is synchronous.
 */
let fakerModule: FakerModule | null = null
function fakerLib (): FakerModule {
  fakerModule ??= createRequire(import.meta.url)('@faker-js/faker') as FakerModule
  return fakerModule
}

function locales (): Record<NameLocale, LocaleDefinition> {
  const f = fakerLib()
  return { ptBR: f.pt_BR, es: f.es, enUS: f.en_US, enIN: f.en_IN, enGB: f.en_GB, pl: f.pl }
}

const snake = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')

export class CatalogueWriter {
  private readonly flow: Statement
  private readonly intent: Statement
  private readonly answer: Statement
  private readonly text: Statement

  constructor (db: Database, private readonly ids: IdCounters) {
    this.flow = db.prepare('INSERT INTO flows (id, bot_id, name) VALUES (?, ?, ?)')
    this.intent = db.prepare('INSERT INTO intents (id, bot_id, ext_id, name, kind, parent_id, flow_id, nlp_type, weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    this.answer = db.prepare('INSERT INTO answers (id, bot_id, intent_id, name, text, type, buttons) VALUES (?, ?, ?, ?, ?, ?, ?)')
    this.text = db.prepare('INSERT INTO texts (id, text) VALUES (?, ?)')
  }

  private addAnswer (botId: number, intentId: number, name: string, spec: string | AnswerSpec): number {
    const a = typeof spec === 'string' ? { text: spec } : spec
    const buttons = (a.buttons ?? []).map(b => ({ name: b, value: snake(b), action: 'POSTBACK' }))
    const type = a.type ?? (buttons.length > 0 ? 'BUTTON' : 'TEXT')
    this.answer.run(++this.ids.answer, botId, intentId, name, a.text, type, JSON.stringify(buttons))
    return this.ids.answer
  }

  private addText (text: string): number {
    this.text.run(++this.ids.text, text)
    return this.ids.text
  }

  write (bot: SeededBot, seed: number): BotCatalogue {
    const domain = DOMAINS[bot.def.domain]
    const rng = new Rng(seed, `catalogue:${bot.index}`)
    const lib = fakerLib()
    const faker = new lib.Faker({ locale: [locales()[bot.def.names], lib.en, lib.base], seed: deriveSeed(seed, `faker:${bot.index}`) })
    const fill = makeSlotFiller(domain, faker, rng)
    const extId = (): string => bot.vendor === 'eva' ? uuid(rng) : bot.vendor === 'kore' ? `dg-${uuid(rng)}` : hex24(rng)

    const flowIds = domain.flows.map(name => {
      this.flow.run(++this.ids.flow, bot.id, name)
      return this.ids.flow
    })

    // Zipf-like popularity in spec order, with neighbours swapped now and then per seed
    const ranks = domain.intents.map((_, i) => i)
    for (let i = 1; i < ranks.length; i++) if (rng.chance(0.25)) [ranks[i - 1], ranks[i]] = [ranks[i], ranks[i - 1]]
    const weights = ranks.map(r => Math.round(rng.range(0.85, 1.15) / Math.pow(r + 1, 1.05) * 1e4) / 1e4)

    const cat: BotCatalogue = {
      domain,
      flowIds,
      intentIds: [],
      intentFlow: [],
      intentCumulative: cumulative(weights),
      flowIntents: domain.flows.map(() => []),
      flowCumulative: [],
      intentTexts: [],
      textEntities: [],
      intentAnswers: [],
      contextFallbackAnswer: [],
      oosTexts: new Int32Array(0),
      welcomeAnswer: 0,
      fallbackAnswers: [],
      entityNames: domain.entities,
      firstNames: [],
      lastNames: []
    }

    domain.intents.forEach((spec, i) => {
      const flow = domain.flows.indexOf(spec.flow)
      if (flow < 0) throw new Error(`${spec.name}: unknown flow ${spec.flow}`)
      const id = ++this.ids.intent
      this.intent.run(id, bot.id, extId(), spec.name, 'intent', null, flowIds[flow], spec.nlp ?? 'INTENT', weights[i])
      cat.intentIds.push(id)
      cat.intentFlow.push(flow)
      cat.flowIntents[flow].push(i)
      cat.intentAnswers.push(spec.answers.map((a, k) => this.addAnswer(bot.id, id, `answer_${snake(spec.name)}${k > 0 ? `_${k + 1}` : ''}`, a)))
      cat.contextFallbackAnswer.push(0)
      const utterances = intentUtterances(spec.says, fill, domain.lang, rng)
      cat.intentTexts.push(Int32Array.from(utterances, u => this.addText(u.text)))
      cat.textEntities.push(utterances.map(u => u.slots.map(s => domain.entities.indexOf(s)).filter(e => e >= 0)))
    })
    cat.flowCumulative = cat.flowIntents.map(list => cumulative(list.map(i => weights[i])))

    const welcomeId = ++this.ids.intent
    this.intent.run(welcomeId, bot.id, extId(), 'Welcome Interaction', 'welcome', null, null, 'INTENT', 0)
    cat.welcomeAnswer = this.addAnswer(bot.id, welcomeId, 'answer_welcome', domain.welcome)
    const fallbackId = ++this.ids.intent
    this.intent.run(fallbackId, bot.id, extId(), 'Fallback Interaction', 'fallback', null, null, 'INTENT', 0)
    cat.fallbackAnswers = domain.fallback.map((text, k) => this.addAnswer(bot.id, fallbackId, `answer_fallback${k > 0 ? `_${k + 1}` : ''}`, text))
    for (const cf of domain.contextFallbacks ?? []) {
      const parent = domain.intents.findIndex(s => s.name === cf.parent)
      if (parent < 0) throw new Error(`contextFallback: unknown parent ${cf.parent}`)
      const id = ++this.ids.intent
      this.intent.run(id, bot.id, extId(), 'Fallback Interaction', 'contextFallback', cat.intentIds[parent], null, 'INTENT', 0)
      cat.contextFallbackAnswer[parent] = this.addAnswer(bot.id, id, `answer_fallback_${snake(cf.parent)}`, cf.text)
    }

    cat.oosTexts = Int32Array.from(outOfScopeUtterances(domain.outOfScope, domain.lang, rng), t => this.addText(t))
    const firstNames = new Set<string>()
    const lastNames = new Set<string>()
    for (let i = 0; i < 400; i++) {
      firstNames.add(faker.person.firstName())
      lastNames.add(faker.person.lastName())
    }
    cat.firstNames = [...firstNames]
    cat.lastNames = [...lastNames]
    // some locales know few surnames (pt_BR ~20); Brazilians carry two anyway
    if (cat.lastNames.length < 100) {
      const singles = cat.lastNames
      cat.lastNames = [...singles, ...singles.flatMap(a => singles.filter(b => b !== a).map(b => `${a} ${b}`))]
    }
    return cat
  }
}
