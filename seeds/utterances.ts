/** Turns utterance templates into messy, human-looking user messages (slots, greetings, typos). */
import type { Rng } from './prng.js'
import type { SlotFiller } from './slots.js'
import type { Lang } from './domains/types.js'
import { OUT_OF_SCOPE } from './domains/out-of-scope.js'

export interface Utterance {
  text: string
  /** slot names (trailing digits dropped) the text contains a value for */
  slots: string[]
}

const PREFIXES: Record<Lang, string[]> = {
  en: ['hi', 'hello', 'hey', 'hi,', 'good morning,', 'please', 'quick question:', 'hi there'],
  pt: ['oi', 'olá', 'bom dia,', 'boa tarde,', 'por favor', 'oi, tudo bem?', 'boa noite'],
  es: ['hola', 'buenas,', 'buenos días,', 'por favor', 'hola, una pregunta:', 'buenas tardes']
}

const SUFFIXES: Record<Lang, string[]> = {
  en: ['please', 'thanks', 'pls', 'asap', 'thank you', '!!'],
  pt: ['por favor', 'pfv', 'obrigado', 'urgente', 'obg', 'rs'],
  es: ['por favor', 'gracias', 'porfa', 'urgente', 'gracias!']
}

const MASH = 'asdfghjklqwertyuiopzxcvbnm'

function typo (text: string, rng: Rng): string {
  const words = text.split(' ')
  const candidates = words.map((w, i) => (w.length >= 4 ? i : -1)).filter(i => i >= 0)
  if (candidates.length === 0) return text
  const wi = rng.pick(candidates)
  const w = words[wi]
  const p = rng.int(1, w.length - 2)
  const kind = rng.int(0, 2)
  if (kind === 0) words[wi] = w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2)
  else if (kind === 1) words[wi] = w.slice(0, p) + w.slice(p + 1)
  else words[wi] = w.slice(0, p) + w[p] + w.slice(p)
  return words.join(' ')
}

const stripAccents = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')

/** Random surface noise: casing, missing accents, typos, greetings, trailing words. */
function roughen (text: string, lang: Lang, rng: Rng): string {
  let s = text
  if (rng.chance(0.18)) s = `${rng.pick(PREFIXES[lang])} ${s}`
  if (rng.chance(0.12)) s = `${s.replace(/[?.!]$/, '')} ${rng.pick(SUFFIXES[lang])}`
  const casing = rng.float()
  if (casing < 0.3) s = s.toLowerCase()
  else if (casing < 0.55) s = s[0].toUpperCase() + s.slice(1)
  if (lang !== 'en' && rng.chance(0.2)) s = stripAccents(s)
  if (rng.chance(0.1)) s = typo(s, rng)
  if (rng.chance(0.1) && !s.endsWith('?')) s += '?'
  return s
}

function fillTemplate (template: string, fill: SlotFiller): Utterance {
  const slots: string[] = []
  const used = new Set<string>()
  const text = template.replace(/\{(\w+)\}/g, (_m, slot: string) => {
    let value = fill(slot)
    // "from Madrid to Madrid" reads wrong: redraw a value already used in this sentence
    for (let i = 0; i < 4 && used.has(value); i++) value = fill(slot)
    used.add(value)
    const name = slot.replace(/\d+$/, '')
    if (!slots.includes(name)) slots.push(name)
    return value
  })
  return { text, slots }
}

/** 20–40 distinct user messages for one intent. */
export function intentUtterances (templates: string[], fill: SlotFiller, lang: Lang, rng: Rng): Utterance[] {
  const target = rng.int(20, 40)
  const seen = new Set<string>()
  const out: Utterance[] = []
  // the plain templates first: they are how most people phrase it
  for (let attempt = 0; out.length < target && attempt < target * 8; attempt++) {
    const filled = fillTemplate(templates[attempt % templates.length], fill)
    const text = attempt < templates.length ? filled.text : roughen(filled.text, lang, rng)
    if (seen.has(text)) continue
    seen.add(text)
    out.push({ text, slots: filled.slots })
  }
  return out
}

/** 85–100 things the bot will not understand: off-topic lines, noise and keyboard mashing. */
export function outOfScopeUtterances (extras: string[], lang: Lang, rng: Rng): string[] {
  const base = [...OUT_OF_SCOPE[lang], ...extras]
  const target = rng.int(85, 100)
  const seen = new Set<string>(base)
  const out = [...base]
  for (let attempt = 0; out.length < target && attempt < target * 10; attempt++) {
    let text: string
    if (rng.chance(0.15)) {
      text = ''
      const n = rng.int(4, 9)
      for (let i = 0; i < n; i++) text += MASH[rng.int(0, MASH.length - 1)]
    } else {
      text = roughen(rng.pick(base), lang, rng)
    }
    if (seen.has(text)) continue
    seen.add(text)
    out.push(text)
  }
  return out
}
