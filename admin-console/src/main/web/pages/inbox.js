import { h, replace, empty, loading, dateTime, alertBox } from '../dom.js';
import { graphql, subscribe } from '../api.js';
import { heading } from '../console.js';

const INBOX = `query ConsoleInbox($filter: InboxFilter) {
  advocacyInbox(filter: $filter, first: 50) { edges { node {
    id subject urgent overdue unreadCount lastMessageAt awaitingReplySince replyDueAt
    youngPerson { firstName preferredName } assignedAdvocate { name } } } } }`;
const CHANGED = 'subscription ConsoleInboxChanged { inboxChanged { kind thread { id } } }';
const FILTERS = [['unanswered', 'Unanswered'], ['overdue', 'Overdue'], ['urgent', 'Urgent'], ['mine', 'Mine']];

export async function render(main, { onLeave }) {
  const list = h('div', {}, loading('Loading the inbox…'));
  const live = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const boxes = {};
  const filters = h('fieldset', { class: 'filters' }, h('legend', {}, 'Show only'));
  for (const [name, label] of FILTERS) {
    const id = `filter-${name}`;
    boxes[name] = h('input', { type: 'checkbox', id, name });
    boxes[name].addEventListener('change', () => load());
    filters.append(h('div', { class: 'field checkbox' }, boxes[name], h('label', { for: id }, label)));
  }
  replace(main, heading('Inbox'), filters, live, list);

  let loads = 0;
  async function load(announce) {
    const mine = ++loads;
    const filter = {};
    for (const [name] of FILTERS) if (boxes[name].checked) filter[name] = true;
    const data = await graphql(INBOX, { filter });
    if (mine !== loads) return;
    const threads = data.advocacyInbox.edges.map((e) => e.node);
    replace(list, threads.length ? h('ul', { class: 'cards', 'aria-label': 'Threads' }, threads.map(item))
      : empty('No conversations match. New messages appear here as they arrive.'));
    if (announce) replace(live, announce);
  }
  await load();
  let timer = null;
  const stop = subscribe(CHANGED, {}, () => {
    clearTimeout(timer);
    timer = setTimeout(() => load('The inbox has been updated.').catch(() => {}), 150);
  }, { onReconnect: () => load().catch(() => {}) });
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
