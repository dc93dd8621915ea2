/** Shape of a bot domain: the hand-written catalogue one bot's NLP model and answers come from. */

export type Lang = 'en' | 'pt' | 'es'
export type Currency = 'BRL' | 'EUR' | 'USD' | 'GBP' | 'INR' | 'PLN'

export interface AnswerSpec {
  text: string
  type?: 'TEXT' | 'CAROUSEL' | 'BUTTON'
  /** button labels; stored as [{name, value, action: 'POSTBACK'}] */
  buttons?: string[]
}

export interface IntentSpec {
  name: string
  flow: string
  nlp?: 'INTENT' | 'DOCUMENT' | 'QUESTION'
  /** utterance templates; `{slot}` is filled from DomainSpec.slots or the generic fillers */
  says: string[]
  answers: Array<string | AnswerSpec>
}

export interface DomainSpec {
  lang: Lang
  currency: Currency
  flows: string[]
  /** in popularity order: the first is the most asked */
  intents: IntentSpec[]
  /** entity names; a `{slot}` whose name (trailing digits dropped) is listed here is an entity */
  entities: string[]
  slots: Record<string, string[]>
  tags: string[]
  welcome: string
  fallback: string[]
  /** ChatBot.com only: fallbacks scoped to an interaction */
  contextFallbacks?: Array<{ parent: string, text: string }>
  /** domain-flavoured off-topic lines, added to the language's pool */
  outOfScope: string[]
}
