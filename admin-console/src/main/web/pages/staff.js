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
const REACTIVATE = `mutation ConsoleReactivate($input: ReactivateStaffMemberInput!) {
  reactivateStaffMember(input: $input) { staffMember { id active } userErrors { field message code } } }`;
const RESET = `mutation ConsoleResetPassword($input: ResetStaffPasswordInput!) {
  resetStaffPassword(input: $input) { staffMember { id } userErrors { field message code } } }`;
const ROLES = ['ADMIN', 'LA_WORKER', 'ADVOCATE', 'ADVOCACY_MANAGER', 'CORPORATE_PARENT_STAFF'];

export async function render(main, { staff: me, message }) {
  const status = h('div', {}, message ? alertBox(message.text, message.kind) : null);
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
        hint: 'At least 12 characters. They will be asked to choose their own when they first sign in.' },
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
    const mine = p.id === me.id;
    const li = h('li', { 'data-staff': p.id }, h('h3', {}, p.name),
      h('p', {}, `${roleName(p.role)}, ${p.organisation.name}. ${p.email}. ${p.active ? 'Active' : 'Deactivated'}.`
        + (mine ? ' This is you.' : '')));
    if (mine) return li;
    if (!p.active) {
      li.append(reactivateButton(p));
      return li;
    }
    // Deactivating signs them out at once, so it goes through a confirmation page first.
    const deactivate = h('a', { href: `#/staff/${p.id}/deactivate`, class: 'warning' }, `Deactivate ${p.name}`);
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
    li.append(h('p', {}, deactivate), h('details', {}, h('summary', {}, `Reset the password of ${p.name}`),
      resetForm));
    return li;
  }
  function reactivateButton(p) {
    const button = h('button', { type: 'button' }, `Reactivate ${p.name}`);
    button.addEventListener('click', async () => {
      try {
        const result = (await graphql(REACTIVATE, { input: { staffMemberId: p.id } })).reactivateStaffMember;
        replace(status, result.userErrors.length ? alertBox(result.userErrors.map((e) => e.message).join(' '))
          : alertBox(`${p.name} can sign in again, with the password they had.`, 'success'));
        await list.refresh();
        status.querySelector('.notice')?.setAttribute('tabindex', '-1');
        status.querySelector('.notice')?.focus();
      } catch (error) {
        if (!(error instanceof SessionEnded)) replace(status, alertBox(error.message));
      }
    });
    return button;
  }
  await list.reset();
}
