import { h, replace, alertBox } from '../dom.js';
import { heading, roleName } from '../console.js';

const LINKS = {
  ADVOCATE: [['#/inbox', 'Inbox: messages from young people']],
  ADVOCACY_MANAGER: [['#/inbox', 'Inbox'], ['#/allocations', 'Allocations due'], ['#/figures', 'Response times']],
  LA_WORKER: [['#/invite', 'Invite a young person'], ['#/young-people', 'Your council\'s young people'],
    ['#/moderation', 'Opportunities to review']],
  CORPORATE_PARENT_STAFF: [['#/opportunities', 'Your opportunities'], ['#/opportunities/new', 'Post an opportunity']],
  ADMIN: [['#/organisations', 'Organisations'], ['#/staff', 'Staff'], ['#/moderation', 'Moderation queue'],
    ['#/phrases', 'Safeguarding phrases'], ['#/audit', 'Audit log']],
};

export function render(main, { staff, message }) {
  replace(main, heading(`Welcome${staff.name ? `, ${staff.name}` : ''}`),
    message ? alertBox(message.text, message.kind) : null,
    h('p', {}, `You are signed in as ${roleName(staff.role)}.`),
    h('ul', {}, (LINKS[staff.role] || []).map(([href, text]) => h('li', {}, h('a', { href }, text)))));
}
