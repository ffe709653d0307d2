import { h, replace, empty, loading, words, alertBox } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';

const LIST = `query ConsoleYoungPeople { youngPeople(first: 100) { edges { node {
  id firstName preferredName age legalStatus hasAppAccount localAuthority { id name } } } } }`;
const TRANSFER = `mutation ConsoleTransfer($input: TransferYoungPersonInput!) { transferYoungPerson(input: $input) {
  youngPerson { id localAuthority { name } } userErrors { field message code } } }`;

export async function render(main) {
  const status = h('div');
  const list = h('div', {}, loading());
  replace(main, heading('Your council\'s young people'), status, list);
  async function load() {
    const data = await graphql(LIST);
    const people = data.youngPeople.edges.map((e) => e.node);
    replace(list, people.length ? h('ul', { class: 'cards' }, people.map(item))
      : empty('No young people yet. Invite one to start.'));
  }
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
          replace(status, alertBox(`${name} has moved to ${payload.youngPerson.localAuthority.name}.`, 'success'));
          await load();
        }
      },
    });
    return h('li', {}, h('h2', {}, name),
      h('p', {}, `Aged ${p.age}. ${words(p.legalStatus)}. `
        + `${p.hasAppAccount ? 'Uses the app.' : 'Not using the app yet.'}`),
      h('details', {}, h('summary', {}, `Transfer ${name} to another council`), transferForm));
  }
  await load();
}
