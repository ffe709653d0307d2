import { h, replace, alertBox } from '../dom.js';
import { form, showFormError } from '../forms.js';
import { signIn } from '../api.js';

export function render(main, { message, navigate }) {
  document.title = 'Sign in – Alongside console';
  const signInForm = form({
    submit: 'Sign in',
    label: 'Sign in',
    fields: [
      { name: 'email', label: 'Email address', type: 'email', autocomplete: 'username', required: true },
      { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true },
    ],
    onSubmit: async (values) => {
      if (!values.email || !values.password) {
        showFormError(signInForm, 'Enter your email address and password.');
        signInForm.formError.focus();
        return;
      }
      try {
        await signIn(values.email.trim(), values.password);
        navigate('/');
      } catch (error) {
        signInForm.controls.password.value = '';
        showFormError(signInForm, error.code === 'UNAUTHENTICATED'
          ? 'The email address or password is wrong. Check them and try again.' : error.message);
        signInForm.formError.focus();
      }
    },
  });
  replace(main, h('h1', { tabindex: '-1' }, 'Sign in'),
    message ? alertBox(message.text, message.kind) : null,
    h('p', {}, 'Sign in with the staff account your organisation gave you.'),
    signInForm);
}
