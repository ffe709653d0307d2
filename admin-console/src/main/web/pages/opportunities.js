import { h, replace, tableBox, empty, loading, words, dateTime, alertBox } from '../dom.js';
import { graphql } from '../api.js';
import { heading } from '../console.js';

const POSTED = `query ConsolePosted { postedOpportunities(first: 100) { edges { node {
  id title status closingDate createdAt } } } }`;

export async function render(main, { message }) {
  const list = h('div', {}, loading());
  replace(main, heading('Your opportunities'), message ? alertBox(message.text, message.kind) : null,
    h('p', {}, h('a', { href: '#/opportunities/new' }, 'Post a new opportunity')), list);
  const data = await graphql(POSTED);
  const items = data.postedOpportunities.edges.map((e) => e.node);
  replace(list, items.length ? tableBox('Your opportunities', h('table', {},
    h('caption', { class: 'visually-hidden' }, 'Your organisation\'s opportunities'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Closes'), h('th', { scope: 'col' }, 'Created'))),
    h('tbody', {}, items.map((o) => h('tr', {},
      h('td', {}, h('a', { href: `#/opportunities/${o.id}` }, o.title)), h('td', {}, words(o.status)),
      h('td', {}, o.closingDate), h('td', {}, dateTime(o.createdAt)))))))
    : empty('You have not posted any opportunities yet.'));
}
