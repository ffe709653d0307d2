import { h, replace, loading } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading, navigate, flash } from '../console.js';
import { personName } from './erasure.js';
import { DECIDE, keptList } from './erasure-request.js';

const ONE = `query ConsoleErasureApprove($id: ID!) {
  request: node(id: $id) { ... on ErasureRequest { id state youngPerson { firstName preferredName } } }
  erasurePolicy { kinds { kind title whatItIs outcome why legalBasis keptFor } } }`;

/** The confirmation page before an approval, which cannot be undone. */
export async function render(main, { params }) {
  replace(main, heading('Approve the erasure'), loading());
  const data = await graphql(ONE, { id: params.id });
  const r = data.request;
  if (!r || !r.id || r.state !== 'PENDING') {
    replace(main, heading('Nothing to approve'), h('p', {}, 'This request is not waiting for an answer.'),
      h('p', {}, h('a', { href: `#/erasure/${params.id}` }, 'Back to the request')));
    return;
  }
  const name = personName(r.youngPerson);
  const confirmForm = form({
    submit: `Yes, delete ${name}'s data`, label: 'Confirm the erasure',
    fields: [{ name: 'reason', label: 'Note for the young person (optional)', type: 'textarea', rows: 3 }],
    onSubmit: async (v) => {
      const payload = await mutate(confirmForm, DECIDE, { input: { requestId: r.id, decision: 'APPROVE',
        reason: v.reason.trim() || null } }, 'decideErasureRequest');
      if (payload) {
        flash(`${name}'s data was deleted and their app account closed.`);
        navigate(`/erasure/${r.id}`);
      }
    },
  });
  const kinds = data.erasurePolicy.kinds;
  replace(main, heading(`Approve the erasure for ${name}?`),
    h('div', { class: 'notice error', role: 'alert' }, 'This cannot be undone. The data below is deleted at once '
      + 'and the young person can no longer sign in to the app.'),
    h('h2', {}, 'Deleted'),
    h('ul', { 'aria-label': 'Deleted' }, kinds.filter((k) => k.outcome === 'ERASED')
      .map((k) => h('li', {}, h('strong', {}, k.title), `: ${k.whatItIs}`))),
    h('h2', {}, 'Kept'), keptList(kinds), confirmForm,
    h('p', {}, h('a', { href: `#/erasure/${r.id}` }, 'No, go back without deciding')));
}
