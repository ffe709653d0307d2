import { h, replace, dateTime, showBanner } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';
import { pagedList, allNodes, PAGE_SIZE } from '../paging.js';

const DUE = `query ConsoleAllocations($overdueOnly: Boolean, $first: Int, $after: String) {
  advocacyAllocations(overdueOnly: $overdueOnly, first: $first, after: $after) {
  edges { node { id status allocationDueAt allocationOverdue advocate { name }
    youngPerson { id firstName preferredName localAuthority { name } } } } pageInfo { hasNextPage endCursor } } }`;
const STAFF = `query ConsoleAdvocates($first: Int, $after: String) { staff(first: $first, after: $after) {
  edges { node { id name role active } } pageInfo { hasNextPage endCursor } } }`;
const ALLOCATE = `mutation ConsoleAllocate($input: AllocateAdvocateInput!) { allocateAdvocate(input: $input) {
  advocacy { id advocate { name } } userErrors { field message code } } }`;

/**
 * The active advocates and managers of the manager's own service, every page of them (the API shows a manager
 * only their own service's staff), for choosing whom to allocate or assign.
 */
export async function loadAdvocates() {
  const people = await allNodes(async (after) => (await graphql(STAFF, { first: PAGE_SIZE, after })).staff);
  return people.filter((p) => p.active && ['ADVOCATE', 'ADVOCACY_MANAGER'].includes(p.role));
}

export async function render(main) {
  const status = h('div');
  const overdue = h('input', { type: 'checkbox', id: 'overdue-only' });
  let people = [];
  const list = pagedList({
    noun: 'young people', emptyText: 'Nobody is waiting for an advocate.', item,
    fetchPage: async (after) => (await graphql(DUE, { overdueOnly: overdue.checked, first: PAGE_SIZE, after }))
      .advocacyAllocations,
    frame: () => {
      const ul = h('ul', { class: 'cards', 'aria-label': 'Waiting for an advocate' });
      return { view: ul, items: ul };
    },
  });
  replace(main, heading('Allocations due'),
    h('p', {}, 'Young people waiting for a named advocate, oldest due first. Each should have one within 2 working '
      + 'days.'),
    h('div', { class: 'field checkbox' }, overdue, h('label', { for: 'overdue-only' }, 'Only overdue')), status,
    list.el);
  people = await loadAdvocates();
  function item(a) {
    const name = a.youngPerson.preferredName || a.youngPerson.firstName;
    const allocateForm = form({
      submit: a.advocate ? 'Reassign' : 'Allocate', label: `Allocate an advocate to ${name}`,
      fields: [{ name: 'advocateId', label: `Advocate for ${name}`, type: 'select',
        options: people.map((p) => [p.id, p.name]) }],
      onSubmit: async (v) => {
        const payload = await mutate(allocateForm, ALLOCATE,
          { input: { youngPersonId: a.youngPerson.id, advocateId: v.advocateId } }, 'allocateAdvocate');
        if (payload) {
          showBanner(status, `${payload.advocacy.advocate.name} is now ${name}'s advocate.`);
          await list.refresh();
        }
      },
    });
    return h('li', {}, h('h2', {}, name),
      h('p', {}, a.allocationOverdue ? h('span', { class: 'tag overdue' }, 'Overdue') : null,
        `${a.youngPerson.localAuthority.name}. Due ${dateTime(a.allocationDueAt)}.`), allocateForm);
  }
  overdue.addEventListener('change', () => list.reset());
  await list.reset();
}
