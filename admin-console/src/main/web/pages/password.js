import { h, replace, alertBox } from '../dom.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';

const CHANGE = `mutation ConsoleChangePassword($input: ChangeMyPasswordInput!) {
  changeMyPassword(input: $input) { changed userErrors { field message code } } }`;

export function render(main) {
  const status = h('div');
  const changeForm = form({
    submit: 'Change password',
    fields: [
      { name: 'currentPassword', label: 'Current password', type: 'password', autocomplete: 'current-password' },
      { name: 'newPassword', label: 'New password', type: 'password', autocomplete: 'new-password',
        hint: 'At least 12 characters. A few unrelated words make a good one.' },
    ],
    onSubmit: async (values) => {
      replace(status);
      const payload = await mutate(changeForm, CHANGE, { input: values }, 'changeMyPassword');
      if (payload && payload.changed) {
        changeForm.reset();
        replace(status, alertBox('Your password has been changed. Your other sessions have ended.', 'success'));
      }
    },
  });
  replace(main, heading('Change your password'), status, changeForm);
}
