import { h, replace, alertBox, dateTime } from '../dom.js';
import { form, mutate, requireFields } from '../forms.js';
import { heading } from '../console.js';
import { randomId } from './thread.js';

const INVITE = `mutation ConsoleCreateInvite($input: CreateInviteInput!) { createInvite(input: $input) {
  invite { code expiresAt } youngPerson { id firstName } userErrors { field message code } } }`;
export const LEGAL_STATUSES = [['LOOKED_AFTER', 'Looked after'], ['ELIGIBLE', 'Eligible'], ['RELEVANT', 'Relevant'],
  ['FORMER_RELEVANT', 'Former relevant'], ['QUALIFYING', 'Qualifying']];

export function render(main) {
  const result = h('div');
  const inviteForm = form({
    submit: 'Create invite',
    fields: [
      { name: 'firstName', label: 'First name', autocomplete: 'off' },
      { name: 'dateOfBirth', label: 'Date of birth', type: 'date' },
      { name: 'legalStatus', label: 'Legal status', type: 'select',
        options: [['', 'Choose a status'], ...LEGAL_STATUSES] },
    ],
    onSubmit: async (values) => {
      replace(result);
      if (!requireFields(inviteForm, values, { dateOfBirth: 'Enter their date of birth.',
        legalStatus: 'Choose their legal status.' })) return;
      const payload = await mutate(inviteForm, INVITE, { input: { ...values, clientMutationId: randomId() } },
        'createInvite');
      if (!payload) return;
      inviteForm.reset();
      // The code is shown once: it is not stored in readable form and leaves the page with it.
      const box = h('div', { class: 'notice success', role: 'status', tabindex: '-1' },
        h('h2', {}, `Invite code for ${payload.youngPerson.firstName}`),
        h('p', { class: 'code', 'data-invite-code': '' }, payload.invite.code),
        h('p', {}, `Give this code to ${payload.youngPerson.firstName} to enter in their app. It works once, until `
          + `${dateTime(payload.invite.expiresAt)}. It will not be shown again.`));
      replace(result, box);
      box.focus();
    },
  });
  replace(main, heading('Invite a young person'),
    h('p', {}, 'Create a record for a young person of your council and a one-time code for their app.'),
    result, inviteForm);
}

export { alertBox };
