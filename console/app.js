// The console's shell: the shared controls (date range, time zone), the control-plane
// handshake (health, tenants, the admin token when the server asks for one) and the three
// vendor panels, each of which fetches its own data with that vendor's real credentials.

import { ApiError, sandbox, setAdminToken } from './api.js'
import { addDays, browserZone, daysBetween, offsetLabel, offsetMinutes, zoneChoices } from './time.js'
import { el } from './ui.js'
import { mountChatbot } from './vendors/chatbotcom.js'
import { mountEva } from './vendors/eva.js'
import { mountKore } from './vendors/kore.js'

const $ = (id) => document.getElementById(id)
const controls = { from: $('from'), to: $('to'), zone: $('zone') }
const DEFAULT_DAYS = 30

const vendors = [
  mountEva($('eva'), $('cred-eva')),
  mountKore($('kore'), $('cred-kore')),
  mountChatbot($('chatbotcom'), $('cred-chatbotcom'))
]
let anchor = null

function fillZones () {
  const { fixed, common, iana } = zoneChoices()
  const group = (text, zones) => {
    const g = el('optgroup')
    g.label = text
    g.append(...zones.map(z => Object.assign(el('option', undefined, z), { value: z })))
    return g
  }
  controls.zone.append(group('UTC and fixed offsets', fixed), group('Common IANA zones', common), group('All IANA zones', iana))
}

/** What each vendor receives for the chosen zone (ChatBot.com's heatmap takes minutes). */
function describeZone (ctx) {
  const minutes = offsetMinutes(ctx.zone, Date.parse(`${ctx.to}T12:00:00Z`))
  $('zone-forms').textContent =
    `eva timezone=${ctx.zone} · Kore timeZoneOffset=${ctx.zone} · ChatBot.com heatmap offset=${minutes} (${offsetLabel(minutes)}; its series are UTC)`
}

function status (text, kind = '') {
  const s = $('status')
  s.textContent = text
  s.className = `status ${kind}`
}

function readHash () {
  const h = new URLSearchParams(location.hash.slice(1))
  for (const name of ['from', 'to', 'zone']) if (h.get(name)) controls[name].value = h.get(name)
}

function setRange (days) {
  controls.to.value = anchor
  controls.from.value = addDays(anchor, 1 - days)
  refresh()
}

function refresh () {
  const ctx = { from: controls.from.value, to: controls.to.value, zone: controls.zone.value }
  if (ctx.from === '' || ctx.to === '' || ctx.from > ctx.to) {
    status('Pick a start date on or before the end date.', 'error')
    return
  }
  history.replaceState(null, '', `#${new URLSearchParams(ctx)}`)
  describeZone(ctx)
  $('range-days').textContent = `${daysBetween(ctx.from, ctx.to)} days`
  for (const v of vendors) v.load(ctx)
}

/** 401: the server has SANDBOX_ADMIN_TOKEN and we sent none or a wrong one; 403: not on loopback. */
function askForToken (err) {
  const panel = $('admin')
  panel.hidden = false
  $('admin-reason').textContent = err.status === 401
    ? 'This server sets SANDBOX_ADMIN_TOKEN: the control plane (/__sandbox/*, where the console reads the dataset\'s anchor and every tenant\'s credentials) needs that token in the x-sandbox-token header. Enter it here; it is kept in this tab only and sent only to /__sandbox/*.'
    : 'The control plane (/__sandbox/*) answers only on loopback when SANDBOX_ADMIN_TOKEN is unset, and this browser is not on loopback. Open the console from the server\'s own machine (or an SSH tunnel), or restart the server with SANDBOX_ADMIN_TOKEN=… and enter that token here.'
  $('admin-detail').textContent = err.message
  status(`Control plane refused: HTTP ${err.status}`, 'error')
}

async function connect () {
  status('Connecting…')
  try {
    const [{ data: health }, { data: tenants }] = await Promise.all([sandbox('health'), sandbox('tenants')])
    $('admin').hidden = true
    anchor = health.anchor
    status(`seed ${health.seed} · scenario ${health.scenario} · history ends ${health.anchor} · data version ${health.dataVersion}`, 'ok')
    vendors[0].setTenants(tenants.eva)
    vendors[1].setTenants(tenants.kore)
    vendors[2].setTenants(tenants.chatbotcom)
    if (controls.to.value === '') controls.to.value = anchor
    if (controls.from.value === '') controls.from.value = addDays(anchor, 1 - DEFAULT_DAYS)
    refresh()
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) askForToken(err)
    else status(`Cannot reach the sandbox: ${err.message}`, 'error')
  }
}

fillZones()
controls.zone.value = 'UTC'
readHash()
for (const input of Object.values(controls)) input.addEventListener('change', refresh)
for (const b of document.querySelectorAll('[data-days]')) b.addEventListener('click', () => setRange(Number(b.dataset.days)))
$('browser-zone').textContent = `Use ${browserZone()}`
$('browser-zone').addEventListener('click', () => { controls.zone.value = browserZone(); refresh() })
$('admin-form').addEventListener('submit', (event) => {
  event.preventDefault()
  setAdminToken($('admin-token').value.trim())
  connect()
})
connect()
