import { h, replace, dateTime, words } from '../dom.js';
import { graphql } from '../api.js';
import { heading } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';

const LIST = `query ConsoleErasureRequests($state: ErasureRequestState, $first: Int, $after: String) {
  erasureRequests(state: $state, first: $first, after: $after) {
    edges { node { id state reason requestedAt answerBy youngPerson { firstName preferredName } } }
    pageInfo { hasNextPage endCursor } } }`;
const STATES = [['PENDING', 'Waiting for an answer'], ['APPROVED', 'Approved'], ['REFUSED', 'Refused'],
  ['CANCELLED', 'Cancelled by the young person'], ['', 'All']];

/** The name staff see; after an erasure the young person's names are gone. */
export function personName(person) {
  return person ? (person.preferredName || person.firstName) : 'A young person';
}

export async function render(main, { staff, message }) {
  const select = h('select', { id: 'erasure-state' }, STATES.map(([value, text]) => h('option', { value }, text)));
  const list = pagedList({
    noun: 'requests', emptyText: 'No erasure requests in this state.', item,
    fetchPage: async (after) => (await graphql(LIST, { state: select.value || null, first: PAGE_SIZE, after }))
      .erasureRequests,
    frame: () => {
      const ul = h('ul', { class: 'cards', 'aria-label': 'Erasure requests' });
      return { view: ul, items: ul };
    },
  });
  select.addEventListener('change', () => list.reset());
  replace(main, heading('Erasure requests'),
    message ? h('div', { class: `notice ${message.kind}`, role: 'status' }, message.text) : null,
    h('p', {}, staff.role === 'ADMIN' ? 'Requests from young people of every council to have their data deleted.'
      : 'Requests from your council\'s young people to have their data deleted. Each must be answered within one '
      + 'calendar month.'),
    h('div', { class: 'field' }, h('label', { for: 'erasure-state' }, 'Show'), select), list.el);
  function item(r) {
    return h('li', {}, h('h2', {}, h('a', { href: `#/erasure/${r.id}` }, `${personName(r.youngPerson)}: `
      + `${words(r.state)}`)),
      h('p', {}, `Asked ${dateTime(r.requestedAt)}. Answer by ${r.answerBy}.`),
      r.reason ? h('p', {}, `Their reason: ${r.reason}`) : h('p', { class: 'hint' }, 'They gave no reason.'));
  }
  await list.reset();
}
