// Each role's home page is its work queue: what is waiting, how many (the server's count, or "50 or more" when
// there are more than one page), the oldest few with their ages, each linking to where it is dealt with.
import { h, replace, alertBox, age, dateTime, words, summaryList, loading } from '../dom.js';
import { graphql } from '../api.js';
import { heading, roleName } from '../console.js';
import { allNodes, PAGE_SIZE } from '../paging.js';

const SHOWN = 5;
const INBOX = `query ConsoleHomeInbox($filter: InboxFilter, $first: Int) { advocacyInbox(filter: $filter, first: $first)
  { edges { node { id subject urgent overdue lastMessageAt awaitingReplySince replyDueAt
    youngPerson { firstName preferredName } } } pageInfo { hasNextPage endCursor } } }`;
const ALLOCATIONS = `query ConsoleHomeAllocations($first: Int) { advocacyAllocations(first: $first) {
  edges { node { id allocationDueAt allocationOverdue youngPerson { firstName preferredName } } }
  pageInfo { hasNextPage endCursor } } }`;
const FIGURES = `query ConsoleHomeFigures($since: DateTime) { advocacyFigures(since: $since) { respondedCount
  firstResponseMedianMinutes firstResponseP90Minutes unansweredCount overdueCount pendingAllocationCount
  overdueAllocationCount } }`;
const MODERATION = `query ConsoleHomeModeration($first: Int) { moderationQueue(first: $first) {
  edges { node { id title createdAt organisation { name } } } pageInfo { hasNextPage endCursor } } }`;
const YOUNG_PEOPLE = `query ConsoleHomeYoungPeople($first: Int, $after: String) {
  youngPeople(first: $first, after: $after) { edges { node { id firstName preferredName hasAppAccount createdAt } }
  pageInfo { hasNextPage endCursor } } }`;
const PUSH_FAILED = `query ConsoleHomePush($first: Int) { pushNotifications(filter: { state: FAILED }, first: $first) {
  edges { node { id kind reason createdAt } } pageInfo { hasNextPage endCursor } } }`;
const LOCKED = `query ConsoleHomeLocked($first: Int) { lockedStaff(first: $first) {
  edges { node { id name email role lockedUntil } } pageInfo { hasNextPage endCursor } } }`;
/** The response standard (ServiceLevels): a first reply within 1 working day of 8 hours. */
const REPLY_STANDARD_MINUTES = 8 * 60;

const LINKS = {
  ADVOCATE: [['#/inbox', 'Inbox: messages from young people']],
  ADVOCACY_MANAGER: [['#/inbox', 'Inbox'], ['#/allocations', 'Allocations due'], ['#/figures', 'Response times']],
  LA_WORKER: [['#/invite', 'Invite a young person'], ['#/young-people', 'Your council\'s young people'],
    ['#/moderation', 'Opportunities to review'], ['#/corrections', 'Correction requests'],
    ['#/erasure', 'Erasure requests']],
  CORPORATE_PARENT_STAFF: [['#/opportunities', 'Your opportunities'], ['#/opportunities/new', 'Post an opportunity']],
  ADMIN: [['#/organisations', 'Organisations'], ['#/staff', 'Staff'], ['#/moderation', 'Moderation queue'],
    ['#/phrases', 'Safeguarding phrases'], ['#/audit', 'Audit log'], ['#/push', 'Push delivery'],
    ['#/corrections', 'Correction requests'], ['#/erasure', 'Erasure requests'], ['#/privacy', 'Privacy notice'],
    ['#/retention', 'Retention']],
};

const QUEUES = {
  ADVOCATE: () => advocacyQueues(),
  ADVOCACY_MANAGER: async () => [...await advocacyQueues(), await allocationsQueue(), await figures()],
  LA_WORKER: async () => [await moderationQueue(), await notJoined()],
  ADMIN: async () => [await moderationQueue(), await pushFailures(), await lockedAccounts()],
};

export async function render(main, { staff, message }) {
  const queues = h('div', { class: 'queues' }, QUEUES[staff.role] ? loading() : null);
  replace(main, heading(`Welcome${staff.name ? `, ${staff.name}` : ''}`),
    message ? alertBox(message.text, message.kind) : null,
    h('p', {}, `You are signed in as ${roleName(staff.role)}.`), queues,
    h('h2', {}, 'Your pages'),
    h('ul', {}, (LINKS[staff.role] || []).map(([href, text]) => h('li', {}, h('a', { href }, text)))));
  if (QUEUES[staff.role]) replace(queues, await QUEUES[staff.role]());
}

/** "3" or "50 or more": a count read from one page is only exact when there is no next page. */
function count(connection) {
  const n = connection.edges.length;
  return connection.pageInfo.hasNextPage ? `${n} or more` : String(n);
}

/** A queue: a heading with its count, a sentence, the oldest few as links, and where to see them all. */
function queue({ id, title, connection, total, emptyText, items, all }) {
  const howMany = total === undefined ? count(connection) : String(total);
  const list = items.slice(0, SHOWN);
  return h('section', { class: 'queue', 'aria-labelledby': `queue-${id}`, 'data-queue': id },
    h('h2', { id: `queue-${id}` }, `${title}: `, h('span', { class: 'count', 'data-count': howMany }, howMany)),
    list.length ? h('ul', { class: 'cards' }, list) : h('p', { class: 'empty' }, emptyText),
    all ? h('p', {}, h('a', { href: all[0] }, all[1])) : null);
}

function name(person) {
  return person.preferredName || person.firstName;
}

function threadItem(thread) {
  const waiting = thread.awaitingReplySince ? `waiting ${age(thread.awaitingReplySince)}`
    : `last message ${age(thread.lastMessageAt)} ago`;
  return h('li', { 'data-thread': thread.id },
    h('a', { href: `#/threads/${thread.id}` }, `Conversation with ${name(thread.youngPerson)}`
      + `${thread.subject ? `: ${thread.subject}` : ''}`),
    ' ', thread.urgent ? h('span', { class: 'tag urgent' }, 'Urgent') : null,
    thread.overdue ? h('span', { class: 'tag overdue' }, 'Overdue') : null,
    h('p', { class: 'meta age' }, waiting,
      thread.replyDueAt ? `, reply due ${dateTime(thread.replyDueAt)}` : ''));
}

/** Threads longest waiting first (those without a wait last, by their newest message). */
function oldestFirst(edges) {
  const key = (t) => t.awaitingReplySince || t.lastMessageAt || '';
  return edges.map((e) => e.node).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

async function inbox(filter) {
  return (await graphql(INBOX, { filter, first: PAGE_SIZE })).advocacyInbox;
}

async function advocacyQueues() {
  const [unanswered, overdue, urgent] = await Promise.all([inbox({ unanswered: true }), inbox({ overdue: true }),
    inbox({ urgent: true })]);
  return [
    queue({ id: 'overdue', title: 'Overdue replies', connection: overdue,
      emptyText: 'No reply is overdue.', items: oldestFirst(overdue.edges).map(threadItem),
      all: ['#/inbox', 'See the inbox'] }),
    queue({ id: 'unanswered', title: 'Waiting for a reply', connection: unanswered,
      emptyText: 'Every young person has had a reply.', items: oldestFirst(unanswered.edges).map(threadItem) }),
    queue({ id: 'urgent', title: 'Marked urgent', connection: urgent,
      emptyText: 'No conversation is marked urgent.', items: oldestFirst(urgent.edges).map(threadItem) }),
  ];
}

async function allocationsQueue() {
  const due = (await graphql(ALLOCATIONS, { first: PAGE_SIZE })).advocacyAllocations;
  return queue({ id: 'allocations', title: 'Waiting for an advocate', connection: due,
    emptyText: 'Every young person has a named advocate.', all: ['#/allocations', 'Allocate advocates'],
    items: due.edges.map(({ node: a }) => h('li', { 'data-advocacy': a.id }, name(a.youngPerson), ' ',
      a.allocationOverdue ? h('span', { class: 'tag overdue' }, 'Overdue') : null,
      h('p', { class: 'meta' }, `Due ${dateTime(a.allocationDueAt)}`))) });
}

function workingTime(minutes) {
  if (minutes === null || minutes === undefined) return 'No responses yet';
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

function againstStandard(minutes) {
  if (minutes === null || minutes === undefined) return '';
  return minutes <= REPLY_STANDARD_MINUTES ? ' (within the standard)' : ' (over the standard)';
}

async function figures() {
  const since = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
  const f = (await graphql(FIGURES, { since })).advocacyFigures;
  return h('section', { class: 'queue', 'aria-labelledby': 'queue-figures', 'data-queue': 'figures' },
    h('h2', { id: 'queue-figures' }, 'Response times, last 30 days'),
    h('p', {}, 'The standard: a first reply within 1 working day (8 working hours); a named advocate within 2 '
      + 'working days.'),
    summaryList([
      ['Messages answered', String(f.respondedCount)],
      ['Median first reply', workingTime(f.firstResponseMedianMinutes) + againstStandard(f.firstResponseMedianMinutes)],
      ['90% answered within', workingTime(f.firstResponseP90Minutes) + againstStandard(f.firstResponseP90Minutes)],
      ['Overdue replies now', String(f.overdueCount)],
      ['Overdue allocations now', String(f.overdueAllocationCount)],
    ]),
    h('p', {}, h('a', { href: '#/figures' }, 'See response times')));
}

async function moderationQueue() {
  const waiting = (await graphql(MODERATION, { first: PAGE_SIZE })).moderationQueue;
  return queue({ id: 'moderation', title: 'Opportunities waiting for review', connection: waiting,
    emptyText: 'Nothing is waiting for review.', all: ['#/moderation', 'Review opportunities'],
    items: waiting.edges.map(({ node: o }) => h('li', { 'data-opportunity': o.id }, o.title,
      h('p', { class: 'meta age' }, `${o.organisation.name}, posted ${age(o.createdAt)} ago`))) });
}

/** Young people of the council whose invite has not been redeemed: every page is read, so the count is exact. */
async function notJoined() {
  const people = (await allNodes(async (after) => (await graphql(YOUNG_PEOPLE, { first: 100, after }))
    .youngPeople)).filter((p) => !p.hasAppAccount);
  return queue({ id: 'invites', title: 'Invites not yet redeemed', total: people.length,
    emptyText: 'Every young person invited is using the app.', all: ['#/invite', 'Invite a young person'],
    items: people.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)).map((p) => h('li', { 'data-young-person':
      p.id }, name(p), h('p', { class: 'meta age' }, `invited ${age(p.createdAt)} ago`))) });
}

async function pushFailures() {
  const failed = (await graphql(PUSH_FAILED, { first: PAGE_SIZE })).pushNotifications;
  return queue({ id: 'push', title: 'Push notifications that failed', connection: failed,
    emptyText: 'No push notification has failed.', all: ['#/push', 'See push delivery'],
    items: failed.edges.map(({ node: n }) => h('li', {}, n.kind,
      h('p', { class: 'meta age' }, `${n.reason ? words(n.reason) : 'Failed'}, ${age(n.createdAt)} ago`))) });
}

/** Accounts locked after repeated failed sign-ins: the lock ends by itself; a reset password also ends it. */
async function lockedAccounts() {
  const locked = (await graphql(LOCKED, { first: PAGE_SIZE })).lockedStaff;
  return queue({ id: 'locked', title: 'Staff accounts locked', connection: locked,
    emptyText: 'No account is locked.', all: ['#/staff', 'See staff'],
    items: locked.edges.map(({ node: s }) => h('li', { 'data-staff': s.id }, `${s.name} (${roleName(s.role)})`,
      h('p', { class: 'meta' }, `${s.email}, locked until ${dateTime(s.lockedUntil)}`))) });
}
