/** E4–E8 and E13: the dashboard boxes, computed from the shared series engine. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { comparePeriods, distinctUserSeries, seriesByChannel, seriesTotal } from '../../src/analytics/series.js'
import { average, round2, type BucketPlan, type Series } from '../../src/engine/buckets.js'
import { levelsJson, planJson } from '../../src/engine/bucket-json.js'
import { windowBounds, type Window } from '../../src/engine/window.js'
import type { Scope } from '../../src/db/traffic.repo.js'
import { ref } from '../../schemas/common.js'
import {
  EvaAccuracySchema, EvaAnalyticsQuerySchema, EvaConversationsDashboardSchema, EvaStackingSchema, EvaTrafficDashboardSchema
} from '../../schemas/eva/analytics.js'
import { EvaBotParamsSchema } from '../../schemas/eva/common.js'
import { evaErrors } from './errors.js'
import { evaFilters } from './params.js'

const JSON_TYPE = 'application/json; charset=utf-8'

/** E5 and E6 as text: the same bytes as the schema serializer (src/engine/bucket-json.ts). */
function trafficJson (periodOverview: object, plan: BucketPlan, s: Series): string {
  return `{"resource":"ANALYTIC_CONVERSATION","periodOverview":${JSON.stringify(periodOverview)},` +
    `"trafficAnalyticsDTO":{${levelsJson(planJson(plan), s)},${JSON.stringify(averages(s)).slice(1, -1)}}}`
}

function averages (s: Series) {
  return {
    averageHoursValue: average(s.hours),
    averageDaysValue: average(s.days),
    averageWeeksValue: average(s.weeks),
    averageMonthsValue: average(s.months)
  }
}

const plugin: FastifyPluginAsyncTypebox<{ hide: boolean }> = async (app, opts) => {
  const { traffic, catalog } = app.repos
  const { eva } = app.config
  const compareOpts = { scale: eva.relativeIncrease, signed: eva.relativeIncreaseSigned }
  const schema = (operationId: string, summary: string, response: unknown) => ({
    tags: ['eva-dashboard'],
    hide: opts.hide,
    security: [{ evaBearer: [] }],
    operationId,
    summary,
    params: EvaBotParamsSchema,
    querystring: EvaAnalyticsQuerySchema,
    response: { 200: response, ...evaErrors(400, 401, 403) }
  })

  function overview (w: Window, botId: number, figure: (w: Window) => number, current: number) {
    const c = comparePeriods(w, traffic.firstSessionMs(botId), figure, compareOpts, current)
    const rel = windowBounds(c.previousWindow)
    return {
      totalAmount: current,
      hasRelativeData: c.hasRelativeData,
      relativeIncrease: c.relativeIncrease,
      hasIncreased: c.hasIncreased,
      relativeStartDate: rel.startDate,
      relativeEndDate: rel.endDate
    }
  }

  app.get('/dashboard/conversations', {
    schema: schema('evaDashboardConversations', 'Conversation traffic per channel, with period-over-period', ref(EvaConversationsDashboardSchema))
  }, async (request, reply) => {
    const { bot, window: w, scope } = evaFilters(request, request.query, app.config, catalog)
    const { plan, byChannel, total } = seriesByChannel(traffic, 'sessions', scope, w)
    const prefixes = planJson(plan)
    const channels: string[] = []
    for (const [channelId, series] of byChannel) {
      if (series.days.every(v => v === 0)) continue // eva lists the channels that have data [I]
      const channel = catalog.channels.get(channelId)
      const type = channel === undefined ? undefined : catalog.channelTypes.get(channel.typeId)
      channels.push(`{"channelType":${JSON.stringify(type?.name ?? '')},"channelName":${JSON.stringify(channel?.name ?? '')},${levelsJson(prefixes, series)}}`)
    }
    const periodOverview = overview(w, bot.id, pw => traffic.total('sessions', scope, pw), total)
    // written as text (src/engine/bucket-json.ts): the same bytes the schema serializer gives
    return reply.type(JSON_TYPE).send(`{"resource":"ANALYTIC_CONVERSATION","periodOverview":${JSON.stringify(periodOverview)},"channelAnalytics":[${channels.join(',')}]}`)
  })

  app.get('/dashboard/messages', {
    schema: schema('evaDashboardMessages', 'User-message traffic with averages and period-over-period', ref(EvaTrafficDashboardSchema))
  }, async (request, reply) => {
    const { bot, window: w, scope } = evaFilters(request, request.query, app.config, catalog)
    const { plan, series, total } = seriesTotal(traffic, 'userMessages', scope, w)
    return reply.type(JSON_TYPE).send(trafficJson(overview(w, bot.id, pw => traffic.total('userMessages', scope, pw), total), plan, series))
  })

  app.get('/dashboard/users', {
    schema: schema('evaDashboardUsers', 'Distinct users per bucket with averages and period-over-period', ref(EvaTrafficDashboardSchema))
  }, async (request, reply) => {
    const { bot, window: w, scope } = evaFilters(request, request.query, app.config, catalog)
    const { plan, series, total } = distinctUserSeries(traffic, scope, w)
    return reply.type(JSON_TYPE).send(trafficJson(overview(w, bot.id, pw => traffic.distinctUserTotal(scope, pw), total), plan, series))
  })

  app.get('/dashboard/accuracy', {
    schema: schema('evaDashboardAccuracy', 'Share of user messages understood, now and in the previous window', ref(EvaAccuracySchema))
  }, async (request) => {
    const { bot, window: w, scope } = evaFilters(request, request.query, app.config, catalog)
    const rate = (pw: Window): number => {
      const { total, understood } = traffic.understood(scope, pw)
      return total === 0 ? 0 : round2(understood / total * eva.rateScale)
    }
    const c = comparePeriods(w, traffic.firstSessionMs(bot.id), rate, compareOpts)
    const rel = windowBounds(c.previousWindow)
    return {
      rateCurrent: c.current,
      ratePrevious: c.previous,
      hasIncreased: c.hasIncreased,
      relativeIncrease: c.relativeIncrease,
      relativeStartDate: rel.startDate,
      relativeEndDate: rel.endDate
    }
  })

  /** Channel-major topic breakdown, each channel's topics by total hits, top N. */
  function stacking (scope: Scope, hits: Array<{ channelId: number, topic: number, value: number }>, name: (id: number) => string | null) {
    const totals = new Map<number, number>()
    for (const h of hits) totals.set(h.topic, (totals.get(h.topic) ?? 0) + h.value)
    const channelList = []
    for (const channelId of scope.channelIds) {
      const mine = hits.filter(h => h.channelId === channelId)
      if (mine.length === 0) continue
      const topicBreakdown = mine
        .map(h => ({ name: name(h.topic), channelValue: h.value, totalValue: totals.get(h.topic) ?? 0 }))
        .filter((t): t is { name: string, channelValue: number, totalValue: number } => t.name !== null)
        .sort((a, b) => b.totalValue - a.totalValue || b.channelValue - a.channelValue || a.name.localeCompare(b.name))
        .slice(0, eva.stackingTopN)
      channelList.push({ name: catalog.channels.get(channelId)?.name ?? '', topicBreakdown })
    }
    return { resource: 'ANALYTIC_INTENTS', channelList }
  }

  app.get('/dashboard/stacking/intents', {
    schema: schema('evaDashboardStackingIntents', 'Intent hits per channel', ref(EvaStackingSchema))
  }, async (request) => {
    const { window: w, scope } = evaFilters(request, request.query, app.config, catalog)
    const hits = traffic.intentHits(scope, w).map(h => ({ channelId: h.channelId, topic: h.intentId, value: h.value }))
    return stacking(scope, hits, id => {
      const intent = catalog.intents.get(id)
      return intent?.kind === 'intent' && intent.nlpType === 'INTENT' ? intent.name : null
    })
  })

  app.get('/dashboard/stacking/flows', {
    schema: schema('evaDashboardStackingFlows', 'Conversations per flow travelled, per channel', ref(EvaStackingSchema))
  }, async (request) => {
    const { window: w, scope } = evaFilters(request, request.query, app.config, catalog)
    const hits = traffic.flowHits(scope, w).map(h => ({ channelId: h.channelId, topic: h.flowId, value: h.value }))
    return stacking(scope, hits, id => catalog.flows.get(id)?.name ?? null)
  })
}

export default plugin
