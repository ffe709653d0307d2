// The reference graphql-ws client (graphql-transport-ws) against a live Alongside server, as an app would use it:
// connection_init with the Firebase ID token, a messageAdded subscription, a message sent over HTTP arriving live,
// and a subscription to a thread the caller may not see failing with NOT_FOUND.
// Usage: node messaging-ws.mjs <baseUrl> <idToken> <threadId> <someoneElsesThreadId>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [baseUrl, token, threadId, hiddenThreadId] = process.argv.slice(2);
const fail = (why) => { console.error('FAIL ' + why); process.exit(1); };
const timeout = setTimeout(() => fail('timed out'), 20000);

const client = createClient({
  url: baseUrl.replace(/^http/, 'ws') + '/graphql',
  webSocketImpl: WebSocket,
  connectionParams: { authorization: 'Bearer ' + token },
  retryAttempts: 0,
});

const MESSAGE_ADDED = `subscription($threadId: ID!) {
  messageAdded(threadId: $threadId) { id sequence body author { kind isMe } } }`;

function firstEvent(threadId) {
  return new Promise((resolve, reject) => {
    const dispose = client.subscribe({ query: MESSAGE_ADDED, variables: { threadId } }, {
      next: (value) => { dispose(); resolve(value); },
      error: (error) => reject(error),
      complete: () => reject(new Error('completed without an event')),
    });
  });
}

async function send(body) {
  const response = await fetch(baseUrl + '/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: JSON.stringify({
      query: `mutation($input: SendMessageInput!) { sendMessage(input: $input) { message { id } userErrors { code } } }`,
      variables: { input: { threadId, body, clientMessageId: 'graphql-ws-' + Date.now() } },
    }),
  });
  return response.json();
}

try {
  const event = firstEvent(threadId);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const sent = await send('Sent over HTTP, received through graphql-ws');
  const received = await event;
  const message = received.data?.messageAdded;
  if (!message || message.id !== sent.data.sendMessage.message.id
      || message.body !== 'Sent over HTTP, received through graphql-ws' || message.author.isMe !== true) {
    fail('unexpected event ' + JSON.stringify(received) + ' for ' + JSON.stringify(sent));
  }
  console.log('EVENT ' + JSON.stringify(message));

  try {
    await firstEvent(hiddenThreadId);
    fail('subscribed to someone else\'s thread');
  } catch (errors) {
    const codes = Array.isArray(errors) ? errors.map((e) => e.extensions?.code) : [String(errors)];
    if (codes[0] !== 'NOT_FOUND') {
      fail('expected NOT_FOUND, got ' + JSON.stringify(errors));
    }
    console.log('REFUSED ' + codes.join(','));
  }
  await client.dispose();
  clearTimeout(timeout);
  console.log('OK');
} catch (e) {
  fail(e?.stack ?? JSON.stringify(e));
}
