import { h, replace, tableBox, words, dateTime, alertBox } from '../dom.js';
import { graphql } from '../api.js';
import { heading } from '../console.js';
import { pagedList, PAGE_SIZE } from '../paging.js';

const POSTED = `query ConsolePosted($first: Int, $after: String) { postedOpportunities(first: $first, after: $after) {
  edges { node { id title status closingDate createdAt } } pageInfo { hasNextPage endCursor } } }`;

export async function render(main, { message }) {
  const list = pagedList({
    noun: 'opportunities', emptyText: 'You have not posted any opportunities yet.',
    fetchPage: async (after) => (await graphql(POSTED, { first: PAGE_SIZE, after })).postedOpportunities,
    frame: () => {
      const body = h('tbody');
      return { items: body, view: tableBox('Your opportunities', h('table', {},
        h('caption', { class: 'visually-hidden' }, 'Your organisation\'s opportunities'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col' }, 'Closes'), h('th', { scope: 'col' }, 'Created'))), body)) };
    },
    item: (o) => h('tr', {},
      h('td', {}, h('a', { href: `#/opportunities/${o.id}` }, o.title)), h('td', {}, words(o.status)),
      h('td', {}, o.closingDate), h('td', {}, dateTime(o.createdAt))),
  });
  replace(main, heading('Your opportunities'), message ? alertBox(message.text, message.kind) : null,
    h('p', {}, h('a', { href: '#/opportunities/new' }, 'Post a new opportunity')), list.el);
  await list.reset();
}
