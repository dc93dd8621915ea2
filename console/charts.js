// Chart cards: an ECharts instance with its loading, error and empty states, KPIs, and the
// curl lines of the requests that fed it. What each chart plotted is published in
// window.__consoleCharts[id] = { state, requests, series }, which test/console.browser.test.ts reads.

import { curlOf } from './api.js'
import { el } from './ui.js'

const { echarts } = globalThis

// Keep in step with .c0 … .c7 in console.css: tooltips mark series with classes, since the
// console's CSP allows no inline style attributes.
export const PALETTE = ['#3b6fd8', '#19a887', '#f0a02b', '#d9534f', '#8e5bd6', '#2bb3d4', '#7f8c3a', '#d65ba3']

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })
export const fmt = (n) => numberFormat.format(n)

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)

globalThis.__consoleCharts = {}

export class Card {
  /** size: 'third' | 'half' | 'two-thirds' | 'full' (columns of the 12-column grid) */
  constructor (grid, { id, title, subtitle = '', size = 'third' }) {
    this.id = id
    this.gen = 0
    this.root = el('article', `card ${size}`)
    this.root.dataset.chart = id
    const head = el('header', 'card-head')
    const titles = el('div', 'titles')
    titles.append(el('h3', undefined, title))
    this.subtitle = el('p', 'subtitle', subtitle)
    titles.append(this.subtitle)
    this.kpis = el('div', 'kpis')
    head.append(titles, this.kpis)
    const body = el('div', 'chart-box')
    this.chartEl = el('div', 'chart')
    this.overlay = el('div', 'overlay')
    this.overlay.hidden = true
    body.append(this.chartEl, this.overlay)
    this.curl = el('details', 'curl')
    this.curl.append(el('summary', undefined, 'Requests (curl)'))
    this.curlList = el('div', 'curl-list')
    this.curl.append(this.curlList)
    this.root.append(head, body, this.curl)
    grid.append(this.root)
    this.chart = echarts.init(this.chartEl, null, { renderer: 'canvas' })
    new ResizeObserver(() => this.chart.resize()).observe(this.chartEl)
    this.publish({ state: 'idle', requests: [], series: [] })
  }

  publish (entry) {
    globalThis.__consoleCharts[this.id] = entry
    this.root.dataset.state = entry.state
  }

  setSubtitle (text) { this.subtitle.textContent = text }

  /** Starts a load; a later begin() makes the earlier load's results stale. */
  begin () {
    this.gen++
    this.overlay.hidden = true
    this.kpis.replaceChildren()
    this.chart.showLoading({ text: 'Loading…', color: PALETTE[0], textColor: '#4a5568', maskColor: 'rgba(255,255,255,0.75)' })
    this.publish({ state: 'loading', requests: [], series: [] })
    return this.gen
  }

  current (gen) { return gen === this.gen }

  setRequests (requests) {
    this.curlList.replaceChildren(...requests.map(r => {
      const line = curlOf(r)
      const row = el('div', 'curl-row')
      const copy = el('button', 'copy', 'Copy')
      copy.type = 'button'
      copy.addEventListener('click', () => {
        navigator.clipboard.writeText(line).then(() => { copy.textContent = 'Copied' }, () => { copy.textContent = 'Select and copy' })
      })
      row.append(el('code', undefined, line), copy)
      return row
    }))
  }

  fail (gen, err) {
    if (!this.current(gen)) return
    this.chart.hideLoading()
    this.chart.clear()
    const requests = err.request === undefined ? [] : [err.request]
    this.setRequests(requests)
    this.showOverlay('error', err.status === undefined ? 'Error' : `HTTP ${err.status}`, err.message)
    this.publish({ state: 'error', error: err.message, status: err.status, requests, series: [] })
  }

  showOverlay (kind, title, detail) {
    this.overlay.className = `overlay ${kind}`
    this.overlay.replaceChildren(el('strong', undefined, title), el('span', undefined, detail))
    this.overlay.hidden = false
  }

  /**
   * series: [{ name, points: [[x, y], …] }] as plotted (published for the test);
   * kpis: [{ label, value, unit?, badge?: { text, dir: 'up' | 'down' | 'flat', title } }].
   */
  show (gen, { option, series, requests, kpis = [] }) {
    if (!this.current(gen)) return
    this.chart.hideLoading()
    this.setRequests(requests)
    this.kpis.replaceChildren(...kpis.map(kpiEl))
    const empty = series.every(s => s.points.every(p => Number(p[p.length - 1]) === 0))
    if (empty) {
      this.chart.clear()
      this.showOverlay('empty', 'No data in this window', 'Try a wider date range, another bot, or another time zone.')
    } else {
      this.chart.setOption(option, { notMerge: true })
    }
    this.publish({ state: empty ? 'empty' : 'ready', requests, series })
  }
}

function kpiEl ({ label, value, unit = '', badge }) {
  const box = el('div', 'kpi')
  box.append(el('span', 'kpi-label', label))
  const v = el('span', 'kpi-value', typeof value === 'number' ? fmt(value) : value)
  if (unit !== '') v.append(el('small', undefined, ` ${unit}`))
  box.append(v)
  if (badge !== undefined) {
    const b = el('span', `badge ${badge.dir}`, badge.text)
    if (badge.title !== undefined) b.title = badge.title
    box.append(b)
  }
  return box
}

function tooltipRows (params, unitOf) {
  const list = Array.isArray(params) ? params : [params]
  const head = `<div class="tt-head">${escapeHtml(list[0].axisValueLabel ?? list[0].name)}</div>`
  return head + list.map(p => {
    const value = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value
    return `<div class="tt-row"><span class="dot c${p.seriesIndex % PALETTE.length}"></span>` +
      `<span class="tt-name">${escapeHtml(p.seriesName)}</span><b>${fmt(value)}${escapeHtml(unitOf(p.seriesIndex))}</b></div>`
  }).join('')
}

const TOOLTIP_BOX = { className: 'tt', backgroundColor: '#fff', borderColor: '#d5dbe5', padding: [6, 10], textStyle: { color: '#1f2933', fontSize: 12 } }
const AXIS_TEXT = { color: '#52606d', fontSize: 11 }
const AXIS_NAME = { color: '#52606d', fontSize: 11, fontWeight: 600 }

/**
 * A category time axis with line/bar series. series: [{ name, values, type?, stack?, area?,
 * axis? (index into yAxes), unit? }]; yAxes: [{ name, unit? }].
 */
export function timeOption ({ categories, series, xName, yAxes, visible = 7 * 24 }) {
  const long = categories.length > visible
  // a long series opens on its last `visible` points; the slider pans over the rest
  const shown = { startValue: Math.max(0, categories.length - visible), endValue: categories.length - 1 }
  return {
    color: PALETTE,
    animationDuration: 300,
    grid: { left: 56, right: yAxes.length > 1 ? 60 : 24, top: 58, bottom: long ? 70 : 40, containLabel: false },
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8, textStyle: AXIS_TEXT },
    tooltip: { ...TOOLTIP_BOX, trigger: 'axis', formatter: (p) => tooltipRows(p, i => series[i].unit ?? '') },
    dataZoom: long ? [{ type: 'inside', ...shown }, { type: 'slider', height: 16, bottom: 6, ...shown }] : [],
    xAxis: {
      type: 'category',
      data: categories,
      name: xName,
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: AXIS_NAME,
      axisLabel: { ...AXIS_TEXT, hideOverlap: true },
      axisTick: { alignWithLabel: true },
      boundaryGap: series.some(s => s.type === 'bar')
    },
    yAxis: yAxes.map((a, i) => ({
      type: 'value',
      name: a.name,
      nameTextStyle: { ...AXIS_NAME, align: i === 0 ? 'left' : 'right' },
      axisLabel: { ...AXIS_TEXT, formatter: (v) => fmt(v) + (a.unit ?? '') },
      splitLine: { show: i === 0, lineStyle: { color: '#edf0f5' } },
      minInterval: a.integer === false ? 0 : 1
    })),
    series: series.map(s => ({
      name: s.name,
      type: s.type ?? 'line',
      data: s.values,
      stack: s.stack,
      yAxisIndex: s.axis ?? 0,
      smooth: false,
      showSymbol: categories.length <= 45,
      symbolSize: 5,
      barMaxWidth: 18,
      areaStyle: s.area === true ? { opacity: 0.18 } : undefined,
      lineStyle: { width: 2 },
      emphasis: { focus: 'series' }
    }))
  }
}

/** Rows × columns heatmap; data: [[x, y, value], …]. */
export function heatmapOption ({ xLabels, yLabels, data, xName, unit, usageOf }) {
  const max = Math.max(1, ...data.map(d => d[2]))
  return {
    animationDuration: 300,
    grid: { left: 44, right: 64, top: 10, bottom: 44 },
    tooltip: {
      ...TOOLTIP_BOX,
      trigger: 'item',
      formatter: (p) => `<div class="tt-head">${escapeHtml(yLabels[p.value[1]])} ${escapeHtml(xLabels[p.value[0]])}:00–${escapeHtml(String((p.value[0] + 1) % 24).padStart(2, '0'))}:00</div>` +
        `<div class="tt-row"><b>${fmt(p.value[2])}</b>&nbsp;${escapeHtml(unit)} · ${fmt(usageOf(p.value[0], p.value[1]))} % of the grid</div>`
    },
    xAxis: { type: 'category', data: xLabels, name: xName, nameLocation: 'middle', nameGap: 24, nameTextStyle: AXIS_NAME, axisLabel: AXIS_TEXT, splitArea: { show: true } },
    yAxis: { type: 'category', data: yLabels, inverse: true, axisLabel: AXIS_TEXT, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemHeight: 150,
      itemWidth: 10,
      text: [fmt(max), '0'],
      textStyle: AXIS_TEXT,
      inRange: { color: ['#f2f6fc', '#9cc2f0', '#3b6fd8', '#1b3a7a'] }
    },
    series: [{ type: 'heatmap', data, emphasis: { itemStyle: { borderColor: '#1f2933', borderWidth: 1 } }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }]
  }
}

/** Horizontal bars, largest first at the top. */
export function barListOption ({ names, values, xName, usage }) {
  return {
    color: PALETTE,
    animationDuration: 300,
    grid: { left: 8, right: 70, top: 8, bottom: 36, containLabel: true },
    tooltip: {
      ...TOOLTIP_BOX,
      trigger: 'item',
      formatter: (p) => `<div class="tt-head">${escapeHtml(p.name)}</div><div class="tt-row"><b>${fmt(p.value)}</b>&nbsp;${escapeHtml(xName)} · ${fmt(usage[p.dataIndex])} %</div>`
    },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 24, nameTextStyle: AXIS_NAME, axisLabel: AXIS_TEXT, minInterval: 1, splitLine: { lineStyle: { color: '#edf0f5' } } },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { ...AXIS_TEXT, width: 190, overflow: 'truncate' } },
    series: [{
      type: 'bar',
      data: values,
      barMaxWidth: 16,
      label: { show: true, position: 'right', color: '#52606d', fontSize: 11, formatter: (p) => `${fmt(usage[p.dataIndex])} %` }
    }]
  }
}

/** What a time chart plotted, as Card.show publishes it: each series' values paired with their categories. */
export function plotted (series, categories) {
  return series.map(s => ({ name: s.name, points: s.values.map((v, i) => [categories[i], v]) }))
}

/** A period-over-period badge from eva's relativeIncrease and hasIncreased (or its sign when signed). */
export function changeBadge ({ relativeIncrease, hasIncreased, hasRelativeData }, previous) {
  if (hasRelativeData === false) return { text: 'no previous data', dir: 'flat', title: `previous window: ${previous}` }
  const up = relativeIncrease < 0 ? false : hasIncreased
  const dir = relativeIncrease === 0 ? 'flat' : up ? 'up' : 'down'
  const arrow = dir === 'flat' ? '■' : up ? '▲' : '▼'
  return { text: `${arrow} ${fmt(Math.abs(relativeIncrease))} %`, dir, title: `relativeIncrease ${relativeIncrease}, hasIncreased ${hasIncreased}; against ${previous}` }
}
