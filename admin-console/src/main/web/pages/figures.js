import { h, replace, loading } from '../dom.js';
import { graphql } from '../api.js';
import { heading } from '../console.js';

const FIGURES = `query ConsoleFigures($since: DateTime) { advocacyFigures(since: $since) { respondedCount
  firstResponseMedianMinutes firstResponseP90Minutes unansweredCount overdueCount pendingAllocationCount
  overdueAllocationCount } }`;

function minutes(value) {
  if (value === null || value === undefined) return 'No responses yet';
  const hours = Math.floor(value / 60);
  return hours ? `${hours} h ${value % 60} min` : `${value} min`;
}

export async function render(main) {
  const slot = h('div', {}, loading());
  replace(main, heading('Response times'), h('p', {}, 'First responses to young people\'s messages in the last '
    + '30 days, counted in working time, and what is waiting now.'), slot);
  const since = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
  const f = (await graphql(FIGURES, { since })).advocacyFigures;
  const rows = [['Messages answered', f.respondedCount],
    ['Median first response', minutes(f.firstResponseMedianMinutes)],
    ['90% answered within', minutes(f.firstResponseP90Minutes)], ['Waiting for a reply', f.unansweredCount],
    ['Overdue replies', f.overdueCount], ['Waiting for an advocate', f.pendingAllocationCount],
    ['Overdue allocations', f.overdueAllocationCount]];
  replace(slot, h('table', {}, h('caption', { class: 'visually-hidden' }, 'Response figures'),
    h('tbody', {}, rows.map(([label, value]) => h('tr', {}, h('th', { scope: 'row' }, label),
      h('td', {}, String(value)))))));
}
