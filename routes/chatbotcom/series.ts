/** C1–C4: conversations, paid conversations, messages and messages per conversation, per UTC bucket. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { BucketRow, ChatbotcomRepository } from '../../src/db/chatbotcom.repo.js'
import { round2 } from '../../src/engine/buckets.js'
import { isoString } from '../../src/engine/iso.js'
import { bucketIndexer, bucketStarts } from '../../src/engine/utc-buckets.js'
import { BadRequestError } from '../../src/errors.js'
import { ref } from '../../schemas/common.js'
import { ChatbotSeriesQuerySchema, ChatbotSeriesReportSchema } from '../../schemas/chatbotcom/reports.js'
import { accountOf, chatbotErrors } from './errors.js'
import { reportRange, resolveDimension, selection, values } from './params.js'

type Measure = 'conversations' | 'paid' | 'messages' | 'avg'

const REPORTS: Array<{ path: string, measure: Measure, operationId: string, summary: string }> = [
  { path: '/conversations', measure: 'conversations', operationId: 'chatbotConversations', summary: 'Conversations per bucket' },
  { path: '/conversations.paid', measure: 'paid', operationId: 'chatbotConversationsPaid', summary: 'Conversations counted towards the billable quota, per bucket' },
  { path: '/conversations.messages', measure: 'messages', operationId: 'chatbotConversationsMessages', summary: 'Messages (user and bot) of the conversations started in each bucket' },
  { path: '/conversations.avg', measure: 'avg', operationId: 'chatbotConversationsAvg', summary: 'Average messages per conversation, per bucket' }
]

/** total, min, max over the buckets (zero buckets included) and avg = total ÷ buckets. */
export function summarize (vals: number[]) {
  if (vals.length === 0) return { total: 0, min: 0, max: 0, avg: 0 }
  const total = round2(vals.reduce((a, b) => a + b, 0))
  return { total, min: Math.min(...vals), max: Math.max(...vals), avg: round2(total / vals.length) }
}

interface Cells { conversations: number[], paid: number[], messages: number[] }

function emptyCells (n: number): Cells {
  return { conversations: new Array<number>(n).fill(0), paid: new Array<number>(n).fill(0), messages: new Array<number>(n).fill(0) }
}

function valuesOf (c: Cells, m: Measure): number[] {
  if (m !== 'avg') return c[m]
  return c.conversations.map((n, i) => n === 0 ? 0 : round2(c.messages[i] / n))
}

const plugin: FastifyPluginAsyncTypebox<{ repo: ChatbotcomRepository }> = async (app, opts) => {
  const { catalog } = app.repos
  const { groupShape, maxPoints } = app.config.chatbotcom

  for (const report of REPORTS) {
    app.get(report.path, {
      schema: {
        tags: ['chatbotcom'],
        security: [{ chatbotBearer: [] }],
        operationId: report.operationId,
        summary: report.summary,
        querystring: ChatbotSeriesQuerySchema,
        response: { 200: ref(ChatbotSeriesReportSchema), ...chatbotErrors(400, 401, 404) }
      }
    }, async (request) => {
      const q = request.query
      const range = reportRange(q, app.clock.now())
      const sel = selection(catalog, accountOf(request).botIds, values(request, 'storyId'), values(request, 'source'), range)
      const dim = resolveDimension(q.dimension, range)
      const starts = bucketStarts(dim, range.from, range.to, maxPoints)
      if (starts === null) throw new BadRequestError(`Validation error: more than ${maxPoints} data points; use a larger "dimension" or a shorter range`)
      const indexOf = bucketIndexer(dim, starts)
      const all = emptyCells(starts.length)
      const groups = new Map<string, Cells>()
      const keyOf = (r: BucketRow): string => q.group === 'storyId'
        ? catalog.bots.get(r.botId)?.extId ?? ''
        : catalog.channels.get(r.channelId)?.extId ?? ''
      if (q.group !== undefined) {
        const keys = q.group === 'storyId' ? sel.stories.map(b => catalog.bots.get(b)?.extId ?? '') : sel.sources
        for (const k of keys) groups.set(k, emptyCells(starts.length))
      }
      const add = (cells: Cells, i: number, r: BucketRow): void => {
        cells.conversations[i] += r.conversations
        cells.paid[i] += r.paid
        cells.messages[i] += r.messages
      }
      for (const r of opts.repo.byBucket(dim, sel)) {
        const i = indexOf(r.bucket)
        if (i === undefined) continue
        add(all, i, r)
        if (q.group === undefined) continue
        const cells = groups.get(keyOf(r))
        if (cells !== undefined) add(cells, i, r)
      }
      const dates = starts.map(isoString)
      const summary = summarize(valuesOf(all, report.measure))
      if (q.group === undefined) {
        return { data: valuesOf(all, report.measure).map((value, i) => ({ date: dates[i], value })), summary }
      }
      const series = [...groups].map(([k, cells]) => ({ k, vals: valuesOf(cells, report.measure) }))
      const points = (vals: number[]) => vals.map((value, i) => ({ date: dates[i], value }))
      if (groupShape === 'series') {
        return {
          data: series.map(g => q.group === 'storyId'
            ? { storyId: g.k, data: points(g.vals), summary: summarize(g.vals) }
            : { source: g.k, data: points(g.vals), summary: summarize(g.vals) }),
          summary
        }
      }
      return {
        data: dates.flatMap((date, i) => series.map(g => q.group === 'storyId'
          ? { date, storyId: g.k, value: g.vals[i] }
          : { date, source: g.k, value: g.vals[i] })),
        summary
      }
    })
  }
}

export default plugin
