import { h, replace, dateTime } from '../dom.js';
import { form, mutate } from '../forms.js';

const RESPOND = `mutation ConsoleRespondToDispute($input: RespondToDisputeInput!) {
  respondToDispute(input: $input) { dispute { id response respondedAt } userErrors { field message code } } }`;

/** The selection a page asks for on an entry that may carry a young person's statement. */
export const DISPUTE_FIELDS = 'dispute { id statement createdAt response respondedAt }';

/**
 * A young person's statement about what staff wrote, shown next to the entry, with the one answer staff may give
 * (a form until someone answers). onAnswered runs after a saved answer.
 */
export function disputeBox(dispute, onAnswered = () => {}) {
  const box = h('aside', { class: 'dispute', 'aria-label': 'The young person\'s side' },
    h('p', { class: 'meta' }, `The young person's side, ${dateTime(dispute.createdAt)}`),
    h('p', {}, dispute.statement));
  const answer = h('div');
  box.append(answer);
  show(dispute);
  return box;

  function show(d) {
    if (d.response) {
      replace(answer, h('p', { class: 'meta' }, `Answered ${dateTime(d.respondedAt)}`), h('p', {}, d.response));
      return;
    }
    const respondForm = form({
      submit: 'Send answer', label: 'Answer the young person\'s side',
      fields: [{ name: 'response', label: 'Your answer (once only)', type: 'textarea', rows: 2, required: true }],
      onSubmit: async (v) => {
        const payload = await mutate(respondForm, RESPOND, { input: { disputeId: d.id, response: v.response } },
          'respondToDispute');
        if (payload) {
          show({ ...d, ...payload.dispute });
          onAnswered();
        }
      },
    });
    replace(answer, respondForm);
  }
}
