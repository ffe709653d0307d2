import { h, replace, alertBox } from '../dom.js';
import { updateStaff } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading, flash, navigate } from '../console.js';

const CHANGE = `mutation ConsoleChangePassword($input: ChangeMyPasswordInput!) {
  changeMyPassword(input: $input) { changed userErrors { field message code } } }`;

/**
 * Change password. Someone whose password was set by someone else (a first password, or a reset) is sent here
 * on sign-in and kept here: the server refuses everything else until they change it.
 */
export function render(main, { passwordChangeRequired, message }) {
  const status = h('div', {}, message ? alertBox(message.text, message.kind) : null);
  const changeForm = form({
    submit: 'Change password',
    fields: [
      { name: 'currentPassword', label: passwordChangeRequired ? 'Password you were given' : 'Current password',
        type: 'password', autocomplete: 'current-password' },
      { name: 'newPassword', label: 'New password', type: 'password', autocomplete: 'new-password',
        hint: 'At least 12 characters, and not the one you were given. A few unrelated words make a good one.' },
    ],
    onSubmit: async (values) => {
      replace(status);
      const payload = await mutate(changeForm, CHANGE, { input: values }, 'changeMyPassword');
      if (!payload || !payload.changed) return;
      changeForm.reset();
      if (passwordChangeRequired) {
        updateStaff({ passwordChangeRequired: false });
        flash('Your password has been changed. You can now use the console.');
        navigate('/');
        return;
      }
      replace(status, alertBox('Your password has been changed. Your other sessions have ended.', 'success'));
    },
  });
  const why = passwordChangeRequired ? h('div', { class: 'notice info' },
    h('p', {}, 'The password you signed in with was set by someone else, so only you should know the next one.'),
    h('p', {}, 'Choose your own password to carry on. Nothing else in the console is available until you do.'))
    : null;
  replace(main, heading(passwordChangeRequired ? 'Choose your own password' : 'Change your password'), why, status,
    changeForm);
}
