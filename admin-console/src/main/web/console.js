// The console's shell: a tiny hash router (#/threads/<globalId>: opaque ids only, never data), the navigation for
// the signed-in role, and the sign-in redirect when a session ends. Each page is its own module in pages/.
import { h, replace } from './dom.js';
import { restore, session, signOut, whenSessionEnds, SessionEnded } from './api.js';

const STAFF = ['ADMIN', 'LA_WORKER', 'ADVOCATE', 'ADVOCACY_MANAGER', 'CORPORATE_PARENT_STAFF'];
const ADVOCACY = ['ADVOCATE', 'ADVOCACY_MANAGER'];

/** path pattern, module, roles allowed, navigation label (none: not in the menu). */
const ROUTES = [
  ['/', 'home', STAFF, 'Home'],
  ['/inbox', 'inbox', ADVOCACY, 'Inbox'],
  ['/threads/:id', 'thread', ADVOCACY],
  ['/shared/:id', 'shared', ADVOCACY],
  ['/shared/:id/entitlements', 'shared-entitlements', ADVOCACY],
  ['/allocations', 'allocations', ['ADVOCACY_MANAGER'], 'Allocations'],
  ['/figures', 'figures', ['ADVOCACY_MANAGER'], 'Response times'],
  ['/invite', 'invite', ['LA_WORKER'], 'Invite'],
  ['/young-people', 'young-people', ['LA_WORKER'], 'Young people'],
  ['/opportunities', 'opportunities', ['CORPORATE_PARENT_STAFF'], 'Opportunities'],
  ['/opportunities/new', 'opportunity-edit', ['CORPORATE_PARENT_STAFF']],
  ['/opportunities/:id', 'opportunity', ['CORPORATE_PARENT_STAFF']],
  ['/moderation', 'moderation', ['ADMIN', 'LA_WORKER'], 'Moderation'],
  ['/corrections', 'corrections', ['ADMIN', 'LA_WORKER'], 'Correction requests'],
  ['/erasure', 'erasure', ['ADMIN', 'LA_WORKER'], 'Erasure requests'],
  ['/erasure/:id', 'erasure-request', ['ADMIN', 'LA_WORKER']],
  ['/erasure/:id/approve', 'erasure-approve', ['ADMIN', 'LA_WORKER']],
  ['/local-offer', 'local-offer', ['ADMIN', 'LA_WORKER'], 'Local Offer'],
  ['/local-offer/:council', 'local-offer', ['ADMIN', 'LA_WORKER']],
  ['/local-offer/:council/new', 'entitlement-edit', ['ADMIN', 'LA_WORKER']],
  ['/entitlements/:id', 'entitlement', ['ADMIN', 'LA_WORKER']],
  ['/entitlements/:id/revise', 'entitlement-edit', ['ADMIN', 'LA_WORKER']],
  ['/entitlements/:id/withdraw', 'entitlement-withdraw', ['ADMIN', 'LA_WORKER']],
  ['/organisations', 'organisations', ['ADMIN'], 'Organisations'],
  ['/staff', 'staff', ['ADMIN'], 'Staff'],
  ['/staff/:id/deactivate', 'staff-deactivate', ['ADMIN']],
  ['/phrases', 'phrases', ['ADMIN'], 'Safeguarding phrases'],
  ['/audit', 'audit', ['ADMIN'], 'Audit log'],
  ['/push', 'push', ['ADMIN'], 'Push delivery'],
  ['/privacy', 'privacy', ['ADMIN'], 'Privacy notice'],
  ['/retention', 'retention', ['ADMIN'], 'Retention'],
  ['/password', 'password', STAFF, 'Change password'],
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let cleanup = null;
let pendingMessage = null;

function match(path) {
  for (const [pattern, module, roles] of ROUTES) {
    const names = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => {
      names.push(name);
      return '([A-Za-z0-9_-]+)';
    })}$`);
    const found = regex.exec(path);
    if (found) {
      const params = Object.fromEntries(names.map((name, i) => [name, found[i + 1]]));
      return { module, roles, params };
    }
  }
  return null;
}

export function navigate(path) {
  if (location.hash === `#${path}`) route();
  else location.hash = path;
}

function renderNav(current) {
  const who = session();
  if (!who) {
    replace(nav);
    return;
  }
  const list = h('ul');
  for (const [pattern, , roles, label] of ROUTES) {
    // Until a password someone else set is changed, the server runs nothing else: the menu offers nothing else.
    if (!label || !roles.includes(who.staff.role) || who.staff.passwordChangeRequired) continue;
    list.append(h('li', {}, h('a', { href: `#${pattern}`, 'aria-current': pattern === current ? 'page' : false },
      label)));
  }
  const out = h('button', { type: 'button', class: 'sign-out' }, 'Sign out');
  out.addEventListener('click', async () => {
    await signOut();
    pendingMessage = { text: 'You have signed out.', kind: 'success' };
    navigate('/sign-in');
  });
  list.append(h('li', {}, h('span', { class: 'who' }, `${who.staff.name || ''} (${roleName(who.staff.role)})`)),
    h('li', {}, out));
  replace(nav, list);
}

export function roleName(role) {
  return {
    ADMIN: 'admin', LA_WORKER: 'council worker', ADVOCATE: 'advocate', ADVOCACY_MANAGER: 'advocacy manager',
    CORPORATE_PARENT_STAFF: 'corporate parent',
  }[role] || role;
}

/** Puts a page's h1 and title in place and moves focus there, so keyboard and screen reader users land on it. */
export function heading(text) {
  document.title = `${text} – Alongside console`;
  const title = h('h1', { tabindex: '-1' }, text);
  return title;
}

/** A new page puts focus on its success banner when it has one (as GOV.UK's banner does), else its heading. */
function focusHeading() {
  const target = main.querySelector('.notification-banner') || main.querySelector('h1');
  if (target) target.focus();
}

async function route() {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  let path = location.hash.replace(/^#/, '') || '/';
  const who = session();
  if (who && who.staff.passwordChangeRequired && path !== '/sign-in') {
    path = '/password';
    if (location.hash !== '#/password') history.replaceState(null, '', '#/password');
  }
  if (path === '/sign-in' || !who) {
    renderNav(null);
    const page = await import('./pages/sign-in.js');
    const message = pendingMessage;
    pendingMessage = null;
    page.render(main, { message, navigate });
    if (path !== '/sign-in') history.replaceState(null, '', '#/sign-in');
    focusHeading();
    return;
  }
  const found = match(path);
  renderNav(found ? ROUTES.find((r) => r[1] === found.module)[0] : null);
  if (!found) {
    replace(main, heading('Page not found'), h('p', {}, 'There is no page at this address. '),
      h('p', {}, h('a', { href: '#/' }, 'Go to the home page')));
    focusHeading();
    return;
  }
  if (!found.roles.includes(who.staff.role)) {
    replace(main, heading('Not available for your role'),
      h('p', { class: 'notice info' }, `This page is not available for your role (${roleName(who.staff.role)}). `
        + 'Nothing was read or changed.'),
      h('p', {}, h('a', { href: '#/' }, 'Go to your home page')));
    focusHeading();
    return;
  }
  const page = await import(`./pages/${found.module}.js`);
  const context = {
    params: found.params, staff: who.staff, navigate, passwordChangeRequired: !!who.staff.passwordChangeRequired,
    onLeave: (fn) => { cleanup = fn; },
    message: pendingMessage,
  };
  pendingMessage = null;
  const before = main.querySelector('h1');
  const rendering = page.render(main, context);
  // Most pages put their heading in place before they read anything: focus goes there at once, not after the reads.
  if (main.querySelector('h1') !== before) focusUnlessInMain();
  try {
    await rendering;
  } catch (error) {
    if (!(error instanceof SessionEnded)) {
      replace(main, heading('Something went wrong'), h('p', { role: 'alert', class: 'notice error' }, error.message));
    }
  }
  focusUnlessInMain();
}

/** Focus that a page moved somewhere in it (a field, say) stays; otherwise it goes to the heading. */
function focusUnlessInMain() {
  if (!main.contains(document.activeElement) || document.activeElement === main) focusHeading();
}

/** Lets a page leave a message for the next one (for example after a save). */
export function flash(text, kind = 'success') {
  pendingMessage = { text, kind };
}

whenSessionEnds(() => {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  pendingMessage = { text: 'Your session has ended, so nothing was saved. Sign in again to carry on.',
    kind: 'error' };
  // Nothing from the page goes into the address: the sign-in page is a plain #/sign-in.
  if (location.hash !== '#/sign-in') location.hash = '/sign-in';
  else route();
});

window.addEventListener('hashchange', () => {
  // Only #/... addresses are pages; anything else (such as a fragment link) is left to the browser.
  if (location.hash === '' || location.hash.startsWith('#/')) route();
});

// The skip link moves focus to the main content without touching the address, which the router owns.
document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

(async () => {
  await restore();
  route();
})();
