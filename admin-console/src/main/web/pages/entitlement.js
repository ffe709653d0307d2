// One entitlement with its earlier versions, newest first; a council's own can be changed or withdrawn from here.
import { h, replace, loading, tableBox, dateTime, alertBox } from '../dom.js';
import { graphql } from '../api.js';
import { heading } from '../console.js';
import { ENTITLEMENT_FIELDS, facts, worth } from './local-offer.js';

export const ONE = `query ConsoleEntitlement($id: ID!) { node(id: $id) { ... on Entitlement { ${ENTITLEMENT_FIELDS}
  history { version title summary amountPence level howToClaim source effectiveFrom effectiveTo changedAt
    eligibility { summary } } } } }`;

/** The entitlement an address names, or a page saying there is none (resolving to null). */
export async function load(main, id) {
  const e = (await graphql(ONE, { id })).node;
  if (e && e.id) return e;
  replace(main, heading('Entitlement not found'), h('p', {}, 'There is no entitlement at this address.'),
    h('p', {}, h('a', { href: '#/local-offer' }, 'Back to the Local Offer')));
  return null;
}

export async function render(main, { params, message }) {
  replace(main, heading('Entitlement'), loading());
  const e = await load(main, params.id);
  if (!e) return;
  const offer = e.council ? `#/local-offer/${e.council.id}` : '#/local-offer';
  replace(main, heading(e.title),
    message ? alertBox(message.text, message.kind) : null,
    h('p', {}, h('a', { href: offer }, 'Back to the Local Offer')),
    h('p', {}, e.scope === 'LOCAL' ? `A local entitlement of ${e.council ? e.council.name : 'the council'}.`
      : 'An entitlement in law, for every care leaver in England.',
    e.withdrawn ? ` Withdrawn: last offered on ${e.effectiveTo}.` : ''),
    facts(e), h('h2', {}, 'How to claim'), h('p', {}, e.howToClaim),
    e.scope === 'LOCAL' && !e.withdrawn ? h('ul', { 'aria-label': 'Actions' },
      h('li', {}, h('a', { href: `#/entitlements/${e.id}/revise` }, 'Change it (a new version)')),
      h('li', {}, h('a', { href: `#/entitlements/${e.id}/withdraw` }, 'Withdraw it from the offer'))) : null,
    h('h2', {}, 'Earlier versions'), history(e.history));
}

function history(versions) {
  if (!versions.length) return h('p', { class: 'empty' }, 'This is the first version.');
  return tableBox('Earlier versions', h('table', { class: 'wide' },
    h('caption', { class: 'visually-hidden' }, 'Earlier versions, newest first'),
    h('thead', {}, h('tr', {}, ['Version', 'Title', 'Amount or level', 'Who is eligible', 'Offered', 'Changed']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, versions.map((v) => h('tr', {}, h('td', {}, String(v.version)), h('td', {}, v.title),
      h('td', {}, worth(v)), h('td', {}, v.eligibility.summary),
      h('td', {}, v.effectiveTo ? `${v.effectiveFrom} to ${v.effectiveTo}` : `From ${v.effectiveFrom}`),
      h('td', {}, dateTime(v.changedAt)))))));
}
