import { h, replace, tableBox, words, dateTime, loading } from '../dom.js';
import { graphql } from '../api.js';
import { heading } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';

const RULES = `query ConsoleRetentionRules { retentionRules { collection lawfulBasis condition period countsFrom
  action reason appliedBy } }`;
const RUNS = `query ConsoleRetentionRuns($first: Int, $after: String) { retentionRuns(first: $first, after: $after) {
  edges { node { startedAt finishedAt results { collection deleted error } } } pageInfo { hasNextPage endCursor } } }`;

const UNITS = [['Y', 'year'], ['M', 'month'], ['W', 'week'], ['D', 'day'], ['H', 'hour'], ['m', 'minute'],
  ['S', 'second']];

/** P6Y -> 6 years, PT12H -> 12 hours, PT0S -> at once. */
function period(iso) {
  if (!iso) return 'No end';
  const found = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!found) return iso;
  const parts = found.slice(1).map((n, i) => (n && Number(n) ? `${n} ${UNITS[i][1]}${n === '1' ? '' : 's'}` : null))
    .filter(Boolean);
  return parts.length ? parts.join(' ') : 'At once';
}

/** Admins see how long each collection is kept and why, and what the retention job deleted in its last runs. */
export async function render(main) {
  const rulesSlot = h('div', {}, loading());
  const runs = pagedList({
    noun: 'runs', emptyText: 'The retention job has not run yet.',
    fetchPage: async (after) => (await graphql(RUNS, { first: PAGE_SIZE, after })).retentionRuns,
    frame: () => {
      const body = h('tbody');
      return { items: body, view: tableBox('Retention runs', h('table', { class: 'wide' },
        h('caption', { class: 'visually-hidden' }, 'Retention runs, newest first'),
        h('thead', {}, h('tr', {}, ['Started', 'Finished', 'Deleted', 'By collection', 'Problems']
          .map((t) => h('th', { scope: 'col' }, t)))), body)) };
    },
    item: (run) => h('tr', {}, h('td', {}, dateTime(run.startedAt)), h('td', {}, dateTime(run.finishedAt)),
      h('td', {}, String(run.results.reduce((sum, r) => sum + r.deleted, 0))),
      h('td', {}, run.results.map((r) => `${r.collection}: ${r.deleted}`).join(', ')),
      h('td', {}, run.results.filter((r) => r.error).map((r) => `${r.collection}: ${r.error}`).join(' ')
        || 'None')),
  });
  replace(main, heading('Retention'),
    h('p', {}, 'How long each collection is kept, on what lawful basis, and what deletes it. The rules come from '
      + 'the platform\'s retention rules file, or the one your data protection officer set with '
      + 'PRIVACY_RETENTION_RULES.'),
    h('h2', {}, 'Rules'), rulesSlot, h('h2', {}, 'Runs of the retention job, newest first'), runs.el);
  const rules = (await graphql(RULES)).retentionRules;
  replace(rulesSlot, tableBox('Retention rules', h('table', { class: 'wide' },
    h('caption', { class: 'visually-hidden' }, 'Retention rules'),
    h('thead', {}, h('tr', {}, ['Collection', 'Lawful basis', 'Kept for', 'Action', 'Applied by']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rules.map((rule) => h('tr', {}, h('th', { scope: 'row', class: 'collection' }, rule.collection),
      h('td', {}, rule.condition ? `${rule.lawfulBasis}. ${rule.condition}` : rule.lawfulBasis),
      h('td', {}, rule.period ? `${period(rule.period)} from ${rule.countsFrom}` : 'No end'),
      h('td', {}, rule.reason ? `${words(rule.action)}: ${rule.reason}` : words(rule.action)),
      h('td', {}, rule.appliedBy)))))));
  await runs.reset();
}
