import { h, replace, loading, words, dateTime, alertBox, summaryList } from '../dom.js';
import { graphql, SessionEnded } from '../api.js';
import { heading } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';
import { opportunityForm } from './opportunity-edit.js';

export const OPPORTUNITY_FIELDS = `id title description kind missions status rejectionReason version closingDate
  town places howToApply contact createdAt organisation { name }
  eligibility { minAge maxAge legalStatuses delivery councils { id name } regions }`;
const ONE = `query ConsoleOpportunity($id: ID!) { node(id: $id) { ... on Opportunity { ${OPPORTUNITY_FIELDS} } } }`;
const INTEREST = `query ConsoleInterest($id: ID!, $first: Int, $after: String) {
  interestReceived(opportunityId: $id, first: $first, after: $after) { edges { node {
  id shared firstName email phone ageBand councilName message withdrawn createdAt } }
  pageInfo { hasNextPage endCursor } } }`;
const ACTION = (name) => `mutation ConsoleOpportunity${name}($input: OpportunityActionInput!) {
  ${name}(input: $input) { opportunity { id status } userErrors { field message code } } }`;

/** The facts of an opportunity as a summary list; every value is text. The description is left out on request. */
export function details(o, { description = true } = {}) {
  return summaryList([
    ['Organisation', o.organisation && o.organisation.name], ['Status', words(o.status)],
    ['Kind', words(o.kind)], ['Missions', o.missions.map(words).join(', ')],
    ['Ages', `${o.eligibility.minAge} to ${o.eligibility.maxAge}`],
    ['Legal statuses', o.eligibility.legalStatuses.map(words).join(', ') || 'All'],
    ['Area', [...o.eligibility.councils.map((c) => c.name), ...o.eligibility.regions.map(words)].join(', ')
      || 'All of England'],
    ['Delivery', words(o.eligibility.delivery)], ['Town', o.town], ['Closes', o.closingDate],
    ['Places', o.places], ['How to apply', o.howToApply], ['Contact', o.contact],
    ['Description', description ? o.description : null], ['Reason it was sent back', o.rejectionReason]]);
}

export async function render(main, { params, message }) {
  replace(main, heading('Opportunity'), loading());
  const data = await graphql(ONE, { id: params.id });
  const o = data.node;
  if (!o) {
    replace(main, heading('Opportunity not found'), h('p', {}, 'It does not exist or is not your organisation\'s.'));
    return;
  }
  const status = h('div', {}, message ? alertBox(message.text, message.kind) : null);
  const actions = h('div');
  const act = (name, label, done, kind) => {
    const button = h('button', { type: 'button', class: kind || '' }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const result = (await graphql(ACTION(name), { input: { id: o.id } }))[name];
        if (result.userErrors.length) {
          replace(status, alertBox(result.userErrors.map((e) => e.message).join(' ')));
        } else {
          render(main, { params, message: { text: done, kind: 'success' } });
        }
      } catch (error) {
        if (!(error instanceof SessionEnded)) replace(status, alertBox(error.message));
      } finally {
        button.disabled = false;
      }
    });
    actions.append(button);
  };
  if (['DRAFT', 'REJECTED'].includes(o.status)) act('submitOpportunity', 'Submit for review', 'Submitted for review.');
  if (['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED'].includes(o.status)) {
    act('closeOpportunity', 'Close early', 'The opportunity is closed.', 'warning');
  }
  const interest = pagedList({
    noun: 'expressions of interest', emptyText: 'No interest yet.',
    fetchPage: async (after) => (await graphql(INTEREST, { id: o.id, first: PAGE_SIZE, after })).interestReceived,
    frame: () => {
      const ul = h('ul', { class: 'cards', 'aria-label': 'Interest received' });
      return { view: ul, items: ul };
    },
    // Someone who withdrew their interest is no longer shown to the poster.
    item: (i) => (i.withdrawn ? null : h('li', {},
      h('p', {}, [i.firstName, i.ageBand && `aged ${i.ageBand}`, i.councilName].filter(Boolean).join(', ')
        || 'Someone who chose not to share their name'),
      i.email ? h('p', {}, `Email: ${i.email}`) : null, i.phone ? h('p', {}, `Phone: ${i.phone}`) : null,
      i.message ? h('p', {}, `Message: ${i.message}`) : null,
      h('p', { class: 'meta' }, dateTime(i.createdAt)))),
  });
  replace(main, heading(o.title), status, actions, details(o),
    o.status === 'CLOSED' ? null : h('details', {}, h('summary', {}, 'Change this opportunity'),
      opportunityForm(o, () => render(main, { params, message: { text: 'Your changes have been saved.',
        kind: 'success' } }))),
    h('h2', {}, 'Interest received'),
    h('p', { class: 'hint' }, 'You see only what each young person chose to share.'), interest.el);
  try {
    await interest.reset();
  } catch (error) {
    if (!(error instanceof SessionEnded)) replace(interest.el, alertBox(error.message));
  }
}
