// For advocates and managers: what a young person shared with them about their entitlements: what they asked
// for, received or were refused, and the gaps they chose to share, each with a draft request or complaint
// (s26 Children Act 1989) ready to copy. Opening it is recorded in the young person's access log.
import { h, replace, loading, words, dateTime } from '../dom.js';
import { graphql } from '../api.js';
import { heading } from '../console.js';
import { personName } from './erasure.js';
import { pounds } from './local-offer.js';

const SHARED = `query ConsoleSharedEntitlements($id: ID!) { sharedEntitlements(youngPersonId: $id) {
  youngPerson { id firstName preferredName }
  claims { id state amountPence on note updatedAt entitlement { id title amountPence } }
  gaps { kind title explanation since draft { kind subject body } } } }`;
const STATES = { ASKED_FOR: 'Asked for', RECEIVED: 'Received', REFUSED: 'Refused' };

/** The link from a conversation to this page. */
export function entitlementsLink(youngPersonId, name) {
  return [' · ', h('a', { href: `#/shared/${youngPersonId}/entitlements` }, `Entitlements ${name} shared`)];
}

export async function render(main, { params }) {
  replace(main, heading('Entitlements shared with you'), loading());
  const shared = (await graphql(SHARED, { id: params.id })).sharedEntitlements;
  const name = personName(shared.youngPerson);
  replace(main, heading(`Entitlements ${name} shared with you`),
    h('p', { class: 'hint' }, 'Only what they chose to share. Each time you open this page it is recorded in their '
      + 'access log.'),
    h('h2', {}, 'Gaps'),
    shared.gaps.length ? h('ul', { class: 'cards', 'aria-label': 'Gaps' }, shared.gaps.map(gap))
      : h('p', { class: 'empty' }, 'No gaps shared.'),
    h('h2', {}, 'What they asked for or received'),
    shared.claims.length ? h('ul', { class: 'cards', 'aria-label': 'Claims' }, shared.claims.map(claim))
      : h('p', { class: 'empty' }, 'Nothing shared.'));
}

function claim(c) {
  const amount = c.amountPence !== null && c.amountPence !== undefined ? ` ${pounds(c.amountPence)}` : '';
  return h('li', {}, h('h3', {}, c.entitlement.title),
    h('p', {}, `${STATES[c.state] || words(c.state)}${amount} on ${c.on}. Updated ${dateTime(c.updatedAt)}.`),
    c.note ? h('p', {}, c.note) : null);
}

function gap(g) {
  const draft = `${g.draft.subject}\n\n${g.draft.body}`;
  const text = h('textarea', { id: `draft-${g.kind}`, rows: 10, readonly: true });
  text.value = draft;
  const status = h('p', { role: 'status', class: 'hint' });
  const copy = h('button', { type: 'button', class: 'secondary' }, 'Copy the draft');
  copy.addEventListener('click', async () => {
    text.select();
    try {
      await navigator.clipboard.writeText(draft);
      replace(status, 'Copied. Paste it into an email or letter to the council.');
    } catch {
      replace(status, 'The draft is selected: copy it with your keyboard.');
    }
  });
  return h('li', {}, h('h3', {}, g.title), h('p', {}, g.explanation),
    g.since ? h('p', { class: 'hint' }, `Open since ${g.since}.`) : null,
    h('div', { class: 'field' }, h('label', { for: text.id },
      `Draft ${g.draft.kind === 'COMPLAINT' ? 'complaint' : 'request'}, theirs to change`), text),
    copy, status);
}
