import { h, replace, tableBox, empty, loading, words, alertBox } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';
import { randomId } from './thread.js';

const LIST = `query ConsoleOrganisations { organisations(first: 100) { edges { node {
  id name kind sector active servesLocalAuthorities { name } } } } }`;
const CREATE = `mutation ConsoleCreateOrganisation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id name } userErrors { field message code } } }`;
const KINDS = [['LOCAL_AUTHORITY', 'Council (local authority)'], ['ADVOCACY_SERVICE', 'Advocacy service'],
  ['CORPORATE_PARENT', 'Corporate parent'], ['PLATFORM_OPERATOR', 'Platform operator']];
const SECTORS = ['EMPLOYER', 'UNIVERSITY', 'COLLEGE', 'NHS', 'HOUSING_PROVIDER', 'CHARITY'];

export async function loadOrganisations() {
  const data = await graphql(LIST);
  return data.organisations.edges.map((e) => e.node);
}

export async function render(main) {
  const status = h('div');
  const list = h('div', {}, loading());
  const formSlot = h('div');
  replace(main, heading('Organisations'), status, h('h2', {}, 'Add an organisation'), formSlot,
    h('h2', {}, 'All organisations'), list);
  async function load() {
    const orgs = await loadOrganisations();
    const councils = orgs.filter((o) => o.kind === 'LOCAL_AUTHORITY');
    replace(list, orgs.length ? tableBox('Organisations', h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Organisations'),
      h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Details', 'Active'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, orgs.map((o) => h('tr', {}, h('td', {}, o.name), h('td', {}, words(o.kind)),
        h('td', {}, o.sector ? words(o.sector) : o.servesLocalAuthorities.map((c) => c.name).join(', ')),
        h('td', {}, o.active ? 'Yes' : 'No'))))))
      : empty('No organisations yet.'));
    const createForm = form({
      submit: 'Add organisation',
      fields: [
        { name: 'name', label: 'Name' },
        { name: 'kind', label: 'Kind', type: 'select', options: KINDS },
        { name: 'sector', label: 'Sector (corporate parents only)', type: 'select',
          options: [['', 'None'], ...SECTORS.map((s) => [s, words(s)])] },
        { name: 'servesLocalAuthorityIds', label: 'Councils served (advocacy services only)', type: 'select',
          multiple: true, options: councils.map((c) => [c.id, c.name]) },
      ],
      onSubmit: async (v) => {
        const input = { name: v.name, kind: v.kind, sector: v.sector || null,
          servesLocalAuthorityIds: v.servesLocalAuthorityIds, clientMutationId: randomId() };
        const payload = await mutate(createForm, CREATE, { input }, 'createOrganisation');
        if (payload) {
          replace(status, alertBox(`Added ${payload.organisation.name}.`, 'success'));
          await load();
        }
      },
    });
    replace(formSlot, createForm);
  }
  await load();
}
