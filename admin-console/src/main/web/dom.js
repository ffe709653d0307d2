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

/** How long ago an instant was, in words: "5 minutes", "3 hours", "2 days". */
export function age(iso, now = Date.now()) {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60000));
  const [value, unit] = minutes < 60 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour']
    : [Math.floor(minutes / 1440), 'day'];
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
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

/**
 * A message for the whole page. Success is a GOV.UK notification banner (role=alert, a "Success" title and the
 * message as its heading) that takes focus when shown with showBanner; an error is role=alert, so screen readers
 * hear it at once; anything else is a status.
 */
export function alertBox(text, kind = 'error') {
  if (kind === 'success') {
    const title = h('h2', { class: 'banner-title', id: uid('banner') }, 'Success');
    return h('div', { class: 'notification-banner notice success', role: 'alert', tabindex: '-1',
      'aria-labelledby': title.id }, h('div', { class: 'banner-header' }, title),
    h('div', { class: 'banner-content' }, h('p', { class: 'banner-heading' }, text)));
  }
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** Puts a success banner in a slot and moves focus to it, as GOV.UK's banner does after an action. */
export function showBanner(slot, text) {
  const banner = alertBox(text, 'success');
  replace(slot, banner);
  banner.focus();
  return banner;
}

/** A GOV.UK summary list: rows of [key, value] (text or an element); empty values are left out. */
export function summaryList(rows, attrs = {}) {
  return h('dl', { ...attrs, class: `summary-list ${attrs.class || ''}`.trim() },
    rows.filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([key, value]) => h('div', { class: 'summary-row' }, h('dt', {}, key),
        h('dd', {}, value instanceof Node ? value : String(value)))));
}

/**
 * A table that reflows on a narrow screen: each row becomes a stack of "column: value" lines (the column names
 * come from data-label), so nothing scrolls sideways and no word is broken into fragments. rows are tr elements
 * made with reflowRow.
 */
export function reflowTable(label, columns, body) {
  // Between the narrow layout and a wide screen, a column of long ids may still not fit: the box scrolls then.
  return h('div', { class: 'table-reflow', role: 'region', tabindex: '0', 'aria-label': label },
    h('table', { class: 'reflow' },
      h('caption', { class: 'visually-hidden' }, label),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))), body));
}

/** A row of a reflowTable: one td per column, each labelled with its column's name for the narrow layout. */
export function reflowRow(columns, cells, attrs = {}) {
  return h('tr', attrs, cells.map((cell, i) => h('td', { 'data-label': columns[i] }, cell)));
}

/** A wide table in a box that scrolls sideways on a narrow screen; the box takes focus so keyboards scroll it. */
export function tableBox(label, table) {
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': label }, table);
}

/** What the server's SafeMarkdown writes (it escapes everything first); anything else is kept as its text only. */
const ALLOWED_TAGS = new Set(['P', 'BR', 'UL', 'LI', 'STRONG', 'EM', 'A']);

/**
 * Rendered Markdown from the server (descriptionHtml), as DOM nodes: parsed in an inert document (DOMParser runs
 * no script and loads nothing), then copied element by element through an allow-list, so even if the server let
 * something through, only those tags and https links with no other attribute reach the page.
 */
export function allowListedHtml(html) {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const out = document.createDocumentFragment();
  copyAllowed(parsed.body, out);
  return out;
}

function copyAllowed(from, to) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) to.append(document.createTextNode(node.textContent));
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    if (!ALLOWED_TAGS.has(node.tagName)) {
      copyAllowed(node, to);
      continue;
    }
    const el = document.createElement(node.tagName.toLowerCase());
    const href = node.tagName === 'A' ? node.getAttribute('href') || '' : '';
    if (href.startsWith('https://')) {
      el.setAttribute('href', href);
      el.setAttribute('rel', 'nofollow noopener noreferrer');
    }
    copyAllowed(node, el);
    to.append(el);
  }
}
