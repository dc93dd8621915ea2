/** Every eva endpoint answers 200 with the seed's shape, after a real login (acceptance 2). */
import t from 'tap'
import { build, evaSession } from '../helper.js'
import { schemaErrors } from '../schema-check.js'

const WINDOW = 'startDate=2026-03-01T00:00:00.000Z&endDate=2026-03-31T00:00:00.000Z&startHour=0&endHour=23'

t.test('each Dashboard endpoint, both base paths, validated against its schema', async t => {
  const app = await build(t)
  const s = await evaSession(app)
  const gets: Array<[string, string]> = [
    ['/dashboard/summary', 'EvaSummary'],
    ['/messages/report_configurations', 'EvaReportConfigurations'],
    ['/conversations/report_configurations', 'EvaReportConfigurations'],
    [`/dashboard/conversations?${WINDOW}`, 'EvaConversationsDashboard'],
    [`/dashboard/messages?${WINDOW}`, 'EvaTrafficDashboard'],
    [`/dashboard/users?${WINDOW}`, 'EvaTrafficDashboard'],
    [`/dashboard/accuracy?${WINDOW}`, 'EvaAccuracy'],
    [`/dashboard/stacking/intents?${WINDOW}`, 'EvaStacking'],
    [`/dashboard/stacking/flows?${WINDOW}`, 'EvaStacking'],
    [`/conversations/list?${WINDOW}&page=1&size=5`, 'EvaConversationPage'],
    [`/messages/list?${WINDOW}&page=1&size=5`, 'EvaMessagePage'],
    ['/reports/list?page=1&size=5', 'EvaReportPage']
  ]
  for (const [path, model] of gets) {
    for (const base of [s.base, s.base.replace('/eva-dashboard', '')]) {
      const res = await app.inject({ url: base + path, headers: s.headers })
      t.equal(res.statusCode, 200, `${base}${path}: ${res.body.slice(0, 200)}`)
      t.equal(schemaErrors(model, res.json()), null, `${path} matches ${model}`)
    }
  }
  const list = (await app.inject({ url: `${s.base}/conversations/list?${WINDOW}&size=3`, headers: s.headers })).json()
  t.equal(list.content.length, 3)
  t.equal(list.content[0].channel.botUuid, s.bot.botUUID)
  const code = list.content[0].sessionCode as string

  const details = await app.inject({ url: `${s.base}/conversations/details?sessionCode=${code}`, headers: s.headers })
  t.equal(details.statusCode, 200)
  t.equal(schemaErrors('EvaConversationDetails', details.json()), null)
  t.ok(details.json().messages.length >= 2)

  const body = { startDate: '2026-03-01T00:00:00.000Z', endDate: '2026-03-31T00:00:00.000Z', startHour: 0, endHour: 23, channelUuids: '', sampleSize: 10, reportType: 'RANDOM' }
  for (const kind of ['conversations', 'messages']) {
    const res = await app.inject({ method: 'POST', url: `${s.base}/${kind}/request_report`, headers: s.headers, payload: body })
    t.equal(res.statusCode, 200, res.body)
    t.equal(res.body, '', 'No content')
  }
  const det = await app.inject({ method: 'POST', url: `${s.base}/conversations/details/request_report?sessionCode=${code}`, headers: s.headers })
  t.equal(det.statusCode, 200)

  const reports = (await app.inject({ url: `${s.base}/reports/list?page=1&size=5`, headers: s.headers })).json()
  t.equal(reports.totalElements, 3)
  t.equal(schemaErrors('EvaReportPage', reports), null)
  for (const r of reports.content) {
    const url = new URL(r.fileUrl)
    const file = await app.inject({ url: url.pathname })
    t.equal(file.statusCode, 200, r.fileUrl)
    t.match(file.headers['content-type'], /text\/csv/)
    const lines = file.body.trim().split('\r\n')
    t.ok(lines.length >= 2, `${r.fileName} has a header and rows`)
    if (r.fileName.startsWith('conversations')) t.equal(lines.length, 11, 'sampleSize rows + header')
  }
})

t.test('channels/dashboard lists channel types whose uuids feed channelUuids', async t => {
  const app = await build(t)
  const s = await evaSession(app)
  const res = await app.inject({ url: s.base.replace('/eva-dashboard', '/eva-channel') + '/channels/dashboard', headers: s.headers })
  t.equal(res.statusCode, 200)
  t.equal(schemaErrors('EvaChannelsDashboard', res.json()), null)
  const uuids = res.json().flatMap((g: { channelsFromType: Array<{ uuid: string }> }) => g.channelsFromType.map(c => c.uuid)).sort()
  t.same(uuids, s.bot.channels.map(c => c.uuid).sort())
})

t.test('summary reflects the data; an empty scenario has no data', async t => {
  const app = await build(t)
  const s = await evaSession(app)
  const summary = (await app.inject({ url: `${s.base}/dashboard/summary`, headers: s.headers })).json()
  t.equal(summary.hasData, true)
  t.ok(Date.parse(summary.firstDataSet) < Date.parse('2026-03-01'))
  const empty = await build(t, { config: { scenario: 'empty' } })
  const e = await evaSession(empty)
  t.same((await empty.inject({ url: `${e.base}/dashboard/summary`, headers: e.headers })).json(), { hasData: false, firstDataSet: null })
})

t.test('token endpoint: password grant, refresh grant and Keycloak errors', async t => {
  const app = await build(t)
  const s = await evaSession(app)
  const form = (f: Record<string, string>) => ({
    method: 'POST' as const,
    url: `/auth/realms/${s.user.realm}/protocol/openid-connect/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(f).toString()
  })
  const ok = await app.inject(form({ grant_type: 'password', client_id: 'eva-cockpit', username: s.user.username, password: s.user.password }))
  t.equal(ok.statusCode, 200)
  t.equal(schemaErrors('KeycloakToken', ok.json()), null)
  t.equal(ok.json().expires_in, 300)
  const refreshed = await app.inject(form({ grant_type: 'refresh_token', client_id: 'eva-cockpit', refresh_token: ok.json().refresh_token }))
  t.equal(refreshed.statusCode, 200)
  const again = await app.inject({ url: `${s.base}/dashboard/summary`, headers: { authorization: `Bearer ${refreshed.json().access_token}` } })
  t.equal(again.statusCode, 200)
  const cases: Array<[Record<string, string>, number, string]> = [
    [{ grant_type: 'password', client_id: 'eva-cockpit', username: s.user.username, password: 'wrong' }, 401, 'invalid_grant'],
    [{ grant_type: 'password', client_id: 'nope', username: s.user.username, password: s.user.password }, 401, 'invalid_client'],
    [{ grant_type: 'client_secret_jwt', client_id: 'eva-cockpit' }, 400, 'unsupported_grant_type'],
    [{ client_id: 'eva-cockpit' }, 400, 'invalid_request'],
    [{ grant_type: 'refresh_token', client_id: 'eva-cockpit', refresh_token: 'garbage' }, 400, 'invalid_grant'],
    [{ grant_type: 'refresh_token', client_id: 'eva-cockpit', refresh_token: ok.json().access_token }, 400, 'invalid_grant']
  ]
  for (const [f, status, error] of cases) {
    const res = await app.inject(form(f))
    t.equal(res.statusCode, status, JSON.stringify(f))
    t.equal(res.json().error, error)
  }
})
