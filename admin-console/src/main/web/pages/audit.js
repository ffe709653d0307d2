import { h, replace, tableBox, empty, words, dateTime, loading } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';

const SEARCH = `query ConsoleAudit($filter: AuditLogFilter) { auditLog(filter: $filter, first: 100) { edges { node {
  at action targetType targetId actorId actorKind actorRole actorOrganisationName requestId detail } } } }`;

export async function render(main) {
  const results = h('div', {}, loading());
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
  replace(main, heading('Audit log'), searchForm, h('h2', {}, 'Events, newest first'), results);
  async function search(v) {
    const filter = {};
    if (v.targetId.trim()) filter.targetId = v.targetId.trim();
    if (v.actorId.trim()) filter.actorId = v.actorId.trim();
    if (v.from) filter.from = new Date(v.from).toISOString();
    if (v.to) filter.to = new Date(v.to).toISOString();
    replace(results, loading());
    // Through mutate's error handling: a bad id comes back as an error shown next to its field.
    const data = await mutate(searchForm, SEARCH, { filter }, 'auditLog');
    if (!data) {
      replace(results);
      return;
    }
    const events = data.edges.map((e) => e.node);
    replace(results, events.length ? tableBox('Audit events', h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Audit events'),
      h('thead', {}, h('tr', {}, ['When', 'What', 'About', 'Who', 'Detail'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, events.map((e) => h('tr', {}, h('td', {}, dateTime(e.at)), h('td', {}, words(e.action)),
        h('td', {}, `${e.targetType} ${e.targetId || ''}`),
        h('td', {}, [words(e.actorKind), e.actorRole && words(e.actorRole), e.actorOrganisationName, e.actorId]
          .filter(Boolean).join(', ')),
        h('td', {}, e.detail || '')))))) : empty('No events match.'));
  }
  await search({ targetId: '', actorId: '', from: '', to: '' });
}
