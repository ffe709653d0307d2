import { h, replace, tableBox, words, dateTime } from '../dom.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';

const SEARCH = `query ConsoleAudit($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { edges { node {
  at action targetType targetId actorId actorKind actorRole actorOrganisationName requestId detail } }
  pageInfo { hasNextPage endCursor } } }`;

export async function render(main) {
  let filter = {};
  const searchForm = form({
    submit: 'Search', label: 'Search the audit log',
    fields: [
      { name: 'targetId', label: 'About (id of a record, person or organisation)' },
      { name: 'actorId', label: 'By (id of a staff member or young person)' },
      { name: 'from', label: 'From', type: 'datetime-local' },
      { name: 'to', label: 'To', type: 'datetime-local' },
    ],
    onSubmit: (v) => search(v),
  });
  const results = pagedList({
    noun: 'events', emptyText: 'No events match.',
    // Through mutate's error handling: a bad id comes back as an error shown next to its field.
    fetchPage: (after) => mutate(searchForm, SEARCH, { filter, first: PAGE_SIZE, after }, 'auditLog'),
    frame: () => {
      const body = h('tbody');
      return { items: body, view: tableBox('Audit events', h('table', {},
        h('caption', { class: 'visually-hidden' }, 'Audit events'),
        h('thead', {}, h('tr', {}, ['When', 'What', 'About', 'Who', 'Detail']
          .map((t) => h('th', { scope: 'col' }, t)))), body)) };
    },
    item: (e) => h('tr', {}, h('td', {}, dateTime(e.at)), h('td', {}, words(e.action)),
      h('td', {}, `${e.targetType} ${e.targetId || ''}`),
      h('td', {}, [words(e.actorKind), e.actorRole && words(e.actorRole), e.actorOrganisationName, e.actorId]
        .filter(Boolean).join(', ')),
      h('td', {}, e.detail || '')),
  });
  replace(main, heading('Audit log'), searchForm, h('h2', {}, 'Events, newest first'), results.el);
  function search(v) {
    filter = {};
    if (v.targetId.trim()) filter.targetId = v.targetId.trim();
    if (v.actorId.trim()) filter.actorId = v.actorId.trim();
    if (v.from) filter.from = new Date(v.from).toISOString();
    if (v.to) filter.to = new Date(v.to).toISOString();
    return results.reset();
  }
  await search({ targetId: '', actorId: '', from: '', to: '' });
}
