/** Fault injection: rules that add latency, answer an error status or drop the connection; seeded, so runs repeat. */
import type { FaultRule } from '../../schemas/sandbox.js'
import { uniformStream } from '../../seeds/prng.js'

export interface FaultTarget { vendor: string, method: string, path: string, botIds: string[] }

/** What to do to one request: wait, then answer a status, or drop the connection. */
export interface FaultAction { delayMs: number, status: number | null, retryAfter: number | null, drop: boolean, rules: number[] }

interface LiveRule { rule: FaultRule, id: number, pattern: RegExp | null, random: () => number, hits: number, applied: number }

/** `*` matches one path segment, `**` any number of them. */
function globToRegExp (glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').split('**').map(part => part.replace(/\*/g, '[^/]*')).join('.*')
  return new RegExp(`^${escaped}$`)
}

function latency (rule: FaultRule, random: () => number): number {
  const l = rule.latency
  if (l === undefined) return 0
  if (l.kind === 'fixed') return l.ms
  if (l.kind === 'uniform') return l.min + random() * (l.max - l.min)
  // lognormal around the median: Box–Muller on two draws of the rule's own stream
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  return Math.min(l.median * Math.exp(l.sigma * z), 60_000)
}

export function createFaults () {
  let seed = 1
  let rules: LiveRule[] = []

  return {
    /** Replaces every rule; each gets its own PRNG stream from the seed, so the same rules and
     * requests fail the same way on every run. */
    set (next: FaultRule[], nextSeed = 1): void {
      seed = nextSeed
      rules = next.map((rule, i) => ({
        rule,
        id: i + 1,
        pattern: rule.route === undefined ? null : globToRegExp(rule.route),
        random: uniformStream(seed, `fault-rule-${i}`),
        hits: 0,
        applied: 0
      }))
    },
    list () {
      return { seed, rules: rules.map(r => ({ id: r.id, ...r.rule, hits: r.hits, applied: r.applied })) }
    },
    clear (): void { rules = [] },
    /** The combined action of every matching rule that fires (delays add up; the first status or drop wins). */
    decide (target: FaultTarget): FaultAction | null {
      let action: FaultAction | null = null
      for (const r of rules) {
        const { rule } = r
        if (rule.vendor !== undefined && rule.vendor !== target.vendor) continue
        if (rule.method !== undefined && rule.method.toUpperCase() !== target.method) continue
        if (r.pattern !== null && !r.pattern.test(target.path)) continue
        if (rule.bot !== undefined && !target.botIds.includes(rule.bot)) continue
        r.hits++
        if (rule.count !== undefined && r.applied >= rule.count) continue
        if (r.random() >= (rule.probability ?? 1)) continue
        r.applied++
        action ??= { delayMs: 0, status: null, retryAfter: null, drop: false, rules: [] }
        action.rules.push(r.id)
        action.delayMs += latency(rule, r.random)
        if (action.status === null && !action.drop) {
          if (rule.drop === true) action.drop = true
          else if (rule.status !== undefined) {
            action.status = rule.status
            action.retryAfter = rule.retryAfter ?? (rule.status === 429 || rule.status === 503 ? 1 : null)
          }
        }
      }
      return action
    }
  }
}

export type Faults = ReturnType<typeof createFaults>
