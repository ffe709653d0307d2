import { h, replace, reflowTable, reflowRow, words, uid, showBanner } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';
import { pagedList, allNodes, PAGE_SIZE } from '../paging.js';
import { randomId } from './thread.js';
import { REGIONS } from './opportunity-edit.js';

const LIST = `query ConsoleOrganisations($kind: OrganisationKind, $first: Int, $after: String) {
  organisations(kind: $kind, first: $first, after: $after) { edges { node {
  id name kind sector region active servesLocalAuthorities { id name } } } pageInfo { hasNextPage endCursor } } }`;
const CREATE = `mutation ConsoleCreateOrganisation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id name } userErrors { field message code } } }`;
const UPDATE = `mutation ConsoleUpdateOrganisation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) { organisation { id name } userErrors { field message code } } }`;
const KINDS = [['LOCAL_AUTHORITY', 'Council (local authority)'], ['ADVOCACY_SERVICE', 'Advocacy service'],
  ['CORPORATE_PARENT', 'Corporate parent'], ['PLATFORM_OPERATOR', 'Platform operator']];
const COLUMNS = ['Name', 'Kind', 'Details', 'Active', 'Change'];
const SECTORS = ['EMPLOYER', 'UNIVERSITY', 'COLLEGE', 'NHS', 'HOUSING_PROVIDER', 'CHARITY'];

async function page(kind, after) {
  const data = await graphql(LIST, { kind: kind || null, first: PAGE_SIZE, after });
  return data.organisations;
}

/** Every organisation (or every one of a kind), for the choices of a select. */
export function loadOrganisations(kind) {
  return allNodes((after) => page(kind, after));
}

/** What sets an organisation apart in the list: a sector, a region, or the councils served. */
function details(o) {
  if (o.sector) return words(o.sector);
  if (o.kind === 'LOCAL_AUTHORITY') {
    const region = REGIONS.find(([value]) => value === o.region);
    return region ? region[1] : 'Region not set';
  }
  return o.servesLocalAuthorities.map((c) => c.name).join(', ');
}

export async function render(main) {
  const status = h('div');
  const editSlot = h('div');
  const formSlot = h('div');
  let councils = [];
  const list = pagedList({
    noun: 'organisations',
    emptyText: 'No organisations yet.',
    fetchPage: (after) => page(null, after),
    frame: () => {
      const body = h('tbody');
      return { items: body, view: reflowTable('Organisations', COLUMNS, body) };
    },
    item: (o) => {
      const change = h('button', { type: 'button', class: 'secondary' }, 'Change',
        h('span', { class: 'visually-hidden' }, ` ${o.name}`));
      change.addEventListener('click', () => edit(o, change));
      return reflowRow(COLUMNS, [o.name, words(o.kind), details(o), o.active ? 'Yes' : 'No', change],
        { 'data-organisation': o.id });
    },
  });
  replace(main, heading('Organisations'), status, editSlot, h('h2', {}, 'Add an organisation'), formSlot,
    h('h2', {}, 'All organisations, newest first'), list.el);

  function edit(o, opener) {
    replace(status);
    const fields = [{ name: 'name', label: 'Name', value: o.name }];
    if (o.kind === 'CORPORATE_PARENT') {
      fields.push({ name: 'sector', label: 'Sector', type: 'select', value: o.sector,
        options: SECTORS.map((s) => [s, words(s)]) });
    }
    if (o.kind === 'LOCAL_AUTHORITY') {
      fields.push({ name: 'region', label: 'Region', type: 'select', value: o.region || '',
        options: [['', 'Not set'], ...REGIONS],
        hint: 'Opportunities open to a region reach the young people of its councils.' });
    }
    if (o.kind === 'ADVOCACY_SERVICE') {
      fields.push({ name: 'servesLocalAuthorityIds', label: 'Councils served', type: 'select', multiple: true,
        value: o.servesLocalAuthorities.map((c) => c.id), options: councils.map((c) => [c.id, c.name]),
        hint: 'The full list: young people of a council taken off it no longer reach this service.' });
    }
    if (o.kind !== 'PLATFORM_OPERATOR') {
      fields.push({ name: 'active', label: 'Active', type: 'checkbox', value: o.active,
        hint: 'Untick to deactivate it: its staff can no longer sign in.' });
    }
    const title = h('h2', { tabindex: '-1', id: uid('change-title') }, `Change ${o.name}`);
    const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const editForm = form({
      submit: 'Save changes', label: `Change ${o.name}`, fields,
      onSubmit: async (v) => {
        const input = { organisationId: o.id, ...v };
        if ('region' in input) input.region = input.region || null;
        const payload = await mutate(editForm, UPDATE, { input }, 'updateOrganisation');
        if (payload) {
          replace(editSlot);
          showBanner(status, `Saved the changes to ${payload.organisation.name}.`);
          if (o.kind === 'LOCAL_AUTHORITY') await addForm();
          await list.refresh();
        }
      },
    });
    editForm.append(cancel);
    cancel.addEventListener('click', () => {
      replace(editSlot);
      if (opener.isConnected) opener.focus();
    });
    replace(editSlot, h('section', { class: 'edit', 'aria-labelledby': title.id }, title, editForm));
    title.focus();
  }

  // The add form offers every council, so it is made again when one has been added or renamed.
  async function addForm() {
    councils = await loadOrganisations('LOCAL_AUTHORITY');
    const createForm = form({
      submit: 'Add organisation',
      fields: [
        { name: 'name', label: 'Name' },
        { name: 'kind', label: 'Kind', type: 'select', options: KINDS },
        { name: 'sector', label: 'Sector (corporate parents only)', type: 'select',
          options: [['', 'None'], ...SECTORS.map((s) => [s, words(s)])] },
        { name: 'region', label: 'Region (councils only)', type: 'select',
          options: [['', 'None'], ...REGIONS] },
        { name: 'servesLocalAuthorityIds', label: 'Councils served (advocacy services only)', type: 'select',
          multiple: true, options: councils.map((c) => [c.id, c.name]) },
      ],
      onSubmit: async (v) => {
        const input = { name: v.name, kind: v.kind, sector: v.sector || null, region: v.region || null,
          servesLocalAuthorityIds: v.servesLocalAuthorityIds, clientMutationId: randomId() };
        const payload = await mutate(createForm, CREATE, { input }, 'createOrganisation');
        if (payload) {
          showBanner(status, `Added ${payload.organisation.name}.`);
          await addForm();
          await list.reset();
        }
      },
    });
    replace(formSlot, createForm);
  }
  await addForm();
  await list.reset();
}
