import { h, replace, alertBox } from '../dom.js';
import { graphql, SessionEnded } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading, roleName } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';
import { randomId } from './thread.js';
import { loadOrganisations } from './organisations.js';

const LIST = `query ConsoleStaff($first: Int, $after: String) { staff(first: $first, after: $after) { edges { node {
  id name email role active organisation { name } } } pageInfo { hasNextPage endCursor } } }`;
const CREATE = `mutation ConsoleCreateStaff($input: CreateStaffMemberInput!) {
  createStaffMember(input: $input) { staffMember { id name } userErrors { field message code } } }`;
const DEACTIVATE = `mutation ConsoleDeactivate($input: DeactivateStaffMemberInput!) {
  deactivateStaffMember(input: $input) { staffMember { id active } userErrors { field message code } } }`;
const RESET = `mutation ConsoleResetPassword($input: ResetStaffPasswordInput!) {
  resetStaffPassword(input: $input) { staffMember { id } userErrors { field message code } } }`;
const ROLES = ['ADMIN', 'LA_WORKER', 'ADVOCATE', 'ADVOCACY_MANAGER', 'CORPORATE_PARENT_STAFF'];

export async function render(main) {
  const status = h('div');
  const formSlot = h('div');
  const list = pagedList({
    noun: 'staff', emptyText: 'No staff yet.', item: person,
    fetchPage: async (after) => (await graphql(LIST, { first: PAGE_SIZE, after })).staff,
    frame: () => {
      const ul = h('ul', { class: 'cards', 'aria-label': 'Staff' });
      return { view: ul, items: ul };
    },
  });
  replace(main, heading('Staff'), status, h('h2', {}, 'Add a staff member'), formSlot, h('h2', {}, 'All staff'),
    list.el);
  const orgs = await loadOrganisations();
  const createForm = form({
    submit: 'Add staff member',
    fields: [
      { name: 'organisationId', label: 'Organisation', type: 'select', options: orgs.map((o) => [o.id, o.name]) },
      { name: 'name', label: 'Name' },
      { name: 'email', label: 'Email address', type: 'email' },
      { name: 'role', label: 'Role', type: 'select',
        options: ROLES.map((r) => [r, roleName(r).charAt(0).toUpperCase() + roleName(r).slice(1)]) },
      { name: 'password', label: 'First password', type: 'password', autocomplete: 'new-password',
        hint: 'At least 12 characters. Tell them to change it when they first sign in.' },
    ],
    onSubmit: async (v) => {
      const payload = await mutate(createForm, CREATE, { input: { ...v, clientMutationId: randomId() } },
        'createStaffMember');
      if (payload) {
        createForm.reset();
        replace(status, alertBox(`Added ${payload.staffMember.name}.`, 'success'));
        await list.refresh();
      }
    },
  });
  replace(formSlot, createForm);
  function person(p) {
    const li = h('li', {}, h('h3', {}, p.name),
      h('p', {}, `${roleName(p.role)}, ${p.organisation.name}. ${p.email}. ${p.active ? 'Active' : 'Deactivated'}.`));
    if (!p.active) return li;
    const deactivate = h('button', { type: 'button', class: 'warning' }, `Deactivate ${p.name}`);
    deactivate.addEventListener('click', async () => {
      try {
        const result = (await graphql(DEACTIVATE, { input: { staffMemberId: p.id } })).deactivateStaffMember;
        replace(status, result.userErrors.length ? alertBox(result.userErrors.map((e) => e.message).join(' '))
          : alertBox(`${p.name} is deactivated and signed out.`, 'success'));
        await list.refresh();
      } catch (error) {
        if (!(error instanceof SessionEnded)) replace(status, alertBox(error.message));
      }
    });
    const resetForm = form({
      submit: 'Set new password', label: `Reset the password of ${p.name}`,
      fields: [{ name: 'newPassword', label: 'New password', type: 'password', autocomplete: 'new-password' }],
      onSubmit: async (v) => {
        const payload = await mutate(resetForm, RESET, { input: { staffMemberId: p.id, newPassword: v.newPassword } },
          'resetStaffPassword');
        if (payload) {
          resetForm.reset();
          replace(status, alertBox(`The password of ${p.name} has been reset; their sessions have ended.`,
            'success'));
        }
      },
    });
    li.append(deactivate, h('details', {}, h('summary', {}, `Reset the password of ${p.name}`), resetForm));
    return li;
  }
  await list.reset();
}
