import { h, replace, dateTime, alertBox } from '../dom.js';
import { graphql, subscribe } from '../api.js';
import { heading } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';

const INBOX = `query ConsoleInbox($filter: InboxFilter, $first: Int, $after: String) {
  advocacyInbox(filter: $filter, first: $first, after: $after) { edges { node {
    id subject urgent overdue unreadCount lastMessageAt awaitingReplySince replyDueAt
    youngPerson { firstName preferredName } assignedAdvocate { name } } } pageInfo { hasNextPage endCursor } } }`;
const CHANGED = 'subscription ConsoleInboxChanged { inboxChanged { kind thread { id } } }';
const FILTERS = [['unanswered', 'Unanswered'], ['overdue', 'Overdue'], ['urgent', 'Urgent'], ['mine', 'Mine']];

export async function render(main, { onLeave }) {
  const boxes = {};
  const filter = () => Object.fromEntries(FILTERS.filter(([name]) => boxes[name].checked)
    .map(([name]) => [name, true]));
  const list = pagedList({
    noun: 'conversations', emptyText: 'No conversations match. New messages appear here as they arrive.', item,
    fetchPage: async (after) => (await graphql(INBOX, { filter: filter(), first: PAGE_SIZE, after })).advocacyInbox,
    frame: () => {
      const ul = h('ul', { class: 'cards', 'aria-label': 'Threads' });
      return { view: ul, items: ul };
    },
  });
  const live = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const filters = h('fieldset', { class: 'filters' }, h('legend', {}, 'Show only'));
  for (const [name, label] of FILTERS) {
    const id = `filter-${name}`;
    boxes[name] = h('input', { type: 'checkbox', id, name });
    boxes[name].addEventListener('change', () => list.reset());
    filters.append(h('div', { class: 'field checkbox' }, boxes[name], h('label', { for: id }, label)));
  }
  replace(main, heading('Inbox'), filters, live, list.el);

  // A live change reads the list again as far as it was shown, so nobody loses the pages they opened.
  async function refresh(announce) {
    await list.refresh();
    if (announce) replace(live, announce);
  }
  await list.reset();
  let timer = null;
  const stop = subscribe(CHANGED, {}, () => {
    clearTimeout(timer);
    timer = setTimeout(() => refresh('The inbox has been updated.').catch(() => {}), 150);
  }, { onReconnect: () => refresh().catch(() => {}) });
  onLeave(() => { clearTimeout(timer); stop(); });
}

function item(thread) {
  const name = thread.youngPerson.preferredName || thread.youngPerson.firstName;
  return h('li', { 'data-thread': thread.id },
    h('h2', {}, h('a', { href: `#/threads/${thread.id}` }, `${name}${thread.subject ? `: ${thread.subject}` : ''}`)),
    h('p', {},
      thread.urgent ? h('span', { class: 'tag urgent' }, 'Urgent') : null,
      thread.overdue ? h('span', { class: 'tag overdue' }, 'Overdue') : null,
      thread.awaitingReplySince ? h('span', { class: 'tag' }, 'Unanswered') : null,
      thread.unreadCount ? h('span', { class: 'tag' }, `${thread.unreadCount} unread`) : null),
    h('p', { class: 'meta' },
      thread.lastMessageAt ? `Last message ${dateTime(thread.lastMessageAt)}. ` : 'No messages yet. ',
      thread.replyDueAt ? `Reply due ${dateTime(thread.replyDueAt)}. ` : '',
      thread.assignedAdvocate ? `Assigned to ${thread.assignedAdvocate.name}.` : 'Not assigned.'));
}

export { alertBox };
