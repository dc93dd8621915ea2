// ChatBot.com Reports: the conversation and message series (UTC buckets: the API takes
// no zone), the day × hour heatmap (shifted by `offset` minutes) and interaction popularity,
// read with the account's developer token.

import { call } from '../api.js'
import { Card, barListOption, heatmapOption, plotted, timeOption } from '../charts.js'
import { label, offsetLabel, offsetMinutes } from '../time.js'
import { picker, setOptions, showCredentials } from '../ui.js'

const DIMENSIONS = [
  { value: 'hour', text: 'Hour' },
  { value: 'day', text: 'Day' },
  { value: 'month', text: 'Month' },
  { value: 'auto', text: 'Auto' }
]
// day 0 is Sunday (the default of SANDBOX_CHATBOTCOM_WEEK_START)
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const TOP_INTERACTIONS = 12

/** The bucket size of the answer, from the spacing of its dates (dimension=auto picks it server-side). */
function bucketOf (points) {
  if (points.length < 2) return 'day'
  const step = Date.parse(points[1].date) - Date.parse(points[0].date)
  return step <= 3_600_000 ? 'hour' : step <= 86_400_000 ? 'day' : step <= 31 * 86_400_000 ? 'month' : 'year'
}

export function mountChatbot (section, credentialsBox) {
  const controls = section.querySelector('.vendor-controls')
  const grid = section.querySelector('.grid')
  let tenants = null
  let ctx = null

  const account = picker(controls, 'Account', [], () => { fillStories(); load() })
  const story = picker(controls, 'Story', [], () => load())
  const dimension = picker(controls, 'Buckets', DIMENSIONS, () => load())
  dimension.value = 'day'

  const cards = {
    conversations: new Card(grid, { id: 'chatbotcom-conversations', title: 'Conversations', size: 'half' }),
    messages: new Card(grid, { id: 'chatbotcom-messages', title: 'Messages', size: 'half' }),
    heatmap: new Card(grid, { id: 'chatbotcom-heatmap', title: 'Busiest hours', size: 'half' }),
    interactions: new Card(grid, { id: 'chatbotcom-interactions', title: 'Interaction popularity', size: 'half' })
  }

  const current = () => tenants.accounts.find(a => a.developerToken === account.value) ?? tenants.accounts[0]

  function fillStories () {
    setOptions(story, [{ value: '', text: 'All stories' }, ...current().stories.map(s => ({ value: s.id, text: s.name }))])
  }

  function report (path, extra = {}) {
    return call({
      path: `/reports/${path}`,
      query: { from: ctx.from, to: ctx.to, storyId: story.value, ...extra },
      headers: { authorization: `Bearer ${current().developerToken}` }
    })
  }

  async function loadSeries (card, reports, yAxes) {
    const gen = card.begin()
    try {
      const answers = await Promise.all(reports.map(r => report(r.path, { dimension: dimension.value })))
      const points = answers[0].data.data
      const bucket = bucketOf(points)
      const cats = points.map(p => label[bucket]('UTC', p.date))
      const series = reports.map((r, i) => ({ ...r, values: answers[i].data.data.map(p => p.value) }))
      card.setSubtitle(`${reports.map(r => `/reports/${r.path}`).join(' and ')} per ${bucket} (UTC)`)
      card.show(gen, {
        option: timeOption({ categories: cats, series, xName: `${bucket} (UTC)`, yAxes }),
        series: plotted(series, cats),
        requests: answers.map(a => a.request),
        kpis: reports.map((r, i) => ({ label: r.kpi, value: answers[i].data.summary[r.summaryKey ?? 'total'] }))
      })
    } catch (err) { card.fail(gen, err) }
  }

  async function loadHeatmap () {
    const card = cards.heatmap
    const gen = card.begin()
    // the heatmap takes one fixed offset: the zone's offset at noon on the window's last day
    const offset = Math.max(-720, Math.min(720, offsetMinutes(ctx.zone, Date.parse(`${ctx.to}T12:00:00Z`))))
    card.setSubtitle(`Conversations per weekday × hour, offset=${offset} (${offsetLabel(offset)}, ${ctx.zone} on ${ctx.to})`)
    try {
      const { data, request } = await report('conversations.heatmap', { offset })
      const cells = data.flat()
      const usage = new Map(cells.map(c => [`${c.hour},${c.day}`, c.usage]))
      const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))
      const busiest = cells.reduce((a, c) => c.value > a.value ? c : a, cells[0])
      const total = cells.reduce((a, c) => a + c.value, 0)
      card.show(gen, {
        option: heatmapOption({
          xLabels: hours,
          yLabels: WEEKDAYS,
          data: cells.map(c => [c.hour, c.day, c.value]),
          xName: `hour (${offsetLabel(offset)})`,
          unit: 'conversations',
          usageOf: (h, d) => usage.get(`${h},${d}`) ?? 0
        }),
        series: WEEKDAYS.map((name, d) => ({ name, points: cells.filter(c => c.day === d).map(c => [c.hour, c.value]) })),
        requests: [request],
        kpis: [
          { label: 'conversations', value: total },
          total === 0
            ? { label: 'busiest slot', value: '—' }
            : { label: 'busiest slot', value: `${WEEKDAYS[busiest.day]} ${hours[busiest.hour]}:00`, unit: `(${busiest.usage} %)` }
        ]
      })
    } catch (err) { card.fail(gen, err) }
  }

  async function loadInteractions () {
    const card = cards.interactions
    const gen = card.begin()
    card.setSubtitle(`Bot answers per interaction, top ${TOP_INTERACTIONS}, with the share of all triggers`)
    try {
      const { data, request } = await report('conversations.interactions')
      const top = data.slice(0, TOP_INTERACTIONS)
      const names = top.map(i => i.type === undefined ? i.name : `${i.name} (${i.type})`)
      card.show(gen, {
        option: barListOption({ names, values: top.map(i => i.value), usage: top.map(i => i.usage), xName: 'triggers' }),
        series: [{ name: 'triggers', points: top.map((i, k) => [names[k], i.value]) }],
        requests: [request],
        kpis: [
          { label: 'triggers', value: data.reduce((a, i) => a + i.value, 0) },
          { label: 'interactions', value: data.length }
        ]
      })
    } catch (err) { card.fail(gen, err) }
  }

  async function load (next) {
    if (next !== undefined) ctx = next
    if (ctx === null || tenants === null || tenants.accounts.length === 0) return
    await Promise.all([
      loadSeries(cards.conversations, [
        { path: 'conversations', name: 'conversations', kpi: 'conversations', type: 'bar' },
        { path: 'conversations.paid', name: 'paid', kpi: 'paid', type: 'line' }
      ], [{ name: 'conversations' }]),
      loadSeries(cards.messages, [
        { path: 'conversations.messages', name: 'messages', kpi: 'messages', type: 'bar' },
        { path: 'conversations.avg', name: 'messages per conversation', kpi: 'msgs / conv. (bucket mean)', summaryKey: 'avg', type: 'line', axis: 1 }
      ], [{ name: 'messages' }, { name: 'per conversation', integer: false }]),
      loadHeatmap(),
      loadInteractions()
    ])
    const a = current()
    showCredentials(credentialsBox, [
      { label: 'account', value: a.name },
      { label: 'developer token (Authorization: Bearer)', value: a.developerToken },
      { label: 'client token (refused by the reports)', value: a.clientToken },
      { label: 'range', value: `from=${ctx.from}&to=${ctx.to} (UTC days, both inclusive)` }
    ])
  }

  return {
    setTenants (t) {
      tenants = t
      setOptions(account, t.accounts.map(a => ({ value: a.developerToken, text: a.name })))
      fillStories()
    },
    load
  }
}
