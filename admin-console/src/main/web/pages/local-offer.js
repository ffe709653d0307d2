// A council's Local Offer (Children and Social Work Act 2017, s2): the national entitlements every care leaver
// has, the council's own, and how many of its young people have each kind of gap (fewer than 5 never shown as a
// number). Names appear only for gaps a young person chose to share with the council.
import { h, replace, loading, tableBox, words, dateTime, alertBox } from '../dom.js';
import { graphql } from '../api.js';
import { form } from '../forms.js';
import { heading, navigate } from '../console.js';
import { loadOrganisations } from './organisations.js';
import { personName } from './erasure.js';

export const ELIGIBILITY_FIELDS = 'legalStatuses minAge maxAge circumstances summary';
export const ENTITLEMENT_FIELDS = `id key scope version title summary mission amountPence level howToClaim source
  sourceUrl effectiveFrom effectiveTo withdrawn council { id name } eligibility { ${ELIGIBILITY_FIELDS} }`;
const OFFER = `query ConsoleLocalOffer($councilId: ID!, $figures: ID) {
  localOffer(councilId: $councilId) { council { id name } national { ${ENTITLEMENT_FIELDS} }
    local { ${ENTITLEMENT_FIELDS} } }
  entitlementGapFigures(councilId: $figures) { asOf youngPeople { count suppressed display }
    gaps { kind count suppressed display }
    shared { youngPerson { id firstName preferredName } gap { kind title explanation since } } } }`;
const MY_COUNCIL = 'query ConsoleMyCouncil { viewer { ... on StaffMember { organisation { id name } } } }';

export const GAP_KINDS = {
  PATHWAY_PLAN_REVIEW_OVERDUE: 'Pathway plan not reviewed in the last 6 months',
  HEALTH_ASSESSMENT_OVERDUE: 'Health assessment overdue',
  ALLOWANCE_BELOW_MINIMUM: 'Allowance paid below the national minimum',
  NO_PERSONAL_ADVISER: 'No personal adviser recorded',
  STAYING_PUT_ENDING: 'Staying Put ending soon',
};

/** Pence as pounds: 300000 -> £3,000, 12550 -> £125.50. */
export function pounds(pence) {
  return (pence / 100).toLocaleString('en-GB', { style: 'currency', currency: 'GBP',
    minimumFractionDigits: pence % 100 ? 2 : 0 });
}

/** What an entitlement is worth: its amount, its level of service, or neither. */
export function worth(e) {
  if (e.amountPence !== null && e.amountPence !== undefined) return pounds(e.amountPence);
  return e.level || 'No set amount';
}

/** The facts staff check an entitlement by, as a description list. */
export function facts(e) {
  return h('dl', {},
    h('dt', {}, 'What it is'), h('dd', {}, e.summary),
    h('dt', {}, 'Amount or level'), h('dd', {}, worth(e)),
    h('dt', {}, 'Who is eligible'), h('dd', {}, e.eligibility.summary),
    h('dt', {}, 'Mission'), h('dd', {}, words(e.mission)),
    h('dt', {}, 'Version'), h('dd', {}, String(e.version)),
    h('dt', {}, 'Offered'), h('dd', {}, e.effectiveTo ? `From ${e.effectiveFrom} to ${e.effectiveTo}`
      : `From ${e.effectiveFrom}`),
    h('dt', {}, 'Source'), h('dd', {}, e.sourceUrl ? h('a', { href: e.sourceUrl, rel: 'noopener noreferrer' },
      e.source) : e.source));
}

function card(e) {
  return h('li', {}, h('h3', {}, h('a', { href: `#/entitlements/${e.id}` }, e.title)), facts(e));
}

export async function render(main, { params, staff, message }) {
  replace(main, heading('Local Offer'), loading());
  let councilId = params.council;
  if (staff.role !== 'ADMIN') {
    councilId = (await graphql(MY_COUNCIL)).viewer.organisation.id;
  } else if (!councilId) {
    await chooseCouncil(main);
    return;
  }
  const data = await graphql(OFFER, { councilId, figures: staff.role === 'ADMIN' ? councilId : null });
  const offer = data.localOffer;
  replace(main, heading(`Local Offer: ${offer.council.name}`),
    message ? alertBox(message.text, message.kind) : null,
    staff.role === 'ADMIN' ? h('p', {}, h('a', { href: '#/local-offer' }, 'Choose another council')) : null,
    h('p', {}, 'What the council offers its care leavers, as young people see it in their app: the entitlements in '
      + 'law and the council\'s own.'),
    h('p', {}, h('a', { href: `#/local-offer/${offer.council.id}/new` }, 'Publish a local entitlement')),
    figures(data.entitlementGapFigures),
    h('h2', {}, 'The council\'s own entitlements'),
    offer.local.length ? h('ul', { class: 'cards', 'aria-label': 'Local entitlements' }, offer.local.map(card))
      : h('p', { class: 'empty' }, 'The council has not published any entitlements of its own yet.'),
    h('h2', {}, 'Entitlements in law (national)'),
    h('ul', { class: 'cards', 'aria-label': 'National entitlements' }, offer.national.map(card)));
}

function figures(f) {
  const rows = f.gaps.map((g) => h('tr', {}, h('th', { scope: 'row' }, GAP_KINDS[g.kind] || words(g.kind)),
    h('td', {}, g.display)));
  return h('section', { 'aria-labelledby': 'gap-figures' },
    h('h2', { id: 'gap-figures' }, 'Gaps across the council\'s young people'),
    h('p', {}, `Active young people: ${f.youngPeople.display}, as at ${dateTime(f.asOf)}. Counts under 5 are `
      + 'shown as “fewer than 5” so nobody can be picked out.'),
    tableBox('Gap counts', h('table', {}, h('caption', { class: 'visually-hidden' }, 'Gap counts'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Gap'), h('th', { scope: 'col' }, 'Young people'))),
      h('tbody', {}, rows))),
    h('h3', {}, 'Gaps young people shared with the council'),
    f.shared.length ? h('ul', { class: 'cards', 'aria-label': 'Shared gaps' }, f.shared.map((s) => h('li', {},
      h('h4', {}, `${personName(s.youngPerson)}: ${s.gap.title}`), h('p', {}, s.gap.explanation),
      s.gap.since ? h('p', { class: 'hint' }, `Open since ${s.gap.since}.`) : null)))
      : h('p', { class: 'empty' }, 'No young person has shared a gap with the council.'));
}

async function chooseCouncil(main) {
  const councils = await loadOrganisations('LOCAL_AUTHORITY');
  const choose = form({
    submit: 'Show the offer', label: 'Choose a council',
    fields: [{ name: 'council', label: 'Council', type: 'select', options: councils.map((c) => [c.id, c.name]) }],
    onSubmit: async (v) => navigate(`/local-offer/${v.council}`),
  });
  replace(main, heading('Local Offer'), h('p', {}, 'Choose the council whose offer you want to see or change.'),
    councils.length ? choose : h('p', { class: 'empty' }, 'There are no councils yet.'));
}
