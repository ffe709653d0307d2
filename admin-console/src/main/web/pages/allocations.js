import { h, replace, empty, loading, dateTime, alertBox } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';

const DUE = `query ConsoleAllocations($overdueOnly: Boolean) {
  advocacyAllocations(overdueOnly: $overdueOnly, first: 100) {
  edges { node { id status allocationDueAt allocationOverdue advocate { name }
    youngPerson { id firstName preferredName localAuthority { name } } } } } }`;
const ADVOCATES = `query ConsoleAdvocates { staff(first: 100) { edges { node { id name role active } } } }`;
const ALLOCATE = `mutation ConsoleAllocate($input: AllocateAdvocateInput!) { allocateAdvocate(input: $input) {
  advocacy { id advocate { name } } userErrors { field message code } } }`;

export async function render(main) {
  const status = h('div');
  const overdue = h('input', { type: 'checkbox', id: 'overdue-only' });
  const list = h('div', {}, loading());
  replace(main, heading('Allocations due'),
    h('p', {}, 'Young people waiting for a named advocate, oldest due first. Each should have one within 2 working '
      + 'days.'),
    h('div', { class: 'field checkbox' }, overdue, h('label', { for: 'overdue-only' }, 'Only overdue')), status, list);
  const people = (await graphql(ADVOCATES)).staff.edges.map((e) => e.node)
    .filter((p) => p.active && ['ADVOCATE', 'ADVOCACY_MANAGER'].includes(p.role));
  async function load() {
    const data = await graphql(DUE, { overdueOnly: overdue.checked });
    const items = data.advocacyAllocations.edges.map((e) => e.node);
    replace(list, items.length ? h('ul', { class: 'cards' }, items.map(item))
      : empty('Nobody is waiting for an advocate.'));
  }
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
          replace(status, alertBox(`${payload.advocacy.advocate.name} is now ${name}'s advocate.`, 'success'));
          await load();
        }
      },
    });
    return h('li', {}, h('h2', {}, name),
      h('p', {}, a.allocationOverdue ? h('span', { class: 'tag overdue' }, 'Overdue') : null,
        `${a.youngPerson.localAuthority.name}. Due ${dateTime(a.allocationDueAt)}.`), allocateForm);
  }
  overdue.addEventListener('change', () => load());
  await load();
}
