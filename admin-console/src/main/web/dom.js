// DOM helpers. Every piece of text goes in through textContent or attributes, never innerHTML, so whatever a
// young person, a poster or a staff member typed is shown as text, never run or rendered as markup.

let counter = 0;

/** An element: h('p', { class: 'x' }, 'text', child...). Attributes are set as attributes, never as HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function dateTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Upper-snake enum values as words: FORMER_RELEVANT -> Former relevant. */
export function words(value) {
  if (!value) return '';
  const text = String(value).toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, text);
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

/** A message for the whole page: role=alert so screen readers hear it at once. */
export function alertBox(text, kind = 'error') {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A wide table in a box that scrolls sideways on a narrow screen; the box takes focus so keyboards scroll it. */
export function tableBox(label, table) {
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': label }, table);
}
