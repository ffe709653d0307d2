import { h, replace, loading, words, dateTime } from '../dom.js';
import { graphql } from '../api.js';
import { heading } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';

const RECORD_FIELDS = 'id mission kind title notes updatedAt';
const GOAL_FIELDS = 'id mission title description status progressPercent targetDate';
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
const SHARED = `query ConsoleShared($id: ID!, $first: Int) {
  person: node(id: $id) { ... on YoungPerson { firstName preferredName } }
  sharedRecords(youngPersonId: $id, first: $first) { edges { node { ${RECORD_FIELDS} } } ${PAGE_INFO} }
  sharedGoals(youngPersonId: $id, first: $first) { edges { node { ${GOAL_FIELDS} } } ${PAGE_INFO} } }`;
const MORE_RECORDS = `query ConsoleSharedRecords($id: ID!, $first: Int, $after: String) {
  sharedRecords(youngPersonId: $id, first: $first, after: $after) {
    edges { node { ${RECORD_FIELDS} } } ${PAGE_INFO} } }`;
const MORE_GOALS = `query ConsoleSharedGoals($id: ID!, $first: Int, $after: String) {
  sharedGoals(youngPersonId: $id, first: $first, after: $after) {
    edges { node { ${GOAL_FIELDS} } } ${PAGE_INFO} } }`;

function cards(label) {
  return () => {
    const ul = h('ul', { class: 'cards', 'aria-label': label });
    return { view: ul, items: ul };
  };
}

export async function render(main, { params }) {
  replace(main, heading('Shared with you'), loading());
  // The first page of both lists comes with the name in one request; later pages one list at a time.
  const data = await graphql(SHARED, { id: params.id, first: PAGE_SIZE });
  const name = data.person ? (data.person.preferredName || data.person.firstName) : 'This young person';
  const goals = pagedList({
    noun: 'goals', emptyText: 'No goals shared.', frame: cards('Goals'),
    fetchPage: async (after) => (after ? (await graphql(MORE_GOALS, { id: params.id, first: PAGE_SIZE, after }))
      .sharedGoals : data.sharedGoals),
    item: (g) => h('li', {}, h('h3', {}, g.title),
      h('p', {}, `${words(g.mission)}. ${words(g.status)}, ${g.progressPercent}% done.`
        + `${g.targetDate ? ` Target ${g.targetDate}.` : ''}`),
      g.description ? h('p', {}, g.description) : null),
  });
  const records = pagedList({
    noun: 'records', emptyText: 'No records shared.', frame: cards('Records'),
    fetchPage: async (after) => (after ? (await graphql(MORE_RECORDS, { id: params.id, first: PAGE_SIZE, after }))
      .sharedRecords : data.sharedRecords),
    item: (r) => h('li', {}, h('h3', {}, r.title),
      h('p', {}, `${words(r.mission)}: ${words(r.kind)}. Updated ${dateTime(r.updatedAt)}.`),
      r.notes ? h('p', {}, r.notes) : null),
  });
  replace(main, heading(`What ${name} has shared with you`),
    h('p', { class: 'hint' }, 'Only what they chose to share. Each time you open this page it is recorded in their '
      + 'access log.'),
    h('h2', {}, 'Goals'), goals.el, h('h2', {}, 'Records'), records.el);
  await Promise.all([goals.reset(), records.reset()]);
}
