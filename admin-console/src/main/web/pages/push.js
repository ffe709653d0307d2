import { h, replace, reflowTable, reflowRow, words, dateTime } from '../dom.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';

const SEARCH = `query ConsolePush($filter: PushNotificationFilter, $first: Int, $after: String) {
  pushNotifications(filter: $filter, first: $first, after: $after) { edges { node {
    id state reason category kind recipientId platform attempts createdAt dueAt sentAt } }
    pageInfo { hasNextPage endCursor } } }`;

const COLUMNS = ['Created', 'Kind', 'State', 'Why', 'To', 'Device', 'Attempts', 'Sent'];
const STATES = [['', 'Any state'], ['PENDING', 'Pending'], ['SENT', 'Sent'], ['FAILED', 'Failed'],
  ['DROPPED', 'Dropped']];

/** Admins follow push delivery: every notification's state and, when not sent, why. Never any content. */
export async function render(main) {
  let filter = {};
  const searchForm = form({
    submit: 'Search', label: 'Search push notifications',
    fields: [
      { name: 'state', label: 'State', type: 'select', options: STATES, value: '' },
      { name: 'kind', label: 'Kind, e.g. message.added' },
      { name: 'recipientId', label: 'To (id of a young person or staff member)' },
    ],
    onSubmit: (v) => search(v),
  });
  const results = pagedList({
    noun: 'notifications', emptyText: 'No notifications match.',
    fetchPage: (after) => mutate(searchForm, SEARCH, { filter, first: PAGE_SIZE, after }, 'pushNotifications'),
    frame: () => {
      const body = h('tbody');
      return { items: body, view: reflowTable('Push notifications', COLUMNS, body) };
    },
    item: (n) => reflowRow(COLUMNS, [dateTime(n.createdAt), n.kind, words(n.state), n.reason ? words(n.reason) : '',
      n.recipientId || '', n.platform ? words(n.platform) : '', String(n.attempts),
      n.sentAt ? dateTime(n.sentAt) : (n.dueAt ? `due ${dateTime(n.dueAt)}` : '')]),
  });
  replace(main, heading('Push delivery'), searchForm, h('h2', {}, 'Notifications, newest first'), results.el);
  function search(v) {
    filter = {};
    if (v.state) filter.state = v.state;
    if (v.kind.trim()) filter.kind = v.kind.trim();
    if (v.recipientId.trim()) filter.recipientId = v.recipientId.trim();
    return results.reset();
  }
  await search({ state: '', kind: '', recipientId: '' });
}
