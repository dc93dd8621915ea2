// NTT DATA eva: the dashboard's conversation, message and user boxes, each with its
// period-over-period badge, at the granularity the picker selects. Login is the Keycloak
// password grant with a tenant user who may read the selected bot.

import { ApiError, call } from '../api.js'
import { Card, changeBadge, plotted, timeOption } from '../charts.js'
import { label, shortDate } from '../time.js'
import { picker, setOptions, showCredentials } from '../ui.js'

const LEVELS = [
  { value: 'hours', text: 'Hour', unit: 'hour' },
  { value: 'days', text: 'Day', unit: 'day' },
  { value: 'weeks', text: 'Week of month', unit: 'week of month' },
  { value: 'months', text: 'Month', unit: 'month' }
]

const unitOf = (lv) => LEVELS.find(l => l.value === lv).unit

/** Axis labels of one bucket array, in the zone the buckets were computed in. */
function categories (level, buckets, zone) {
  if (level === 'weeks') return buckets.map(b => `${label.month(zone, b.monthDate)} W${b.weekNumber}`)
  return buckets.map(b => label[level.slice(0, -1)](zone, b.date))
}

export function mountEva (section, credentialsBox) {
  const controls = section.querySelector('.vendor-controls')
  const grid = section.querySelector('.grid')
  let tenants = null
  let ctx = null
  const tokens = new Map() // username → { token, expires, request }

  const bot = picker(controls, 'Bot', [], () => load())
  const level = picker(controls, 'Buckets', LEVELS, () => load())
  level.value = 'days'

  const cards = {
    conversations: new Card(grid, { id: 'eva-conversations', title: 'Conversations', size: 'full' }),
    messages: new Card(grid, { id: 'eva-messages', title: 'Messages', size: 'half' }),
    users: new Card(grid, { id: 'eva-users', title: 'Users', size: 'half' })
  }

  function selection () {
    const b = tenants.bots.find(x => x.botUUID === bot.value) ?? tenants.bots[0]
    const user = tenants.users.find(u => u.botUUIDs.includes(b.botUUID))
    return { b, user }
  }

  async function login (user, force) {
    const cached = tokens.get(user.username)
    if (!force && cached !== undefined && cached.expires > Date.now() + 10_000) return cached
    const { data, request } = await call({
      method: 'POST',
      path: `/auth/realms/${encodeURIComponent(user.realm)}/protocol/openid-connect/token`,
      form: { grant_type: 'password', client_id: 'eva-cockpit', username: user.username, password: user.password }
    })
    const entry = { token: data.access_token, expires: Date.now() + data.expires_in * 1000, request }
    tokens.set(user.username, entry)
    return entry
  }

  /** GETs one dashboard endpoint; a 401 (an expired token) logs in again once, as eva's own client does. */
  async function dashboard (user, base, path) {
    const query = { startDate: ctx.from, endDate: ctx.to, startHour: 0, endHour: 23, timezone: ctx.zone }
    for (const force of [false, true]) {
      const { token } = await login(user, force)
      try {
        return await call({ path: `${base}/${path}`, query, headers: { authorization: `Bearer ${token}` } })
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 401 || force) throw err
      }
    }
  }

  function overviewKpis (o, name, average) {
    const previous = `${shortDate(ctx.zone, o.relativeStartDate)} – ${shortDate(ctx.zone, o.relativeEndDate)}`
    const kpis = [{ label: `${name}, total`, value: o.totalAmount, badge: changeBadge(o, previous) }]
    if (average !== undefined) kpis.push({ label: `avg per ${unitOf(level.value)}`, value: average })
    return kpis
  }

  async function loadConversations (user, base) {
    const card = cards.conversations
    const gen = card.begin()
    try {
      const { data, request } = await dashboard(user, base, 'dashboard/conversations')
      const lv = level.value
      const channels = data.channelAnalytics
      const cats = channels.length === 0 ? [] : categories(lv, channels[0][lv], ctx.zone)
      const series = channels.map(c => ({ name: c.channelName, values: c[lv].map(b => b.value), stack: 'all', area: true }))
      card.setSubtitle(`Conversations started per channel (stacked), per ${unitOf(lv)} in ${ctx.zone}`)
      card.show(gen, {
        option: timeOption({ categories: cats, series, xName: `${unitOf(lv)} (${ctx.zone})`, yAxes: [{ name: 'conversations' }] }),
        series: plotted(series, cats),
        requests: [request],
        kpis: [...overviewKpis(data.periodOverview, 'Conversations'), { label: 'channels with data', value: channels.length }]
      })
    } catch (err) { card.fail(gen, err) }
  }

  async function loadTraffic (card, user, base, path, name, unit) {
    const gen = card.begin()
    try {
      const { data, request } = await dashboard(user, base, path)
      const lv = level.value
      const dto = data.trafficAnalyticsDTO
      const cats = categories(lv, dto[lv], ctx.zone)
      const series = [{ name, values: dto[lv].map(b => b.value), area: true }]
      const avgKey = `average${lv[0].toUpperCase()}${lv.slice(1)}Value`
      card.show(gen, {
        option: timeOption({ categories: cats, series, xName: `${unitOf(lv)} (${ctx.zone})`, yAxes: [{ name: unit }] }),
        series: plotted(series, cats),
        requests: [request],
        kpis: overviewKpis(data.periodOverview, name[0].toUpperCase() + name.slice(1), dto[avgKey])
      })
    } catch (err) { card.fail(gen, err) }
  }

  async function load (next) {
    if (next !== undefined) ctx = next
    if (ctx === null || tenants === null) return
    if (tenants.bots.length === 0) return
    const { b, user } = selection()
    if (user === undefined) {
      for (const card of Object.values(cards)) card.fail(card.begin(), new Error('no tenant user may read this bot'))
      return
    }
    const base = `/eva-dashboard/org/${b.orgUUID}/env/${b.envUUID}/bot/${b.botUUID}`
    cards.messages.setSubtitle(`User messages per ${unitOf(level.value)} in ${ctx.zone}`)
    cards.users.setSubtitle(`Distinct users per bucket (not additive across buckets) in ${ctx.zone}`)
    await Promise.all([
      loadConversations(user, base),
      loadTraffic(cards.messages, user, base, 'dashboard/messages', 'user messages', 'messages'),
      loadTraffic(cards.users, user, base, 'dashboard/users', 'users', 'users')
    ])
    showCredentials(credentialsBox, [
      { label: 'realm / user', value: `${user.realm} / ${user.username}` },
      { label: 'password', value: user.password },
      { label: 'login (password grant)', request: tokens.get(user.username)?.request },
      { label: 'access token', value: tokens.get(user.username)?.token ?? '(not logged in)' },
      { label: 'base path', value: base }
    ].filter(r => r.value !== undefined || r.request !== undefined))
  }

  return {
    setTenants (t) {
      tenants = t
      setOptions(bot, t.bots.map(b => ({ value: b.botUUID, text: `${b.name} (${b.realm})` })))
    },
    load
  }
}
