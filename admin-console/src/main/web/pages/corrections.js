import { h, replace, words, dateTime, showBanner, summaryList } from '../dom.js';
import { graphql } from '../api.js';
import { form, mutate } from '../forms.js';
import { heading } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';
import { disputeBox } from './dispute.js';

const LIST = `query ConsoleCorrections($state: CorrectionState, $first: Int, $after: String) {
  correctionRequests(state: $state, first: $first, after: $after) {
  edges { node { id field proposedValue reason state requestedAt answerBy decisionReason previousValue
    youngPerson { id firstName preferredName } dispute { id statement createdAt response respondedAt } } }
  pageInfo { hasNextPage endCursor } } }`;
const DECIDE = `mutation ConsoleDecideCorrection($input: DecideCorrectionRequestInput!) {
  decideCorrectionRequest(input: $input) { correctionRequest { id state } userErrors { field message code } } }`;
const STATES = [['PENDING', 'Waiting for an answer'], ['MADE', 'Made'], ['DECLINED', 'Declined'],
  ['WITHDRAWN', 'Withdrawn'], ['', 'All']];

// Correction requests (UK GDPR Article 16) of the council's young people, or everyone's for an admin: each is
// made or declined with a reason; a declined one shows the young person's own statement, which can be answered.
export async function render(main, { staff }) {
  const status = h('div', { role: 'status' });
  let state = 'PENDING';
  const list = pagedList({
    noun: 'correction requests', emptyText: 'No correction requests here.', item,
    fetchPage: async (after) => (await graphql(LIST, { state: state || null, first: PAGE_SIZE, after }))
      .correctionRequests,
    frame: () => {
      const ul = h('ul', { class: 'cards', 'aria-label': 'Correction requests' });
      return { view: ul, items: ul };
    },
  });
  const filter = form({
    submit: 'Show', label: 'Filter correction requests',
    fields: [{ name: 'state', label: 'Show', type: 'select', options: STATES, value: state }],
    onSubmit: async (v) => {
      state = v.state;
      replace(status);
      await list.reset();
    },
  });
  replace(main, heading('Correction requests'),
    h('p', {}, staff.role === 'ADMIN' ? 'Requests from young people to correct what their council entered.'
      : 'Requests from your council\'s young people to correct what was entered at invite. Answer each within '
        + 'one calendar month.'), filter, status, list.el);

  function item(r) {
    const name = r.youngPerson ? (r.youngPerson.preferredName || r.youngPerson.firstName) : 'A young person';
    const what = `${words(r.field)} to “${r.proposedValue}”`;
    const facts = summaryList([['Asked for', what], ['Their reason', r.reason || 'None given'],
      ['Asked on', dateTime(r.requestedAt)], ['Answer by', r.answerBy], ['State', words(r.state)],
      ['Reason given', r.decisionReason], ['Value before', r.previousValue]]);
    const li = h('li', {}, h('h2', {}, `${name}: ${words(r.field)}`), facts);
    if (r.dispute) li.append(disputeBox(r.dispute, () => done('Answer saved.')));
    if (r.state !== 'PENDING') return li;
    const makeForm = form({
      submit: 'Make the change', label: `Make the change for ${name}: ${what}`,
      fields: [{ name: 'reason', label: 'Note (optional)', type: 'textarea', rows: 2 }],
      onSubmit: async (v) => {
        const payload = await mutate(makeForm, DECIDE, { input: { requestId: r.id, decision: 'MAKE',
          reason: v.reason || null } }, 'decideCorrectionRequest');
        if (payload) done(`Changed: ${name}'s ${words(r.field).toLowerCase()}.`);
      },
    });
    const declineForm = form({
      submit: 'Decline', label: `Decline the request from ${name}: ${what}`,
      fields: [{ name: 'reason', label: 'Reason for declining', type: 'textarea', rows: 3, required: true,
        hint: 'The young person sees this reason, and is told they can add their side or complain to the ICO.' }],
      onSubmit: async (v) => {
        const payload = await mutate(declineForm, DECIDE, { input: { requestId: r.id, decision: 'DECLINE',
          reason: v.reason } }, 'decideCorrectionRequest');
        if (payload) done(`Declined: ${name}'s request. They have been given your reason.`);
      },
    });
    li.append(makeForm, h('details', {}, h('summary', {}, 'Decline with a reason'), declineForm));
    return li;
  }
  async function done(text) {
    showBanner(status, text);
    await list.refresh();
  }
  await list.reset();
}
