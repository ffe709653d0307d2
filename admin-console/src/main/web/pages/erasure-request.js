import { h, replace, loading, dateTime, words, alertBox } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading, navigate, flash } from '../console.js';
import { personName } from './erasure.js';

export const REQUEST_FIELDS = `id state reason requestedAt answerBy decidedAt decisionReason carriedOutAt
  result { erased { kind count } kept { kind title why } } youngPerson { firstName preferredName }`;
const ONE = `query ConsoleErasureRequest($id: ID!) {
  request: node(id: $id) { ... on ErasureRequest { ${REQUEST_FIELDS} } }
  erasurePolicy { kinds { kind title outcome why legalBasis keptFor } } }`;
export const DECIDE = `mutation ConsoleDecideErasure($input: DecideErasureRequestInput!) {
  decideErasureRequest(input: $input) { erasureRequest { ${REQUEST_FIELDS} } userErrors { field message code } } }`;

/** The kinds the policy keeps, with the legal reason and how long: what staff must be able to explain. */
export function keptList(kinds) {
  return h('ul', { 'aria-label': 'Kept' }, kinds.filter((k) => k.outcome === 'KEPT').map((k) => h('li', {},
    h('strong', {}, k.title), `: ${k.why} Kept for: ${k.keptFor} Legal basis: ${k.legalBasis}`)));
}

export async function render(main, { params, message }) {
  replace(main, heading('Erasure request'), loading());
  const data = await graphql(ONE, { id: params.id });
  const r = data.request;
  if (!r || !r.id) {
    replace(main, heading('Erasure request not found'),
      h('p', {}, 'There is no erasure request at this address that you may see.'),
      h('p', {}, h('a', { href: '#/erasure' }, 'Back to erasure requests')));
    return;
  }
  const status = h('div', {}, message ? alertBox(message.text, message.kind) : null);
  replace(main, heading(`Erasure request from ${personName(r.youngPerson)}`), status,
    h('p', {}, h('a', { href: '#/erasure' }, 'Back to erasure requests')),
    h('dl', {}, h('dt', {}, 'State'), h('dd', {}, words(r.state)),
      h('dt', {}, 'Asked'), h('dd', {}, dateTime(r.requestedAt)),
      h('dt', {}, 'Answer by'), h('dd', {}, r.answerBy),
      h('dt', {}, 'Their reason'), h('dd', {}, r.reason || 'None given'),
      r.decidedAt ? [h('dt', {}, 'Decided'), h('dd', {}, dateTime(r.decidedAt))] : null,
      r.decisionReason ? [h('dt', {}, 'Reason given'), h('dd', {}, r.decisionReason)] : null),
    r.state === 'APPROVED' ? result(r) : null,
    h('h2', {}, 'What is kept even when a request is approved'), keptList(data.erasurePolicy.kinds),
    r.state === 'PENDING' ? decide(r) : null);
}

function result(r) {
  return [h('h2', {}, r.carriedOutAt ? `Deleted ${dateTime(r.carriedOutAt)}`
    : 'Deletion not finished: it resumes when the server next starts'),
  h('ul', { 'aria-label': 'Deleted' }, r.result.erased.map((e) => h('li', {}, `${words(e.kind)}: ${e.count}`)))];
}

function decide(r) {
  const refuseForm = form({
    submit: 'Refuse the request', label: 'Refuse the request',
    fields: [{ name: 'reason', label: 'Reason for refusing', type: 'textarea', rows: 4,
      hint: 'The young person reads this. Say which exemption applies and that they can complain to the ICO.' }],
    onSubmit: async (v) => {
      const payload = await mutate(refuseForm, DECIDE,
        { input: { requestId: r.id, decision: 'REFUSE', reason: v.reason } }, 'decideErasureRequest');
      if (payload) {
        flash('The request was refused. The young person can read your reason.');
        navigate(`/erasure/${r.id}`);
      }
    },
  });
  return h('section', { 'aria-label': 'Decide' }, h('h2', {}, 'Decide'),
    h('p', {}, h('a', { href: `#/erasure/${r.id}/approve` }, 'Approve and delete the data')),
    h('h3', {}, 'Or refuse it'), refuseForm);
}
