// Publishing a local entitlement in a council's offer, or changing one (a new version; the earlier stays in its
// history). Problems go next to their fields and, GOV.UK style, in a summary at the top that links to each.
import { h, replace, loading } from '../dom.js';
import { graphql } from '../api.js';
import { form } from '../forms.js';
import { heading, navigate, flash } from '../console.js';
import { LEGAL_STATUSES } from './invite.js';
import { MISSIONS } from './opportunity-edit.js';
import { ENTITLEMENT_FIELDS } from './local-offer.js';
import { group, showProblems, submitWithSummary } from './entitlement-form.js';

const ONE = `query ConsoleEntitlementToChange($id: ID!) {
  node(id: $id) { ... on Entitlement { ${ENTITLEMENT_FIELDS} } } }`;
const COUNCIL = 'query ConsoleCouncil($id: ID!) { node(id: $id) { ... on Organisation { id name } } }';
const PUBLISH = `mutation ConsolePublishEntitlement($input: PublishLocalEntitlementInput!) {
  publishLocalEntitlement(input: $input) { entitlement { id title version } } }`;
const REVISE = `mutation ConsoleReviseEntitlement($input: ReviseLocalEntitlementInput!) {
  reviseLocalEntitlement(input: $input) { entitlement { id title version } } }`;
/** Where the API's field paths land in this form. */
const ALIASES = { 'eligibility.summary': 'eligibilitySummary', 'eligibility.legalStatuses': 'LOOKED_AFTER',
  'eligibility.circumstances': 'IN_HIGHER_EDUCATION', amountPence: 'amount' };
const REQUIRED = { title: 'Enter a title.', summary: 'Say what it is.',
  eligibilitySummary: 'Say who is eligible, in words.', howToClaim: 'Say how to claim it.',
  source: 'Enter the decision or policy it comes from.' };
const CIRCUMSTANCES = [['IN_HIGHER_EDUCATION', 'At university or in other higher education'],
  ['IN_EDUCATION_OR_TRAINING', 'In education or training'],
  ['LIVING_WITH_FORMER_FOSTER_CARERS', 'Living with their former foster carers (Staying Put)'],
  ['LIVING_INDEPENDENTLY', 'Living independently']];

export async function render(main, { params, staff }) {
  replace(main, heading('Local entitlement'), loading());
  if (params.council) {
    const council = staff.role === 'ADMIN' ? (await graphql(COUNCIL, { id: params.council })).node : null;
    const name = council && council.name ? council.name : 'your council';
    show(main, `Publish a local entitlement for ${name}`, null, async (input, el) => {
      const payload = await submitWithSummary(el, PUBLISH, { input: { ...input,
        councilId: staff.role === 'ADMIN' ? params.council : null } }, 'publishLocalEntitlement', ALIASES);
      if (!payload) return;
      flash(`Published: “${payload.entitlement.title}” is in the offer.`);
      navigate(`/entitlements/${payload.entitlement.id}`);
    }, staff.role === 'ADMIN' ? `#/local-offer/${params.council}` : '#/local-offer');
    return;
  }
  const e = (await graphql(ONE, { id: params.id })).node;
  if (!e || !e.id || e.scope !== 'LOCAL' || e.withdrawn) {
    replace(main, heading('Nothing to change'), h('p', {}, 'Only a council\'s own entitlements that are still '
      + 'offered can be changed.'), h('p', {}, h('a', { href: `#/entitlements/${params.id}` }, 'Back')));
    return;
  }
  show(main, `Change “${e.title}”`, e, async (input, el) => {
    const payload = await submitWithSummary(el, REVISE, { input: { ...input, entitlementId: e.id,
      expectedVersion: e.version } }, 'reviseLocalEntitlement', ALIASES);
    if (!payload) return;
    flash(`Changed: “${payload.entitlement.title}” is now version ${payload.entitlement.version}. `
      + 'The earlier version is kept in its history.');
    navigate(`/entitlements/${payload.entitlement.id}`);
  }, `#/entitlements/${e.id}`);
}

function show(main, title, e, save, back) {
  const el = entitlementForm(e || {}, save);
  replace(main, heading(title), h('p', {}, 'Young people read this in their app: write for a reading age of 12, '
    + 'short sentences and everyday words.'), el,
  h('p', {}, h('a', { href: back }, 'Go back without saving')));
}

function entitlementForm(e, save) {
  const rule = e.eligibility || { legalStatuses: [], circumstances: [] };
  const statuses = LEGAL_STATUSES.map(([value, text]) => ({ name: value, label: text, type: 'checkbox',
    value: rule.legalStatuses.includes(value) }));
  const circumstances = CIRCUMSTANCES.map(([value, text]) => ({ name: value, label: text, type: 'checkbox',
    value: rule.circumstances.includes(value) }));
  const el = form({
    submit: e.id ? 'Save the new version' : 'Publish', label: e.id ? 'Change the entitlement' : 'Publish',
    fields: [
      { name: 'title', label: 'Title', value: e.title, hint: 'For example, Council tax exemption.' },
      { name: 'summary', label: 'What it is', type: 'textarea', rows: 3, value: e.summary },
      { name: 'mission', label: 'Mission', type: 'select', value: e.mission || 'HOME',
        options: MISSIONS },
      { name: 'eligibilitySummary', label: 'Who is eligible, in words', value: rule.summary,
        hint: 'For example, Care leavers aged 18 to 24 living in the council\'s area.' },
      ...statuses,
      { name: 'minAge', label: 'From age (optional)', type: 'number', min: 0, max: 30, value: rule.minAge },
      { name: 'maxAge', label: 'Up to, not including, age (optional)', type: 'number', min: 0, max: 30,
        value: rule.maxAge },
      ...circumstances,
      { name: 'amount', label: 'Amount in pounds (optional)', value: e.amountPence ? String(e.amountPence / 100) : '',
        hint: 'Where it is money, for example 1200 or 150.50.' },
      { name: 'level', label: 'Level of service (optional)', value: e.level,
        hint: 'Where there is no amount, for example Reviewed every 6 months.' },
      { name: 'howToClaim', label: 'How to claim', type: 'textarea', rows: 3, value: e.howToClaim },
      { name: 'source', label: 'Source', value: e.source, hint: 'The decision or policy it comes from.' },
      { name: 'sourceUrl', label: 'Link to the source (optional)', type: 'url', value: e.sourceUrl },
      { name: 'effectiveFrom', label: 'Offered from', type: 'date', value: e.effectiveFrom,
        hint: 'For example, 1 4 2027.' },
      { name: 'effectiveTo', label: 'Offered until (optional)', type: 'date', value: e.effectiveTo,
        hint: 'The last day it is offered, if it ends.' },
    ],
    onSubmit: async (v, formEl) => {
      const input = toInput(v, formEl);
      if (input) await save(input, formEl);
    },
  });
  group(el, LEGAL_STATUSES.map(([value]) => value), 'Legal statuses it is for',
    'Leave all unticked if it is for any legal status.');
  group(el, CIRCUMSTANCES.map(([value]) => value), 'Circumstances that must all hold (optional)');
  return el;
}

/** The form's values as the API's input, or null (with the problems shown) when a field cannot be sent. */
function toInput(v, formEl) {
  const problems = Object.entries(REQUIRED).filter(([name]) => !v[name].trim())
    .map(([name, message]) => ({ field: [name], message }));
  const amount = v.amount.trim().replace(/^£/, '').replaceAll(',', '');
  if (amount && !/^\d+(\.\d{1,2})?$/.test(amount)) {
    problems.push({ field: ['amount'], message: 'Enter the amount in pounds, like 1200 or 150.50.' });
  }
  if (!v.effectiveFrom) problems.push({ field: ['effectiveFrom'], message: 'Enter the day it is offered from.' });
  const age = (name) => (v[name] === '' ? null : Number(v[name]));
  if (problems.length) {
    showProblems(formEl, problems, ALIASES);
    return null;
  }
  return {
    title: v.title, summary: v.summary, mission: v.mission, howToClaim: v.howToClaim, source: v.source,
    sourceUrl: v.sourceUrl.trim() || null, level: v.level.trim() || null,
    amountPence: amount ? Math.round(Number(amount) * 100) : null,
    effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo || null,
    eligibility: { summary: v.eligibilitySummary, minAge: age('minAge'), maxAge: age('maxAge'),
      legalStatuses: LEGAL_STATUSES.map(([s]) => s).filter((s) => v[s]),
      circumstances: CIRCUMSTANCES.map(([c]) => c).filter((c) => v[c]) },
  };
}
