import { h, replace, showBanner, allowListedHtml, uid } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';
import { OPPORTUNITY_FIELDS, details } from './opportunity.js';

const QUEUE = `query ConsoleModeration($first: Int, $after: String) { moderationQueue(first: $first, after: $after) {
  edges { node { ${OPPORTUNITY_FIELDS} descriptionHtml } } pageInfo { hasNextPage endCursor } } }`;
const APPROVE = `mutation ConsoleApprove($input: OpportunityActionInput!) { approveOpportunity(input: $input) {
  opportunity { id status } userErrors { field message code } } }`;
const REJECT = `mutation ConsoleReject($input: RejectOpportunityInput!) { rejectOpportunity(input: $input) {
  opportunity { id status } userErrors { field message code } } }`;

export async function render(main, { staff }) {
  const status = h('div', { role: 'status' });
  const list = pagedList({
    noun: 'opportunities', emptyText: 'Nothing is waiting for review.', item,
    fetchPage: async (after) => (await graphql(QUEUE, { first: PAGE_SIZE, after })).moderationQueue,
    frame: () => {
      const ul = h('ul', { class: 'cards', 'aria-label': 'Waiting for review' });
      return { view: ul, items: ul };
    },
  });
  replace(main, heading('Moderation queue'),
    h('p', {}, staff.role === 'LA_WORKER' ? 'Opportunities limited to your council alone, waiting for review.'
      : 'Opportunities waiting for review, oldest first.'), status, list.el);
  function item(o) {
    const approveForm = form({
      submit: 'Approve', label: `Approve ${o.title}`, fields: [],
      onSubmit: async () => {
        const payload = await mutate(approveForm, APPROVE, { input: { id: o.id } }, 'approveOpportunity');
        if (payload) done(`Approved: ${o.title}.`);
      },
    });
    const rejectForm = form({
      submit: 'Send back', label: `Send back ${o.title}`,
      fields: [{ name: 'reason', label: 'Reason for sending it back', type: 'textarea', rows: 3,
        hint: 'The poster sees this reason.' }],
      onSubmit: async (v) => {
        const payload = await mutate(rejectForm, REJECT, { input: { id: o.id, reason: v.reason } },
          'rejectOpportunity');
        if (payload) done(`Sent back: ${o.title}.`);
      },
    });
    return h('li', { 'data-opportunity': o.id }, h('h2', {}, o.title), preview(o),
      details(o, { description: false }), approveForm,
      h('details', {}, h('summary', {}, 'Send back with a reason'), rejectForm));
  }
  async function done(text) {
    showBanner(status, text);
    await list.refresh();
  }
  await list.reset();
}

/** The opportunity as young people will see it in the app: a card with the description rendered from Markdown. */
function preview(o) {
  const title = h('h3', { id: uid('preview') }, o.title);
  return h('section', { class: 'app-preview', 'aria-labelledby': title.id },
    h('p', { class: 'preview-label' }, 'How it looks in the app'), title,
    h('p', { class: 'meta' }, [o.organisation && o.organisation.name, o.town].filter(Boolean).join(', ')),
    h('div', { class: 'preview-description' }, allowListedHtml(o.descriptionHtml)));
}
