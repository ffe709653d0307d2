// The confirmation page before a local entitlement is withdrawn from the offer: from the day after its last day
// young people no longer see it as offered, and it stays in the history.
import { h, replace, loading } from '../dom.js';
import { form } from '../forms.js';
import { heading, navigate, flash } from '../console.js';
import { load } from './entitlement.js';
import { showProblems, submitWithSummary } from './entitlement-form.js';

const WITHDRAW = `mutation ConsoleWithdrawEntitlement($input: WithdrawLocalEntitlementInput!) {
  withdrawLocalEntitlement(input: $input) { entitlement { id title effectiveTo withdrawn } } }`;

export async function render(main, { params }) {
  replace(main, heading('Withdraw an entitlement'), loading());
  const e = await load(main, params.id);
  if (!e) return;
  if (e.scope !== 'LOCAL' || e.withdrawn) {
    replace(main, heading('Nothing to withdraw'), h('p', {}, 'Only a council\'s own entitlements that are still '
      + 'offered can be withdrawn.'), h('p', {}, h('a', { href: `#/entitlements/${e.id}` }, 'Back')));
    return;
  }
  const confirm = form({
    submit: `Yes, withdraw “${e.title}”`, label: 'Confirm the withdrawal',
    fields: [{ name: 'lastDay', label: 'Last day it is offered', type: 'date', hint: 'For example, 31 3 2027.' },
      { name: 'reason', label: 'Why it is withdrawn', type: 'textarea', rows: 3,
        hint: 'Kept with its history, for the council\'s records.' }],
    onSubmit: async (v, el) => {
      const problems = v.reason.trim() ? [] : [{ field: ['reason'], message: 'Say why it is withdrawn.' }];
      if (!v.lastDay) problems.push({ field: ['lastDay'], message: 'Enter the last day it is offered.' });
      if (problems.length) {
        showProblems(el, problems);
        return;
      }
      const payload = await submitWithSummary(el, WITHDRAW, { input: { entitlementId: e.id,
        expectedVersion: e.version, lastDay: v.lastDay, reason: v.reason } }, 'withdrawLocalEntitlement');
      if (!payload) return;
      flash(`Withdrawn: “${payload.entitlement.title}” is offered until ${payload.entitlement.effectiveTo}.`);
      navigate(`/entitlements/${e.id}`);
    },
  });
  replace(main, heading(`Withdraw “${e.title}”?`),
    h('div', { class: 'notice error', role: 'alert' }, 'Young people will no longer see it as offered after its '
      + 'last day, and this cannot be undone. It stays in the history; to offer it again, publish it anew.'),
    confirm, h('p', {}, h('a', { href: `#/entitlements/${e.id}` }, 'No, go back without withdrawing')));
}
