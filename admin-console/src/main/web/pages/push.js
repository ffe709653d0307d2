import { h, replace, tableBox, empty, words, dateTime, loading } from '../dom.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';

const SEARCH = `query ConsolePush($filter: PushNotificationFilter) {
  pushNotifications(filter: $filter, first: 100) { edges { node {
    id state reason category kind recipientId platform attempts createdAt dueAt sentAt } } } }`;

const STATES = [['', 'Any state'], ['PENDING', 'Pending'], ['SENT', 'Sent'], ['FAILED', 'Failed'],
  ['DROPPED', 'Dropped']];

/** Admins follow push delivery: every notification's state and, when not sent, why. Never any content. */
export async function render(main) {
  const results = h('div', {}, loading());
  const searchForm = form({
    submit: 'Search', label: 'Search push notifications',
    fields: [
      { name: 'state', label: 'State', type: 'select', options: STATES, value: '' },
      { name: 'kind', label: 'Kind, e.g. message.added' },
      { name: 'recipientId', label: 'To (id of a young person or staff member)' },
    ],
    onSubmit: (v) => search(v),
  });
  replace(main, heading('Push delivery'), searchForm, h('h2', {}, 'Notifications, newest first'), results);
  async function search(v) {
    const filter = {};
    if (v.state) filter.state = v.state;
    if (v.kind.trim()) filter.kind = v.kind.trim();
    if (v.recipientId.trim()) filter.recipientId = v.recipientId.trim();
    replace(results, loading());
    const data = await mutate(searchForm, SEARCH, { filter }, 'pushNotifications');
    if (!data) {
      replace(results);
      return;
    }
    const rows = data.edges.map((e) => e.node);
    replace(results, rows.length ? tableBox('Push notifications', h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Push notifications'),
      h('thead', {}, h('tr', {}, ['Created', 'Kind', 'State', 'Why', 'To', 'Device', 'Attempts', 'Sent']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((n) => h('tr', {}, h('td', {}, dateTime(n.createdAt)), h('td', {}, n.kind),
        h('td', {}, words(n.state)), h('td', {}, n.reason ? words(n.reason) : ''), h('td', {}, n.recipientId || ''),
        h('td', {}, n.platform ? words(n.platform) : ''), h('td', {}, String(n.attempts)),
        h('td', {}, n.sentAt ? dateTime(n.sentAt) : (n.dueAt ? `due ${dateTime(n.dueAt)}` : '')))))))
      : empty('No notifications match.'));
  }
  await search({ state: '', kind: '', recipientId: '' });
}
