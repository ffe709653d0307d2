// The public API only: /auth for the session cookie and CSRF token, POST /graphql for everything else, and the
// graphql-transport-ws socket for live updates. The CSRF token lives in sessionStorage (this tab only, gone when
// the tab closes); the session cookie is HttpOnly, so no script can read it.

const KEY = 'alongside.session';

/** Raised when the session has ended: the router sends the user to sign in with a message. */
export class SessionEnded extends Error {}

/** Raised when the server refused a request as not verified (CSRF); nothing was changed. */
export class NotVerified extends Error {}

/** An error the API answered with; `errors` holds every error of the answer (a form can show each by its field). */
export class ApiError extends Error {
  constructor(message, code, field, errors = []) {
    super(message);
    this.code = code;
    this.field = field;
    this.errors = errors;
  }
}

let onSessionEnded = () => {};

export function whenSessionEnds(handler) {
  onSessionEnded = handler;
}

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
}

function keep(value) {
  if (value) sessionStorage.setItem(KEY, JSON.stringify(value));
  else sessionStorage.removeItem(KEY);
}

async function json(response) {
  try {
    return await response.json();
  } catch {
    return {};
  }
}

/** Signs in; resolves to the session or rejects with an ApiError carrying the server's message. */
export async function signIn(email, password) {
  const response = await fetch('/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
    credentials: 'same-origin',
  });
  const body = await json(response);
  if (!response.ok) {
    const error = (body.errors || [])[0] || {};
    throw new ApiError(error.message || 'Signing in failed.', (error.extensions || {}).code);
  }
  const value = { csrfToken: body.csrfToken, staff: body.staff, expiresAt: body.expiresAt };
  keep(value);
  return value;
}

/** A reloaded page (or a new tab) asks the server for the CSRF token of the cookie's session. */
export async function restore() {
  const existing = session();
  if (existing && existing.staff && existing.staff.name) return existing;
  const response = await fetch('/auth/session', { credentials: 'same-origin' });
  if (!response.ok) {
    keep(null);
    return null;
  }
  const body = await json(response);
  const value = { csrfToken: body.csrfToken, staff: body.staff, expiresAt: body.expiresAt };
  keep(value);
  try {
    const data = await graphql('query ConsoleViewer { viewer { ... on StaffMember { name } } }');
    value.staff.name = data.viewer ? data.viewer.name : '';
    keep(value);
  } catch {
    // The name is only shown in the header; the session works without it.
  }
  return value;
}

export async function signOut() {
  const current = session();
  keep(null);
  await fetch('/auth/logout', {
    method: 'POST',
    headers: current && current.csrfToken ? { 'X-CSRF-Token': current.csrfToken } : {},
    credentials: 'same-origin',
  }).catch(() => {});
}

/** Updates what this tab remembers of the signed-in staff member, e.g. once their password is changed. */
export function updateStaff(changes) {
  const current = session();
  if (current) keep({ ...current, staff: { ...current.staff, ...changes } });
}

export function forget() {
  keep(null);
}

/**
 * Runs a GraphQL operation and resolves to its data. An ended session rejects with SessionEnded (after telling
 * the router), a refused CSRF check with NotVerified (after fetching the token again), other errors ApiError.
 */
export async function graphql(query, variables = {}) {
  const current = session();
  const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json' };
  if (current && current.csrfToken) headers['X-CSRF-Token'] = current.csrfToken;
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST', headers, body: JSON.stringify({ query, variables }), credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('The service cannot be reached. Check your connection and try again.', 'NETWORK');
  }
  const body = await json(response);
  const error = (body.errors || [])[0];
  if (error) {
    const code = (error.extensions || {}).code;
    if (code === 'UNAUTHENTICATED') {
      keep(null);
      onSessionEnded();
      throw new SessionEnded(error.message);
    }
    if (code === 'FORBIDDEN' && /CSRF/i.test(error.message)) {
      await refreshToken();
      throw new NotVerified('The request could not be verified, so nothing was changed. Please try again.');
    }
    if (!body.data || Object.values(body.data).every((v) => v === null)) {
      throw new ApiError(error.message, code, (error.extensions || {}).field, body.errors);
    }
  }
  if (!body.data) throw new ApiError('The service answered with an error.', 'INTERNAL');
  return body.data;
}

async function refreshToken() {
  const response = await fetch('/auth/session', { credentials: 'same-origin' });
  if (!response.ok) {
    keep(null);
    onSessionEnded();
    throw new SessionEnded('Your session has ended.');
  }
  const body = await json(response);
  const current = session() || {};
  keep({ ...current, csrfToken: body.csrfToken, staff: { ...(current.staff || {}), ...body.staff } });
}

/**
 * A graphql-transport-ws subscription. onData gets each payload's data; returns a function that ends it. The
 * browser sends the session cookie with the upgrade; the CSRF token goes in connection_init, as the server's
 * GraphqlWsAuthentication expects. A dropped socket is reopened after a pause, and onReconnect is called so the
 * page can reload what it may have missed.
 */
export function subscribe(query, variables, onData, { onReconnect = () => {}, onError = () => {} } = {}) {
  let socket;
  let closed = false;
  let opened = false;
  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/graphql`, 'graphql-transport-ws');
    socket.addEventListener('open', () => {
      const current = session() || {};
      socket.send(JSON.stringify({ type: 'connection_init', payload: { csrfToken: current.csrfToken } }));
    });
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
        if (opened) onReconnect();
        opened = true;
        document.documentElement.dataset.live = 'on';
      } else if (message.type === 'next' && message.payload && message.payload.data) {
        onData(message.payload.data);
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'error') {
        onError(message.payload);
      }
    });
    socket.addEventListener('close', (event) => {
      document.documentElement.dataset.live = 'off';
      if (closed) return;
      if (event.code === 4401 || event.code === 4403) {
        onSessionEnded();
        return;
      }
      setTimeout(() => { if (!closed) open(); }, 3000);
    });
  };
  open();
  return () => {
    closed = true;
    if (socket && socket.readyState <= 1) socket.close(1000, 'Page left');
  };
}
