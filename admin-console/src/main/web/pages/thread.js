import { h, replace, empty, loading, dateTime, alertBox, words } from '../dom.js';
import { graphql, subscribe, SessionEnded } from '../api.js';
import { form, mutate, showErrors } from '../forms.js';
import { heading } from '../console.js';
import { PAGE_SIZE } from '../paging.js';
import { loadAdvocates } from './allocations.js';
import { disputeBox, DISPUTE_FIELDS } from './dispute.js';
import { entitlementsLink } from './shared-entitlements.js';

const THREAD = `query ConsoleThread($id: ID!) { node(id: $id) { ... on MessageThread {
  id subject urgent overdue lastSequence youngPerson { id firstName preferredName }
  assignedAdvocate { id staffMemberId name } } } }`;
const MESSAGE_FIELDS = 'id sequence body deleted createdAt author { kind name isMe }'
  + ' urgentMatch { phrase }';
const MESSAGES = `query ConsoleMessages($threadId: ID!, $last: Int, $before: String) {
  messages(threadId: $threadId, last: $last, before: $before) {
  edges { node { ${MESSAGE_FIELDS} ${DISPUTE_FIELDS} } } pageInfo { hasPreviousPage startCursor } } }`;
const ADDED = `subscription ConsoleMessageAdded($threadId: ID!) { messageAdded(threadId: $threadId) {
  ${MESSAGE_FIELDS} } }`;
const SEND = `mutation ConsoleSendMessage($input: SendMessageInput!) { sendMessage(input: $input) {
  message { ${MESSAGE_FIELDS} } userErrors { field message code } } }`;
const READ = `mutation ConsoleMarkRead($input: MarkThreadReadInput!) { markThreadRead(input: $input) {
  userErrors { message } } }`;
const ASSIGN = `mutation ConsoleAssignThread($input: AssignThreadInput!) { assignThread(input: $input) {
  thread { id assignedAdvocate { id staffMemberId name } } userErrors { field message code } } }`;
const CONCERN = `mutation ConsoleRaiseConcern($input: RaiseSafeguardingConcernInput!) {
  raiseSafeguardingConcern(input: $input) { concern { id } userErrors { field message code } } }`;

export function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function render(main, { params, onLeave, staff }) {
  replace(main, heading('Conversation'), loading());
  const data = await graphql(THREAD, { id: params.id }).catch((error) => ({ error }));
  const thread = data.node;
  if (!thread) {
    replace(main, heading('Conversation not found'),
      h('p', {}, 'This conversation does not exist or is not one your service can see.'),
      h('p', {}, h('a', { href: '#/inbox' }, 'Back to the inbox')));
    return;
  }
  const name = thread.youngPerson.preferredName || thread.youngPerson.firstName;
  const list = h('ol', { class: 'messages', 'aria-label': 'Messages', 'aria-live': 'polite' });
  const shown = new Set();
  const emptyNote = empty('No messages yet.');
  function add(message) {
    if (shown.has(message.sequence)) return null;
    shown.add(message.sequence);
    emptyNote.remove();
    const who = message.author.isMe ? 'You' : message.author.name;
    const kind = message.author.kind === 'STAFF' ? 'staff' : 'young-person';
    const li = h('li', { class: message.urgentMatch ? `${kind} urgent-match` : kind,
      'data-sequence': message.sequence },
    h('p', { class: 'meta' }, `${who}, ${dateTime(message.createdAt)}`),
    message.urgentMatch ? urgentMark(message.urgentMatch) : null,
    message.deleted ? h('em', {}, 'Message deleted') : h('span', { class: 'body' }, message.body),
    message.dispute ? disputeBox(message.dispute) : null);
    const after = [...list.children].find((el) => Number(el.dataset.sequence) > message.sequence);
    list.insertBefore(li, after || null);
    return li;
  }
  let lastRead = 0;
  async function markRead() {
    const top = Math.max(0, ...shown);
    if (top <= lastRead) return;
    lastRead = top;
    await graphql(READ, { input: { threadId: thread.id, upToSequence: top } }).catch(() => {});
  }

  // The newest page of messages first; older ones a page at a time, backwards from the earliest shown.
  let earliest = null;
  const earlier = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show earlier messages');
  const earlierStatus = h('p', { class: 'visually-hidden', role: 'status' });
  const earlierProblem = h('div');
  earlier.addEventListener('click', async () => {
    earlier.disabled = true;
    replace(earlierStatus);
    replace(earlierProblem);
    try {
      const page = (await graphql(MESSAGES, { threadId: thread.id, last: PAGE_SIZE, before: earliest })).messages;
      // The list announces new messages as they arrive; a page of old ones is read by moving through it instead.
      list.setAttribute('aria-live', 'off');
      const added = page.edges.map((e) => add(e.node)).filter(Boolean);
      setTimeout(() => list.setAttribute('aria-live', 'polite'), 1000);
      earliest = page.pageInfo.startCursor || earliest;
      earlier.hidden = !page.pageInfo.hasPreviousPage;
      replace(earlierStatus, `${added.length} earlier messages shown`
        + `${page.pageInfo.hasPreviousPage ? '.' : '. That is the start of the conversation.'}`);
      if (added.length) {
        added[0].setAttribute('tabindex', '-1');
        added[0].focus();
      }
    } catch (error) {
      if (!(error instanceof SessionEnded)) replace(earlierProblem, alertBox(error.message));
    } finally {
      earlier.disabled = false;
    }
  });

  const replyForm = form({
    submit: 'Send reply',
    label: 'Reply',
    fields: [{ name: 'body', label: `Reply to ${name}`, type: 'textarea', rows: 4 }],
    onSubmit: async (values) => {
      if (!values.body.trim()) {
        showErrors(replyForm, [{ field: ['input', 'body'], message: 'Write a reply before sending.' }]);
        return;
      }
      const payload = await mutate(replyForm, SEND,
        { input: { threadId: thread.id, body: values.body, clientMessageId: randomId() } }, 'sendMessage');
      if (payload) {
        add(payload.message);
        replyForm.reset();
        markRead();
      }
    },
  });

  const assignee = h('span', { 'data-assignee': '' }, assignedText(thread.assignedAdvocate));
  const assignSection = await assignment(thread, staff, assignee);

  const concernStatus = h('div');
  const concernForm = form({
    submit: 'Record the concern',
    label: 'Raise a safeguarding concern',
    fields: [
      { name: 'youngPersonToldFirst', label: `${name} was told first`, type: 'checkbox' },
      { name: 'notToldReason', label: 'If not told first, why', type: 'select',
        options: [['', 'Choose a reason'], ['EMERGENCY', 'Emergency'],
          ['WOULD_INCREASE_RISK', 'Telling would increase the risk'], ['COULD_NOT_REACH', 'Could not reach them']] },
      { name: 'referredTo', label: 'Referred to', hint: 'The team or person, for example the council\'s MASH.' },
      { name: 'referredAt', label: 'Referred at', type: 'datetime-local' },
      { name: 'summary', label: 'Summary', type: 'textarea' },
    ],
    onSubmit: async (values) => {
      replace(concernStatus);
      const input = {
        threadId: thread.id, youngPersonToldFirst: values.youngPersonToldFirst,
        notToldReason: values.notToldReason || null, referredTo: values.referredTo,
        referredAt: values.referredAt ? new Date(values.referredAt).toISOString() : '',
        summary: values.summary, clientMutationId: randomId(),
      };
      if (!values.referredAt) {
        showErrors(concernForm, [{ field: ['input', 'referredAt'], message: 'Enter when you referred it.' }]);
        return;
      }
      const payload = await mutate(concernForm, CONCERN, { input }, 'raiseSafeguardingConcern');
      if (payload) {
        concernForm.reset();
        replace(concernStatus, alertBox('The concern has been recorded and the conversation marked urgent.',
          'success'));
      }
    },
  });

  replace(main, heading(`Conversation with ${name}`),
    h('p', {}, thread.urgent ? h('span', { class: 'tag urgent' }, 'Urgent') : null,
      thread.subject ? `Subject: ${thread.subject}. ` : '',
      assignee),
    h('p', {}, h('a', { href: `#/shared/${thread.youngPerson.id}` }, `What ${name} has shared with you`),
      entitlementsLink(thread.youngPerson.id, name), ' · ', h('a', { href: '#/inbox' }, 'Back to the inbox')),
    h('h2', {}, 'Messages'), earlier, earlierStatus, earlierProblem, list, emptyNote,
    h('h2', {}, 'Reply'), replyForm, assignSection,
    h('details', {}, h('summary', {}, 'Raise a safeguarding concern'),
      h('p', {}, 'Record a referral you have made. The conversation becomes urgent and the record is audited.'),
      concernStatus, concernForm));
  list.after(emptyNote);

  const messages = await graphql(MESSAGES, { threadId: thread.id, last: PAGE_SIZE });
  messages.messages.edges.forEach((e) => add(e.node));
  earliest = messages.messages.pageInfo.startCursor;
  earlier.hidden = !messages.messages.pageInfo.hasPreviousPage;
  if (!shown.size) list.after(emptyNote);
  else emptyNote.remove();
  markRead();
  const stop = subscribe(ADDED, { threadId: thread.id }, (d) => {
    add(d.messageAdded);
    markRead();
  }, {
    onReconnect: async () => {
      const again = await graphql(MESSAGES, { threadId: thread.id, last: PAGE_SIZE }).catch(() => null);
      if (again) again.messages.edges.forEach((e) => add(e.node));
    },
  });
  onLeave(stop);
}

function assignedText(advocate) {
  return advocate ? `Assigned to ${advocate.name}.` : 'Not assigned: it is in the service\'s shared inbox.';
}

/**
 * Who the thread is assigned to, and a form to assign it to an advocate of the service or give it back to the
 * shared inbox. Managers choose from their service's active advocates and managers (from the API's staff list,
 * which shows a manager their own service); advocates, who may not list their colleagues, can take it themselves
 * or give it back. The server checks the choice again: someone deactivated meanwhile is refused by the field.
 */
async function assignment(thread, staff, assignee) {
  const current = thread.assignedAdvocate;
  let people;
  if (staff.role === 'ADVOCACY_MANAGER') {
    people = (await loadAdvocates()).map((p) => [p.id, p.name]);
  } else {
    people = [[staff.id, `Me (${staff.name || 'you'})`]];
  }
  if (current && !people.some(([id]) => id === current.staffMemberId)) {
    people.unshift([current.staffMemberId, current.name]);
  }
  const status = h('div');
  const assignForm = form({
    submit: 'Assign', label: 'Assign this conversation',
    fields: [{ name: 'advocateId', label: 'Assign to', type: 'select', value: current ? current.staffMemberId : '',
      options: [['', 'The shared inbox (nobody)'], ...people],
      hint: staff.role === 'ADVOCACY_MANAGER' ? 'Active advocates and managers of your service.'
        : 'Take it yourself, or give it back to the shared inbox. Your manager can assign it to a colleague.' }],
    onSubmit: async (v) => {
      replace(status);
      const payload = await mutate(assignForm, ASSIGN,
        { input: { threadId: thread.id, advocateId: v.advocateId || null } }, 'assignThread');
      if (payload) {
        const now = payload.thread.assignedAdvocate;
        replace(assignee, assignedText(now));
        replace(status, alertBox(now ? `The conversation is now assigned to ${now.name}.`
          : 'The conversation is back in the shared inbox.', 'success'));
      }
    },
  });
  return h('section', { 'aria-labelledby': 'assign-title' }, h('h2', { id: 'assign-title' }, 'Assignment'),
    status, assignForm);
}

export { words };

/** Which message made the conversation urgent, and why: shown to staff only (the API tells no one else). */
function urgentMark(match) {
  return h('p', { class: 'urgent-mark' }, h('strong', { class: 'tag urgent' }, 'Marked urgent'),
    match.phrase ? `: matched “${match.phrase}”` : ': matched a safeguarding phrase');
}
