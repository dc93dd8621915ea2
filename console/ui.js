// Small DOM helpers shared by the vendor panels.
import { curlOf } from './api.js'

export function el (tag, className, text) {
  const e = document.createElement(tag)
  if (className !== undefined) e.className = className
  if (text !== undefined) e.textContent = text
  return e
}

/** A labelled <select>; options: [{ value, text }]. */
export function picker (container, label, options, onChange) {
  const wrap = el('label', 'picker')
  wrap.append(el('span', undefined, label))
  const select = el('select')
  wrap.append(select)
  container.append(wrap)
  setOptions(select, options)
  select.addEventListener('change', () => onChange(select.value))
  return select
}

export function setOptions (select, options) {
  const keep = select.value
  select.replaceChildren(...options.map(o => {
    const opt = el('option', undefined, o.text)
    opt.value = o.value
    return opt
  }))
  if (options.some(o => o.value === keep)) select.value = keep
}

/** The credentials panel of one vendor: rows of { label, value } or { label, request } (shown as curl). */
export function showCredentials (container, rows) {
  container.replaceChildren(...rows.flatMap(({ label, value, request }) => {
    const dd = el('dd')
    dd.append(el('code', undefined, request === undefined ? value : curlOf(request)))
    return [el('dt', undefined, label), dd]
  }))
}
