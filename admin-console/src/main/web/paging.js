// Lists longer than one page. Every list in the console shows its first page, then a "Show more" button that
// follows the connection's pageInfo.endCursor while pageInfo.hasNextPage, so nothing past the first page is out
// of reach. One helper for every list, so they all behave alike for keyboard and screen reader users: the new
// items are appended, focus moves to the first of them (so reading carries on from there), and a status line says
// how many came.
import { h, replace, empty, loading, alertBox } from './dom.js';
import { SessionEnded } from './api.js';

/** Items a page. The API allows up to 100; 50 keeps a page quick to read and to scroll on a phone. */
export const PAGE_SIZE = 50;

/**
 * A list read page by page from a connection.
 * - fetchPage(after) resolves to the connection ({ edges { node }, pageInfo { hasNextPage endCursor } }) after
 *   the cursor (null: the first page), or to null when it failed and already said why (next to a form's field).
 * - frame() makes a fresh, empty list and returns { view, items }: view goes on the page, and each item's
 *   element is appended to items (the list itself, or the tbody of the table in view).
 * - item(node) makes one item's element (an li or a tr; null to leave it out); text goes in as text.
 * - emptyText is shown when there is nothing; noun names the items ("organisations").
 * Returns { el, reset, refresh }: el goes on the page; reset() reads the first page again (a new search or
 * filter); refresh() reads the list again as far as it was shown (after a change or a live update).
 */
export function pagedList({ fetchPage, frame, item, emptyText, noun }) {
  const content = h('div', {}, loading());
  const problem = h('div');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, `Show more ${noun}`);
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const el = h('div', { class: 'paged' }, content, problem, more, status);
  let list = null;
  let shown = 0;
  let cursor = null;
  let generation = 0;

  async function load(atLeast, fromStart) {
    const mine = ++generation;
    const nodes = [];
    let after = null;
    let info;
    replace(problem);
    replace(status);
    if (fromStart) {
      replace(content, loading());
      more.hidden = true;
    }
    do {
      const page = await fetchPage(after);
      if (mine !== generation) return;
      if (!page) {
        replace(content);
        more.hidden = true;
        shown = 0;
        return;
      }
      nodes.push(...page.edges.map((e) => e.node));
      info = page.pageInfo;
      after = info.endCursor;
    } while (nodes.length < atLeast && info.hasNextPage);
    list = frame();
    const elements = nodes.map((node) => item(node)).filter(Boolean);
    list.items.append(...elements);
    replace(content, elements.length ? list.view : empty(emptyText));
    shown = nodes.length;
    cursor = info.endCursor;
    more.hidden = !info.hasNextPage;
  }

  more.addEventListener('click', async () => {
    const mine = generation;
    more.disabled = true;
    replace(status);
    replace(problem);
    try {
      const page = await fetchPage(cursor);
      if (mine !== generation || !page) return;
      const added = page.edges.map((e) => item(e.node)).filter(Boolean);
      list.items.append(...added);
      if (added.length && !list.view.isConnected) replace(content, list.view);
      shown += page.edges.length;
      cursor = page.pageInfo.endCursor;
      more.hidden = !page.pageInfo.hasNextPage;
      if (added.length) {
        // Reading carries on from the first new item; the button may be gone, so focus cannot stay on it.
        added[0].setAttribute('tabindex', '-1');
        added[0].focus();
      } else if (!more.hidden) {
        more.focus();
      }
      replace(status, `${added.length} more ${noun} shown, ${list.items.children.length} in all`
        + `${page.pageInfo.hasNextPage ? '.' : '. That is all of them.'}`);
    } catch (error) {
      if (!(error instanceof SessionEnded)) replace(problem, alertBox(error.message));
    } finally {
      more.disabled = false;
    }
  });

  return { el, reset: () => load(1, true), refresh: () => load(Math.max(shown, 1), false) };
}

/**
 * Every node of a connection, page after page: for the choices of a select, which must offer them all.
 * fetchPage(after) as for pagedList. Stops after `limit` nodes, far beyond what one service or the platform has.
 */
export async function allNodes(fetchPage, limit = 5000) {
  const nodes = [];
  let after = null;
  let info;
  do {
    const page = await fetchPage(after);
    nodes.push(...page.edges.map((e) => e.node));
    info = page.pageInfo;
    after = info.endCursor;
  } while (info.hasNextPage && nodes.length < limit);
  return nodes;
}
