/** eva Dashboard analytics models (E1–E8, E13) and their shared query. */
import { Type } from '@sinclair/typebox'
import { ref } from '../common.js'

export const EvaAnalyticsQuerySchema = Type.Object({
  startDate: Type.String({ description: 'Start of the search, inclusive (ISO date-time, or YYYY-MM-DD)' }),
  endDate: Type.String({ description: 'End of the search, inclusive (ISO date-time, or YYYY-MM-DD)' }),
  startHour: Type.Integer({ minimum: 0, maximum: 23, default: 0, description: 'First hour of day included; 0 if unfiltered' }),
  endHour: Type.Integer({ minimum: 0, maximum: 23, default: 23, description: 'Last hour of day included; 23 if unfiltered' }),
  channelUuids: Type.Optional(Type.String({ maxLength: 4000, description: 'Comma-separated channel UUIDs; empty = all [I name]' })),
  channelUUIDs: Type.Optional(Type.String({ maxLength: 4000, description: 'Spelling used by a live client; same meaning' })),
  timezone: Type.String({ default: 'UTC', maxLength: 64, description: 'IANA zone or offset for buckets and the hour window [D]' })
})

export const EvaSummarySchema = Type.Object({
  hasData: Type.Boolean({ description: 'Whether the bot has any conversation data' }),
  firstDataSet: Type.Union([Type.String(), Type.Null()], { description: 'Start of the earliest conversation, null without data' })
}, { $id: 'EvaSummary' })

export const EvaReportConfigurationsSchema = Type.Object({
  maxSample: Type.Integer({ description: 'Largest sampleSize accepted by request_report' }),
  availableExportTypes: Type.Array(Type.String())
}, { $id: 'EvaReportConfigurations' })

export const EvaPeriodOverviewSchema = Type.Object({
  totalAmount: Type.Integer({ description: 'Count in the window after every filter' }),
  hasRelativeData: Type.Boolean({ description: 'Whether the previous window lies in the covered history' }),
  relativeIncrease: Type.Number({ description: 'Unsigned percent change against the previous window [I]' }),
  hasIncreased: Type.Boolean(),
  relativeStartDate: Type.String({ description: 'Start of the previous window of equal length' }),
  relativeEndDate: Type.String({ description: 'End (inclusive) of the previous window' })
}, { $id: 'EvaPeriodOverview' })

export const EvaDateValueSchema = Type.Object({
  date: Type.String({ description: 'Bucket start (UTC instant of the local hour, day or month start)' }),
  value: Type.Integer()
}, { $id: 'EvaDateValue' })

export const EvaWeekValueSchema = Type.Object({
  monthDate: Type.String({ description: 'Start of the month the week belongs to' }),
  weekNumber: Type.Integer({ minimum: 1, maximum: 5, description: 'Week of month: days 1–7 are week 1' }),
  value: Type.Integer()
}, { $id: 'EvaWeekValue' })

export const EvaChannelAnalyticsSchema = Type.Object({
  channelType: Type.String({ description: 'The channel type name' }),
  channelName: Type.String(),
  hours: Type.Array(ref(EvaDateValueSchema)),
  days: Type.Array(ref(EvaDateValueSchema)),
  weeks: Type.Array(ref(EvaWeekValueSchema)),
  months: Type.Array(ref(EvaDateValueSchema))
}, { $id: 'EvaChannelAnalytics' })

export const EvaConversationsDashboardSchema = Type.Object({
  resource: Type.String(),
  periodOverview: ref(EvaPeriodOverviewSchema),
  channelAnalytics: Type.Array(ref(EvaChannelAnalyticsSchema))
}, { $id: 'EvaConversationsDashboard' })

export const EvaTrafficAnalyticsSchema = Type.Object({
  hours: Type.Array(ref(EvaDateValueSchema)),
  days: Type.Array(ref(EvaDateValueSchema)),
  weeks: Type.Array(ref(EvaWeekValueSchema)),
  months: Type.Array(ref(EvaDateValueSchema)),
  averageHoursValue: Type.Number({ description: 'Mean of hours[].value, zero buckets included, 2 decimals' }),
  averageDaysValue: Type.Number(),
  averageWeeksValue: Type.Number(),
  averageMonthsValue: Type.Number()
}, { $id: 'EvaTrafficAnalytics' })

export const EvaTrafficDashboardSchema = Type.Object({
  resource: Type.String(),
  periodOverview: ref(EvaPeriodOverviewSchema),
  trafficAnalyticsDTO: ref(EvaTrafficAnalyticsSchema)
}, { $id: 'EvaTrafficDashboard' })

export const EvaAccuracySchema = Type.Object({
  rateCurrent: Type.Number({ description: 'Understood ÷ all user messages in the window (0–100 by default)' }),
  ratePrevious: Type.Number({ description: 'The same for the previous window' }),
  hasIncreased: Type.Boolean(),
  relativeIncrease: Type.Number(),
  relativeStartDate: Type.String(),
  relativeEndDate: Type.String()
}, { $id: 'EvaAccuracy' })

export const EvaTopicSchema = Type.Object({
  name: Type.String(),
  channelValue: Type.Integer({ description: 'Hits in this channel' }),
  totalValue: Type.Integer({ description: 'Hits across all selected channels' })
}, { $id: 'EvaTopic' })

export const EvaStackingChannelSchema = Type.Object({
  name: Type.String({ description: 'Channel name' }),
  topicBreakdown: Type.Array(ref(EvaTopicSchema))
}, { $id: 'EvaStackingChannel' })

export const EvaStackingSchema = Type.Object({
  resource: Type.String(),
  channelList: Type.Array(ref(EvaStackingChannelSchema))
}, { $id: 'EvaStacking' })
