// Kore.ai XO: User Engagement Trend v2, daily and hourly, with the ready-made `sampleJwt`
// of the bot's App Builder app in the `auth` header (no "Bearer").

import { call } from '../api.js'
import { Card, plotted, timeOption } from '../charts.js'
import { picker, setOptions, showCredentials } from '../ui.js'

const SCOPE = 'User Engagement Trend'
const HOURS = Array.from({ length: 24 }, (_, h) => `${h} - ${(h + 1) % 24}`)
const TRENDS = [
  { key: 'newUsersTrend', name: 'new users' },
  { key: 'returningUsersTrend', name: 'returning users' }
]

/** "Mar 02 2026" → "Mar 02" */
const shortDay = (date) => date.slice(0, 6)

export function mountKore (section, credentialsBox) {
  const controls = section.querySelector('.vendor-controls')
  const grid = section.querySelector('.grid')
  let tenants = null
  let ctx = null

  const bot = picker(controls, 'Bot', [], () => load())
  const cards = {
    daily: new Card(grid, { id: 'kore-daily', title: 'User engagement trend · daily', size: 'half' }),
    hourly: new Card(grid, { id: 'kore-hourly', title: 'User engagement trend · hourly', size: 'half' })
  }

  function trend (botId, jwt, aggregation) {
    return call({
      method: 'POST',
      path: `/api/public/bot/${encodeURIComponent(botId)}/v2/userEngagementTrend`,
      query: { aggregation_type: aggregation, start_date: ctx.from, end_date: ctx.to, timeZoneOffset: ctx.zone },
      headers: { auth: jwt }
    })
  }

  function summaryKpis (s) {
    return [
      { label: 'unique users', value: s.uniqueUsers },
      { label: 'new', value: s.newUsers },
      { label: 'returning', value: s.returningUsers },
      { label: 'avg unique / day', value: s.avgUniqueUsersPerDay }
    ]
  }

  async function loadDaily (botId, jwt) {
    const card = cards.daily
    const gen = card.begin()
    try {
      const { data, request } = await trend(botId, jwt, 'daily')
      const cats = data.uniqueUsersTrend.dataPoints.map(p => shortDay(p.date))
      // new + returning = unique on each day: bars stack to the unique line
      const series = [
        ...TRENDS.map(t => ({ name: t.name, type: 'bar', stack: 'users', values: data[t.key].dataPoints.map(p => p.users) })),
        { name: 'unique users', values: data.uniqueUsersTrend.dataPoints.map(p => p.users) }
      ]
      card.show(gen, {
        option: timeOption({ categories: cats, series, xName: `day (${ctx.zone})`, yAxes: [{ name: 'users' }] }),
        series: plotted(series, cats),
        requests: [request],
        kpis: summaryKpis(data.summary)
      })
    } catch (err) { card.fail(gen, err) }
  }

  async function loadHourly (botId, jwt) {
    const card = cards.hourly
    const gen = card.begin()
    try {
      const { data, request } = await trend(botId, jwt, 'hourly')
      // each day's point carries 24 "h - h+1" keys: laid end to end, one point per local hour
      const cats = data.uniqueUsersTrend.dataPoints.flatMap(p => HOURS.map((_, h) => `${shortDay(p.date)} ${String(h).padStart(2, '0')}:00`))
      const flat = (key) => data[key].dataPoints.flatMap(p => HOURS.map(k => p[k] ?? 0))
      const series = [
        ...TRENDS.map(t => ({ name: t.name, stack: 'users', area: true, values: flat(t.key) })),
        { name: 'unique users', values: flat('uniqueUsersTrend') }
      ]
      const peak = Math.max(...series[2].values)
      card.show(gen, {
        option: timeOption({ categories: cats, series, xName: `hour (${ctx.zone})`, yAxes: [{ name: 'users' }] }),
        series: plotted(series, cats),
        requests: [request],
        kpis: [{ label: 'busiest hour', value: peak, unit: 'users' }, { label: 'hours', value: cats.length }]
      })
    } catch (err) { card.fail(gen, err) }
  }

  async function load (next) {
    if (next !== undefined) ctx = next
    if (ctx === null || tenants === null || tenants.bots.length === 0) return
    const botId = bot.value
    // an App Builder app bound to this bot with the endpoint's scope (two seeded apps lack it)
    const app = tenants.apps.find(a => a.kind === 'builder' && a.botIds.includes(botId) && a.scopes.includes(SCOPE))
    if (app === undefined) {
      for (const card of Object.values(cards)) card.fail(card.begin(), new Error(`no App Builder app with the "${SCOPE}" scope for ${botId}`))
      return
    }
    cards.daily.setSubtitle(`Unique = new + returning users per local day (${ctx.zone})`)
    cards.hourly.setSubtitle(`The same per local hour (opens on the last 7 days: drag the slider); at most 90 days (${ctx.zone})`)
    await Promise.all([loadDaily(botId, app.sampleJwt), loadHourly(botId, app.sampleJwt)])
    showCredentials(credentialsBox, [
      { label: 'App Builder app (clientId)', value: app.clientId },
      { label: 'client secret (signs HS256 JWTs)', value: app.clientSecret },
      { label: 'auth header (sampleJwt)', value: app.sampleJwt },
      { label: 'bot (streamId)', value: botId }
    ])
  }

  return {
    setTenants (t) {
      tenants = t
      setOptions(bot, t.bots.map(b => ({ value: b.botId, text: b.name })))
    },
    load
  }
}
