import { h, replace, words, showBanner } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';

const LIST = `query ConsoleYoungPeople($first: Int, $after: String) { youngPeople(first: $first, after: $after) {
  edges { node { id firstName preferredName age legalStatus hasAppAccount localAuthority { id name } } }
  pageInfo { hasNextPage endCursor } } }`;
const TRANSFER = `mutation ConsoleTransfer($input: TransferYoungPersonInput!) { transferYoungPerson(input: $input) {
  youngPerson { id localAuthority { name } } userErrors { field message code } } }`;

export async function render(main) {
  const status = h('div');
  const list = pagedList({
    noun: 'young people', emptyText: 'No young people yet. Invite one to start.', item,
    fetchPage: async (after) => (await graphql(LIST, { first: PAGE_SIZE, after })).youngPeople,
    frame: () => {
      const ul = h('ul', { class: 'cards', 'aria-label': 'Young people' });
      return { view: ul, items: ul };
    },
  });
  replace(main, heading('Your council\'s young people'), status, list.el);
  function item(p) {
    const name = p.preferredName || p.firstName;
    const transferForm = form({
      submit: 'Transfer', label: `Transfer ${name}`,
      fields: [{ name: 'toLocalAuthorityId', label: 'Id of the council to move to',
        hint: 'The new council gives you its id. Unused invite codes stop working.' }],
      onSubmit: async (v) => {
        const payload = await mutate(transferForm, TRANSFER,
          { input: { youngPersonId: p.id, toLocalAuthorityId: v.toLocalAuthorityId.trim() } },
          'transferYoungPerson');
        if (payload) {
          showBanner(status, `${name} has moved to ${payload.youngPerson.localAuthority.name}.`);
          await list.refresh();
        }
      },
    });
    return h('li', {}, h('h2', {}, name),
      h('p', {}, `Aged ${p.age}. ${words(p.legalStatus)}. `
        + `${p.hasAppAccount ? 'Uses the app.' : 'Not using the app yet.'}`),
      h('details', {}, h('summary', {}, `Transfer ${name} to another council`), transferForm));
  }
  await list.reset();
}
