/** Fuzz suite (issue 5, robustness): seeded malformed and hostile requests across every route; no 5xx, vendor envelopes, valid 2xx, still serving, bounded memory. */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build } from './helper.js'
import { rng } from './property.js'
import { baseline, chatbotFixtures, evaFixtures, koreFixtures, type Fixtures } from './fuzz/baseline.js'
import { normalizeTemplate, registeredRoutes, routeCatalogue, type Group, type RouteSpec } from './fuzz/catalog.js'
import { mutate, type Expectation } from './fuzz/mutate.js'
import { BROWSER_PAGE_PATH, envelopeOf, judge, isFrameworkBadUrl, type Answer, type Problem } from './fuzz/oracle.js'
import { describe, effectiveUrl, renderPayload, renderUrl, sizeOf, type FuzzRequest } from './fuzz/request.js'
import { probes, replayCases } from './fuzz/replays.js'
import { pick } from './fuzz/values.js'

/** FUZZ_COUNT=10000 through `npm run fuzz`; the normal run (CI) keeps to ~1,500 requests. */
const COUNT = Number(process.env.FUZZ_COUNT ?? 1500)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_000)
if (!Number.isSafeInteger(COUNT) || COUNT < 1 || !Number.isSafeInteger(SEED)) throw new Error('FUZZ_COUNT and FUZZ_SEED must be integers')
/** An answer slower than this is a hang. */
const HANG_MS = 20_000
/** A valid request per vendor after every this many fuzz requests. */
const LIVENESS_EVERY = 500
/** Memory is read (after a full GC) this often, to show its course. */
const CHECKPOINT_EVERY = 1000
/** Resident memory may grow this much from warm-up to the end. */
const RSS_BUDGET = 150 * 1024 * 1024
/** Baseline draws per route before fuzzing, from a fixed seed so the check is the same on every run. */
const BASELINE_DRAWS = 8
/** Share of the requests each route group gets (routes within a group are drawn evenly). */
const SHARE: Record<Group, number> = { eva: 0.35, kore: 0.35, chatbotcom: 0.15, sandbox: 0.15 }
const GROUPS: Group[] = ['eva', 'kore', 'chatbotcom', 'sandbox']

// a collectable heap before each reading, so the memory check measures what is kept, not garbage
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

function settledMemory (): NodeJS.MemoryUsage {
  gc()
  gc()
  return process.memoryUsage()
}

interface Failure {
  kind: Problem['kind'] | 'hang' | 'crash' | 'baseline' | 'liveness'
  detail: string
  route: string
  mutation: string
  index: number
  req: FuzzRequest
  status: number | null
  body: string
  count: number
}

/** Answers `req`, or null after HANG_MS; a rejection is rethrown for the caller to record as a crash. */
async function send (app: FastifyInstance, req: FuzzRequest): Promise<Answer | null> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<null>(resolve => { timer = setTimeout(() => resolve(null), HANG_MS) })
  try {
    const res = await Promise.race([
      app.inject({ method: req.method as 'GET', url: renderUrl(req), headers: req.headers, payload: renderPayload(req) }),
      timeout
    ])
    return res === null ? null : { status: res.statusCode, headers: res.headers, body: res.body }
  } finally {
    clearTimeout(timer)
  }
}

/** The control plane must not keep a clock, fault rule or rate-limit switch a fuzz request set. */
async function cleanControlPlane (app: FastifyInstance): Promise<void> {
  await app.inject({ method: 'DELETE', url: '/__sandbox/faults' })
  await app.inject({ method: 'DELETE', url: '/__sandbox/clock' })
  await app.inject({ method: 'PUT', url: '/__sandbox/rate-limits', payload: { kore: false } })
}

/** The route template as a regular expression, to tell whether a mutated path still names the route. */
function templatePattern (template: string): RegExp {
  const escaped = template.split('/').map(seg => /^\{\w+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('/')}$`)
}

function bodyShape (body: string): string {
  try {
    const v: unknown = JSON.parse(body)
    return typeof v === 'object' && v !== null ? Object.keys(v).sort().join(',') : typeof v
  } catch {
    return 'not-json'
  }
}

t.test('fuzz: hostile requests across every route get a 4xx in the vendor envelope or a valid 2xx, never a 5xx', async t => {
  t.comment(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${COUNT} requests`)
  const started = Date.now()
  const app = await build(t)
  const r = rng(SEED)
  const { routes } = routeCatalogue(app)

  // every route the app registers is a fuzz target, and every target is a route
  // the pages for people (console, Swagger UI) are not API routes: no fuzz targets
  const registered = new Set([...registeredRoutes(app)].filter(k => !(k.startsWith('GET ') && BROWSER_PAGE_PATH.test(k.slice(4)))))
  const covered = new Set(routes.map(x => `${x.method} ${normalizeTemplate(x.path)}`))
  t.same([...registered].filter(k => !covered.has(k)), [], 'every registered route is in the fuzz catalogue')
  t.same([...covered].filter(k => !registered.has(k)), [], 'every fuzz target is a registered route')
  t.same(routes.filter(x => x.auth === 'kore' && x.koreApps.length === 0).map(x => x.id), [], 'every Kore route has its app kinds')

  const failures = new Map<string, Failure>()
  function record (signature: string, f: Omit<Failure, 'count'>): void {
    const seen = failures.get(signature)
    if (seen === undefined) failures.set(signature, { ...f, count: 1 })
    else {
      seen.count++
      // keep the smallest reproduction of each distinct failure
      if (sizeOf(f.req) < sizeOf(seen.req)) Object.assign(seen, { ...f, count: seen.count })
    }
  }

  const stats = new Map<string, number>()
  const bump = (key: string) => stats.set(key, (stats.get(key) ?? 0) + 1)

  let fixtures: Fixtures = {}
  async function resetAndLoad (): Promise<void> {
    const res = await app.inject({ method: 'POST', url: '/__sandbox/reset' })
    if (res.statusCode !== 200) throw new Error(`reset failed: ${res.statusCode}`)
    fixtures = { eva: await evaFixtures(app), kore: await koreFixtures(app), chatbot: await chatbotFixtures(app) }
  }

  /** Known-good requests, one per vendor and the control plane: all must still answer 200. */
  async function liveness (index: number): Promise<void> {
    for (const probe of probes(fixtures)) {
      const answer = await send(app, probe)
      if (answer === null || answer.status !== 200) {
        record(`liveness|${probe.template}|${answer?.status ?? 'hang'}`, {
          kind: 'liveness', detail: `a valid request answered ${answer?.status ?? 'nothing'} after ${index} fuzz requests`, route: probe.template, mutation: 'none', index, req: probe, status: answer?.status ?? null, body: answer?.body.slice(0, 500) ?? ''
        })
      }
    }
  }

  let index = 0
  let warm: NodeJS.MemoryUsage | null = null
  const checkpoints: Array<[number, NodeJS.MemoryUsage]> = []
  const warmupAt = Math.min(200, Math.floor(COUNT / 10))

  /** Sends one request and judges the answer; `expect` and `sameRoute` say what the answer may be. */
  async function exercise (route: RouteSpec, req: FuzzRequest, mutation: string, expect: Expectation, sameRoute: boolean, kind: 'fuzz' | 'baseline'): Promise<void> {
    let answer: Answer | null
    try {
      answer = await send(app, req)
    } catch (err) {
      record(`crash|${route.id}|${mutation.split(':')[0]}`, { kind: 'crash', detail: String(err), route: route.id, mutation, index, req, status: null, body: '' })
      return
    }
    if (answer === null) {
      record(`hang|${route.id}|${mutation.split(':')[0]}`, { kind: 'hang', detail: `no answer within ${HANG_MS} ms`, route: route.id, mutation, index, req, status: null, body: '' })
      return
    }
    if (kind === 'fuzz') {
      const cls = `${Math.floor(answer.status / 100)}xx`
      bump(`vendor|${route.group}|${cls}`)
      bump(`category|${mutation.split(/[.:]/)[0]}|${cls}`)
      if (isFrameworkBadUrl(effectiveUrl(req), answer)) bump('exempt|FST_ERR_BAD_URL')
    }
    const effective = sameRoute ? route : { ...route, ok: { kind: 'json' as const } }
    const problems = judge(effective, req.method, effectiveUrl(req), expect, answer)
    if (kind === 'baseline' && (answer.status < 200 || answer.status >= 300)) {
      problems.push({ kind: 'status', detail: `the baseline request answered ${answer.status}`, envelope: envelopeOf(effectiveUrl(req)) })
    }
    for (const p of problems) {
      const base = mutation.split(':')[0]
      const signature = kind === 'baseline'
        ? `baseline|${route.id}|${p.kind}`
        : p.kind === 'envelope'
          ? `envelope|${p.envelope}|${answer.status}|${bodyShape(answer.body)}`
          : `${p.kind}|${route.id}|${base}|${answer.status}`
      record(signature, { kind: kind === 'baseline' ? 'baseline' : p.kind, detail: p.detail, route: route.id, mutation, index, req, status: answer.status, body: answer.body.slice(0, 500) })
    }
  }

  const counts = GROUPS.map(g => Math.round(COUNT * SHARE[g]))
  counts[0] += COUNT - counts.reduce((a, b) => a + b, 0)

  for (const [gi, group] of GROUPS.entries()) {
    // each group starts from the seeded state with fresh fixtures (the control plane's reset between groups)
    await resetAndLoad()
    const targets = routes.filter(x => x.group === group)
    const rb = rng(gi + 1)
    for (const route of targets) {
      for (let k = 0; k < BASELINE_DRAWS; k++) {
        await exercise(route, baseline(route, rb, fixtures), 'none', {}, true, 'baseline')
        if (group === 'sandbox') await cleanControlPlane(app)
      }
    }
    for (let n = 0; n < counts[gi]; n++) {
      const route = pick(r, targets)
      const base = baseline(route, r, fixtures)
      const m = mutate(base, {
        r,
        route,
        f: fixtures,
        allowed: path => app.allowedMethods(path),
        faultHeaders: route.group !== 'sandbox' && route.id !== 'evaToken' && route.id !== 'evaReportFile'
      })
      const sameRoute = m.req.method === route.method && templatePattern(route.path).test(effectiveUrl(m.req).split('?')[0])
      index++
      await exercise(route, m.req, m.mutation, m.expect, sameRoute, 'fuzz')
      if (effectiveUrl(m.req).startsWith('/__sandbox') && m.req.method !== 'GET' && m.req.method !== 'HEAD') await cleanControlPlane(app)
      if (index % LIVENESS_EVERY === 0) await liveness(index)
      if (index === warmupAt) warm = settledMemory()
      if (index % CHECKPOINT_EVERY === 0) checkpoints.push([index, settledMemory()])
    }
    await liveness(index)
  }

  // nothing the fuzzer did to the control plane stays installed
  await app.inject({ method: 'POST', url: '/__sandbox/reset' })
  t.same((await app.inject({ method: 'GET', url: '/__sandbox/faults' })).json().rules, [], 'no fault rule left installed')
  t.same((await app.inject({ method: 'GET', url: '/__sandbox/rate-limits' })).json(), { kore: false }, 'rate limits back off')

  const end = settledMemory()
  const rssWarm = warm?.rss ?? 0
  const rssEnd = end.rss
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
  t.comment(`${index} fuzz requests in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  t.comment(`memory after warm-up (${warmupAt} requests): rss ${mb(rssWarm)}, heap ${mb(warm?.heapUsed ?? 0)}; at the end: rss ${mb(rssEnd)} (${rssEnd >= rssWarm ? '+' : ''}${mb(rssEnd - rssWarm)}), heap ${mb(end.heapUsed)}`)
  t.comment(`memory course (rss / heap / external): ${checkpoints.map(([i, m]) => `${i}: ${mb(m.rss)} / ${mb(m.heapUsed)} / ${mb(m.external)}`).join('; ')}`)
  for (const g of GROUPS) {
    const line = ['2xx', '3xx', '4xx', '5xx'].map(c => `${c} ${stats.get(`vendor|${g}|${c}`) ?? 0}`).join(', ')
    t.comment(`  ${g.padEnd(10)} ${line}`)
  }
  const categories = [...new Set([...stats.keys()].filter(k => k.startsWith('category|')).map(k => k.split('|')[1]))].sort()
  for (const c of categories) {
    t.comment(`  mutation ${c.padEnd(12)} ${['2xx', '4xx', '5xx'].map(s => `${s} ${stats.get(`category|${c}|${s}`) ?? 0}`).join(', ')}`)
  }
  t.comment(`  exempted framework bad-URL answers (FST_ERR_BAD_URL): ${stats.get('exempt|FST_ERR_BAD_URL') ?? 0}`)

  t.ok(index >= COUNT, `sent ${index} fuzz requests`)
  t.ok(rssWarm > 0 && rssEnd - rssWarm < RSS_BUDGET, `memory stays bounded: rss grew ${mb(rssEnd - rssWarm)} (budget ${mb(RSS_BUDGET)})`)
  for (const [signature, f] of failures) {
    t.fail(`${f.kind}: ${f.detail} [${signature}] ×${f.count}`, {
      diagnostic: true,
      seed: SEED,
      index: f.index,
      route: f.route,
      mutation: f.mutation,
      repro: describe(f.req),
      status: f.status,
      body: f.body
    })
  }
  t.equal(failures.size, 0, `no distinct failures (seed ${SEED})`)
})

t.test('replays: minimal repros of what fuzzing found, whatever the seed', async t => {
  const app = await build(t)
  const { routes } = routeCatalogue(app)
  const fixtures: Fixtures = { eva: await evaFixtures(app), kore: await koreFixtures(app), chatbot: await chatbotFixtures(app) }
  for (const c of replayCases(fixtures)) {
    const route = routes.find(x => x.id === c.routeId)
    if (route === undefined) throw new Error(`no route ${c.routeId}`)
    for (const req of c.setup ?? []) await send(app, req)
    const started = performance.now()
    const answer = await send(app, c.req)
    const ms = performance.now() - started
    const problems = answer === null
      ? [`no answer within ${HANG_MS} ms`]
      : judge(route, c.req.method, effectiveUrl(c.req), { statuses: c.statuses }, answer).map(p => `${p.kind}: ${p.detail}`)
    if (c.maxMs !== undefined && ms > c.maxMs) problems.push(`hang: answered after ${Math.round(ms)} ms (budget ${c.maxMs} ms)`)
    if (c.thenServing === true) {
      for (const probe of probes(fixtures)) {
        const after = await send(app, probe)
        if (after?.status !== 200) problems.push(`stopped serving: ${probe.method} ${probe.template} then answered ${after?.status ?? 'nothing'}`)
      }
    }
    await cleanControlPlane(app)
    t.same(problems, [], c.name, { repro: describe(c.req), status: answer?.status, body: answer?.body.slice(0, 300), cause: c.cause })
  }
})
