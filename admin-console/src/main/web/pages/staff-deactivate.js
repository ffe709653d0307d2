import { h, replace, loading, alertBox } from '../dom.js';
import { graphql, SessionEnded } from '../api.js';
import { heading, navigate, flash, roleName } from '../console.js';

const ONE = `query ConsoleStaffMember($id: ID!) {
  person: node(id: $id) { ... on StaffMember { id name role active organisation { name } } } }`;
const DEACTIVATE = `mutation ConsoleDeactivate($input: DeactivateStaffMemberInput!) {
  deactivateStaffMember(input: $input) { staffMember { id active } userErrors { field message code } } }`;

/** The confirmation page before deactivating a staff member, who is signed out at once. */
export async function render(main, { params, staff: me }) {
  replace(main, heading('Deactivate a staff member'), loading());
  const data = await graphql(ONE, { id: params.id });
  const p = data.person;
  const back = h('p', {}, h('a', { href: '#/staff' }, 'Cancel and go back to staff'));
  if (!p || !p.id || !p.active || p.id === me.id) {
    replace(main, heading('Nothing to deactivate'), h('p', {}, p && p.id === me.id
      ? 'You cannot deactivate your own account.' : 'This account does not exist or is deactivated already.'), back);
    return;
  }
  const status = h('div');
  const confirm = h('button', { type: 'button', class: 'warning' }, `Yes, deactivate ${p.name}`);
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      const result = (await graphql(DEACTIVATE, { input: { staffMemberId: p.id } })).deactivateStaffMember;
      if (result.userErrors.length) {
        replace(status, alertBox(result.userErrors.map((e) => e.message).join(' ')));
        confirm.disabled = false;
        return;
      }
      flash(`${p.name} is deactivated and signed out. You can reactivate them from this page.`);
      navigate('/staff');
    } catch (error) {
      confirm.disabled = false;
      if (!(error instanceof SessionEnded)) replace(status, alertBox(error.message));
    }
  });
  replace(main, heading(`Are you sure you want to deactivate ${p.name}?`),
    h('p', {}, `${p.name} (${roleName(p.role)}, ${p.organisation.name}) will be signed out at once and will not be `
      + 'able to sign in while deactivated. Nothing they did is deleted.'),
    h('p', {}, 'You can reactivate them later from the staff page.'),
    status, h('p', {}, confirm), back);
}
