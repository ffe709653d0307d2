import { h, replace } from '../dom.js';
import { form, mutate, requireFields } from '../forms.js';
import { heading, navigate, flash } from '../console.js';
import { randomId } from './thread.js';
import { LEGAL_STATUSES } from './invite.js';

const CREATE = `mutation ConsoleCreateOpportunity($input: CreateOpportunityInput!) {
  createOpportunity(input: $input) { opportunity { id } userErrors { field message code } } }`;
const UPDATE = `mutation ConsoleUpdateOpportunity($input: UpdateOpportunityInput!) {
  updateOpportunity(input: $input) { opportunity { id } userErrors { field message code } } }`;
export const MISSIONS = [['RELATIONSHIPS', 'Relationships'], ['EDUCATION', 'Education'], ['HOME', 'Home'],
  ['WORK', 'Work'], ['HEALTH', 'Health']];
export const REGIONS = [['NORTH_EAST', 'North East'], ['NORTH_WEST', 'North West'],
  ['YORKSHIRE_AND_THE_HUMBER', 'Yorkshire and the Humber'], ['EAST_MIDLANDS', 'East Midlands'],
  ['WEST_MIDLANDS', 'West Midlands'], ['EAST_OF_ENGLAND', 'East of England'], ['LONDON', 'London'],
  ['SOUTH_EAST', 'South East'], ['SOUTH_WEST', 'South West']];
const KINDS = ['JOB', 'APPRENTICESHIP', 'WORK_EXPERIENCE', 'BURSARY', 'COURSE', 'HOME', 'MENTORING',
  'HEALTH_AND_WELLBEING', 'DISCOUNT', 'OTHER'];

/** The form for a new opportunity, or (given one) for changing it. */
export function opportunityForm(existing, onSaved) {
  const o = existing || { eligibility: { minAge: 16, maxAge: 25, legalStatuses: [], delivery: 'IN_PERSON',
    councils: [], regions: [] }, missions: [] };
  const editForm = form({
    submit: existing ? 'Save changes' : 'Save draft',
    label: existing ? 'Change the opportunity' : 'New opportunity',
    fields: [
      { name: 'title', label: 'Title', value: o.title },
      { name: 'description', label: 'Description', type: 'textarea', rows: 6, value: o.description,
        hint: 'Plain text. Say what it is, who it is for and what support comes with it.' },
      { name: 'kind', label: 'Kind', type: 'select', value: o.kind,
        options: KINDS.map((k) => [k, k.charAt(0) + k.slice(1).toLowerCase().replaceAll('_', ' ')]) },
      { name: 'missions', label: 'Missions', type: 'select', multiple: true, value: o.missions, options: MISSIONS,
        hint: 'Choose one or more (hold Ctrl or Cmd to choose several).' },
      { name: 'minAge', label: 'Youngest age', type: 'number', value: o.eligibility.minAge, min: 0, max: 30 },
      { name: 'maxAge', label: 'Oldest age', type: 'number', value: o.eligibility.maxAge, min: 0, max: 30 },
      { name: 'legalStatuses', label: 'Legal statuses (none chosen: all)', type: 'select', multiple: true,
        value: o.eligibility.legalStatuses, options: LEGAL_STATUSES },
      { name: 'regions', label: 'Regions (none chosen: all of England)', type: 'select', multiple: true,
        value: o.eligibility.regions, options: REGIONS,
        hint: 'Only young people whose council is in one of these regions see it.' },
      { name: 'delivery', label: 'Delivery', type: 'select', value: o.eligibility.delivery,
        options: [['IN_PERSON', 'In person'], ['REMOTE', 'Remote'], ['BOTH', 'Both']] },
      { name: 'town', label: 'Town (optional)', value: o.town },
      { name: 'closingDate', label: 'Closing date', type: 'date', value: o.closingDate },
      { name: 'places', label: 'Places (optional)', type: 'number', value: o.places, min: 1 },
      { name: 'howToApply', label: 'How to apply', type: 'textarea', value: o.howToApply },
      { name: 'contact', label: 'Contact', value: o.contact, hint: 'An email address or phone number.' },
    ],
    onSubmit: async (v) => {
      const needed = { closingDate: 'Enter the closing date.', minAge: 'Enter the youngest age.',
        maxAge: 'Enter the oldest age.' };
      if (!requireFields(editForm, v, needed)) return;
      const input = {
        title: v.title, description: v.description, descriptionFormat: 'PLAIN', kind: v.kind,
        missions: v.missions,
        eligibility: { minAge: Number(v.minAge), maxAge: Number(v.maxAge), legalStatuses: v.legalStatuses,
          regions: v.regions, councilIds: (o.eligibility.councils || []).map((c) => c.id),
          delivery: v.delivery },
        town: v.town || null, closingDate: v.closingDate, places: v.places ? Number(v.places) : null,
        howToApply: v.howToApply, contact: v.contact,
      };
      const aliases = { eligibility: 'minAge' };
      const payload = existing
        ? await mutate(editForm, UPDATE, { input: { ...input, id: existing.id, version: existing.version } },
          'updateOpportunity', aliases)
        : await mutate(editForm, CREATE, { input: { ...input, clientMutationId: randomId() } },
          'createOpportunity', aliases);
      if (payload) onSaved(payload.opportunity);
    },
  });
  return editForm;
}

export function render(main) {
  replace(main, heading('Post an opportunity'),
    h('p', {}, 'Save it as a draft first; submit it for review from its page when it is ready.'),
    opportunityForm(null, (saved) => {
      flash('The draft has been saved. Submit it for review when it is ready.');
      navigate(`/opportunities/${saved.id}`);
    }));
}
