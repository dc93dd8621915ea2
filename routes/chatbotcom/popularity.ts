/** C5 the busiest-period heatmap and C6 interaction popularity. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ChatbotcomRepository } from '../../src/db/chatbotcom.repo.js'
import type { IntentRow } from '../../src/db/catalog.repo.js'
import { round2 } from '../../src/engine/buckets.js'
import { ref } from '../../schemas/common.js'
import {
  ChatbotHeatmapQuerySchema, ChatbotHeatmapSchema, ChatbotInteractionsQuerySchema, ChatbotInteractionsSchema
} from '../../schemas/chatbotcom/reports.js'
import { accountOf, chatbotErrors } from './errors.js'
import { reportRange, selection, values } from './params.js'

/** Tie order when values are equal: interactions (each followed by its context fallbacks), fallback, welcome. */
const KIND_ORDER: Record<IntentRow['kind'], number> = { intent: 0, contextFallback: 0, fallback: 1, welcome: 2 }

const plugin: FastifyPluginAsyncTypebox<{ repo: ChatbotcomRepository }> = async (app, opts) => {
  const { catalog } = app.repos
  const { weekStart, offsetSign, heatmapUsage } = app.config.chatbotcom
  const first = (v: string[] | null): string[] | null => v === null ? null : [v[0]]

  app.get('/conversations.heatmap', {
    schema: {
      tags: ['chatbotcom'],
      security: [{ chatbotBearer: [] }],
      operationId: 'chatbotConversationsHeatmap',
      summary: 'Conversations per weekday and hour (7 rows of 24 cells)',
      querystring: ChatbotHeatmapQuerySchema,
      response: { 200: ref(ChatbotHeatmapSchema), ...chatbotErrors(400, 401, 404) }
    }
  }, async (request) => {
    const q = request.query
    const range = reportRange(q, app.clock.now())
    // the seed shows source and storyId as scalars here: only the first value counts
    const sel = selection(catalog, accountOf(request).botIds, first(values(request, 'storyId')), first(values(request, 'source')), range)
    const offsetMs = (offsetSign === 'east' ? 1 : -1) * q.offset * 60_000
    const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
    for (const cell of opts.repo.heatmap(sel, offsetMs)) {
      const day = weekStart === 'sunday' ? cell.weekday : (cell.weekday + 6) % 7
      grid[day][cell.hour] += cell.value
    }
    const flat = grid.flat()
    const base = heatmapUsage === 'total' ? flat.reduce((a, b) => a + b, 0) : Math.max(...flat)
    return grid.map((row, day) => row.map((value, hour) => ({ day, hour, value, usage: base === 0 ? 0 : round2(value / base * 100) })))
  })

  app.get('/conversations.interactions', {
    schema: {
      tags: ['chatbotcom'],
      security: [{ chatbotBearer: [] }],
      operationId: 'chatbotConversationsInteractions',
      summary: 'How often each interaction was triggered, with its share of all triggers',
      querystring: ChatbotInteractionsQuerySchema,
      response: { 200: ref(ChatbotInteractionsSchema), ...chatbotErrors(400, 401, 404) }
    }
  }, async (request) => {
    const range = reportRange(request.query, app.clock.now())
    const sel = selection(catalog, accountOf(request).botIds, first(values(request, 'storyId')), null, range)
    const byIntent = new Map<number, number>()
    for (const t of opts.repo.triggers(sel)) {
      const intentId = catalog.answers.get(t.answerId)?.intentId
      if (intentId !== undefined) byIntent.set(intentId, (byIntent.get(intentId) ?? 0) + t.value)
    }
    // tree order first (each interaction, then its context fallbacks; fallback; welcome), so the
    // stable sort by value keeps that order among equal values
    const ordered: IntentRow[] = []
    for (const botId of sel.stories) {
      const intents = catalog.intentsOf(botId)
      for (const i of intents.filter(x => x.kind === 'intent')) {
        ordered.push(i, ...intents.filter(x => x.kind === 'contextFallback' && x.parentId === i.id))
      }
      ordered.push(...intents.filter(x => x.kind === 'fallback'), ...intents.filter(x => x.kind === 'welcome'))
    }
    const total = ordered.reduce((a, i) => a + (byIntent.get(i.id) ?? 0), 0)
    return ordered
      .map(i => ({ intent: i, value: byIntent.get(i.id) ?? 0 }))
      .sort((a, b) => b.value - a.value || KIND_ORDER[a.intent.kind] - KIND_ORDER[b.intent.kind])
      .map(({ intent, value }) => {
        const usage = total === 0 ? 0 : round2(value / total * 100)
        if (intent.kind === 'intent') return { name: intent.name, id: intent.extId, usage, value }
        const parent = intent.parentId === null ? undefined : catalog.intents.get(intent.parentId)
        return intent.kind === 'contextFallback'
          ? { parentId: parent?.extId ?? '', type: intent.kind, name: intent.name, usage, value }
          : { type: intent.kind, name: intent.name, usage, value }
      })
  })
}

export default plugin
