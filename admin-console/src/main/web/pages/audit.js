import { h, replace, tableBox } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate, showErrors } from '../forms.js';
import { heading } from '../console.js';
import { pagedList, allNodes, PAGE_SIZE } from '../paging.js';

const SEARCH = `query ConsoleAudit($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { edges { node {
  at actorKind actorName actorRoleName actorOrganisationName actionText subjectText targetType targetId detail } }
  pageInfo { hasNextPage endCursor } } }`;
const STAFF = `query ConsoleAuditStaff($first: Int, $after: String) { staff(first: $first, after: $after) {
  edges { node { id name organisation { name } } } pageInfo { hasNextPage endCursor } } }`;

/** The actions of AuditAction in words, for the filter. */
const ACTIONS = [['', 'Any action'], ['READ', 'Read'], ['CREATE', 'Created or sent'], ['UPDATE', 'Changed'],
  ['DELETE', 'Deleted or deactivated'], ['SIGN_IN', 'Signed in'], ['SIGN_IN_FAILED', 'Failed to sign in'],
  ['SIGN_OUT', 'Signed out'], ['ACCESS_DENIED', 'Was refused']];
/** Who did it when it was not a staff member. */
const NOT_STAFF = { YOUNG_PERSON: 'A young person', ANONYMOUS: 'Someone not signed in', SYSTEM: 'Alongside itself' };
/** The admin's page for each kind of thing, where there is one: the list it is in, or its own page. */
const PAGES = { StaffMember: () => '#/staff', Organisation: () => '#/organisations',
  AdvocacyService: () => '#/organisations', Opportunity: () => '#/moderation',
  SafeguardingPhraseList: () => '#/phrases', PrivacyNotice: () => '#/privacy', PushNotification: () => '#/push',
  CorrectionRequest: () => '#/corrections', ErasureRequest: (id) => `#/erasure/${id}` };

/** A time as people say it here: "2 December 2026, 5:41pm". */
export function when(iso) {
  const at = new Date(iso);
  const date = at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  const time = at.toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true })
    .replace(/\s/g, '').toLowerCase();
  return `${date}, ${time}`;
}

export async function render(main) {
  let filter = {};
  const people = await allNodes(async (after) => (await graphql(STAFF, { first: 100, after })).staff);
  const searchForm = form({
    submit: 'Search', label: 'Search the audit log',
    fields: [
      { name: 'actorId', label: 'Who did it', type: 'select',
        options: [['', 'Anyone'], ...people.map((p) => [p.id, `${p.name} (${p.organisation.name})`])] },
      { name: 'action', label: 'What they did', type: 'select', options: ACTIONS },
      { name: 'from', label: 'From', type: 'date', hint: 'The first day to include, for example 27 3 2026.' },
      { name: 'to', label: 'To', type: 'date', hint: 'The last day to include.' },
    ],
    onSubmit: (v) => search(v),
  });
  const results = pagedList({
    noun: 'events', emptyText: 'No events match.',
    fetchPage: (after) => mutate(searchForm, SEARCH, { filter, first: PAGE_SIZE, after }, 'auditLog'),
    frame: () => {
      const body = h('tbody');
      return { items: body, view: tableBox('Audit events', h('table', { class: 'reflow audit-table' },
        h('caption', { class: 'visually-hidden' }, 'Audit events, newest first'),
        h('thead', {}, h('tr', {}, ['When', 'Who', 'What', 'About', 'Detail']
          .map((t) => h('th', { scope: 'col' }, t)))), body)) };
    },
    item: row,
  });
  replace(main, heading('Audit log'), searchForm, h('h2', {}, 'Events, newest first'), results.el);

  function search(v) {
    if (v.from && v.to && v.to < v.from) {
      const message = 'The "to" date must be the same as or after the "from" date.';
      showErrors(searchForm, [{ field: ['to'], message }]);
      return Promise.resolve();
    }
    filter = {};
    if (v.actorId) filter.actorId = v.actorId;
    if (v.action) filter.action = v.action;
    if (v.from) filter.from = localMidnight(v.from, 0).toISOString();
    if (v.to) filter.to = localMidnight(v.to, 1).toISOString();
    return results.reset();
  }
  await search({});
}

function row(e) {
  const who = e.actorKind === 'STAFF'
    ? [e.actorName, e.actorRoleName].filter(Boolean).join(', ')
      + (e.actorOrganisationName ? ` (${e.actorOrganisationName})` : '')
    : NOT_STAFF[e.actorKind] || 'Someone';
  const page = PAGES[e.targetType];
  const about = page && e.targetId ? h('a', { href: page(e.targetId) }, e.subjectText) : e.subjectText;
  const cell = (label, ...content) => h('td', { 'data-label': label }, ...content);
  return h('tr', {}, cell('When', when(e.at)), cell('Who', who), cell('What', e.actionText), cell('About', about),
    cell('Detail', e.detail ? words(e.detail) : ''));
}

/** A detail as a sentence: "password reset by admin" -> "Password reset by admin". */
function words(detail) {
  return detail.charAt(0).toUpperCase() + detail.slice(1);
}

/** The start of a day (yyyy-mm-dd) in the browser's time zone, moved on by some days. */
function localMidnight(iso, plusDays) {
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(year, month - 1, day + plusDays);
}
