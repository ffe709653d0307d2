import { h, replace, empty, loading, words, dateTime } from '../dom.js';
import { graphql } from '../api.js';
import { heading } from '../console.js';

const SHARED = `query ConsoleShared($id: ID!) {
  person: node(id: $id) { ... on YoungPerson { firstName preferredName } }
  sharedRecords(youngPersonId: $id, first: 100) { edges { node { id mission kind title notes updatedAt } } }
  sharedGoals(youngPersonId: $id, first: 100) { edges { node { id mission title description status progressPercent
    targetDate } } } }`;

export async function render(main, { params }) {
  replace(main, heading('Shared with you'), loading());
  const data = await graphql(SHARED, { id: params.id });
  const name = data.person ? (data.person.preferredName || data.person.firstName) : 'This young person';
  const records = data.sharedRecords.edges.map((e) => e.node);
  const goals = data.sharedGoals.edges.map((e) => e.node);
  replace(main, heading(`What ${name} has shared with you`),
    h('p', { class: 'hint' }, 'Only what they chose to share. Each time you open this page it is recorded in their '
      + 'access log.'),
    h('h2', {}, 'Goals'),
    goals.length ? h('ul', { class: 'cards' }, goals.map((g) => h('li', {}, h('h3', {}, g.title),
      h('p', {}, `${words(g.mission)}. ${words(g.status)}, ${g.progressPercent}% done.`
        + `${g.targetDate ? ` Target ${g.targetDate}.` : ''}`),
      g.description ? h('p', {}, g.description) : null))) : empty('No goals shared.'),
    h('h2', {}, 'Records'),
    records.length ? h('ul', { class: 'cards' }, records.map((r) => h('li', {}, h('h3', {}, r.title),
      h('p', {}, `${words(r.mission)}: ${words(r.kind)}. Updated ${dateTime(r.updatedAt)}.`),
      r.notes ? h('p', {}, r.notes) : null))) : empty('No records shared.'));
}
