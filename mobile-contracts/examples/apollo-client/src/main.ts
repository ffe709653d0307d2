// The example app's journey, all through the published documents: redeem an invite, write a record, send a message
// to the advocate and receive the reply live. Prints one line per step; exits non-zero on any failure.
// Usage: node dist/main.js <baseUrl> <Firebase ID token> <invite code>
import { randomUUID } from 'node:crypto';
import { connect, loadManifest } from './client.js';
import {
  CreateRecordDocument,
  MessageAddedDocument,
  MyAdvocacyDocument,
  RedeemInviteDocument,
  SendMessageDocument,
  type MessageAddedSubscription,
} from './generated/operations.js';
import type { Mission } from './generated/types.js';

const [baseUrl, idToken, inviteCode] = process.argv.slice(2);
if (!baseUrl || !idToken || !inviteCode) {
  console.error('usage: node dist/main.js <baseUrl> <idToken> <inviteCode>');
  process.exit(2);
}
const fail = (why: string): never => {
  console.error('FAIL ' + why);
  process.exit(1);
};
setTimeout(() => fail('timed out'), 30_000).unref();

const { apollo, socket } = connect(baseUrl, () => idToken, loadManifest('persisted-query-manifest.json'));

const redeemed = await apollo.mutate({ mutation: RedeemInviteDocument, variables: { input: { code: inviteCode } } });
const youngPerson = redeemed.data?.redeemInvite.youngPerson ?? fail('redeem: ' + JSON.stringify(redeemed));
console.log('REDEEMED ' + youngPerson.id);

const created = await apollo.mutate({
  mutation: CreateRecordDocument,
  variables: {
    input: {
      clientMutationId: randomUUID(),
      details: { healthAppointment: { startsAt: '2027-01-12T10:30:00Z', withWhom: 'Dentist' } },
      notes: 'Ask about the brace',
    },
  },
});
const record = created.data?.createRecord.record ?? fail('record: ' + JSON.stringify(created));
const mission: Mission = record.mission;
console.log('RECORD ' + record.kind + ' ' + mission + ' ' + record.id);

const advocacy = await apollo.query({ query: MyAdvocacyDocument });
const thread = advocacy.data?.myAdvocacy.thread ?? fail('no thread: ' + JSON.stringify(advocacy));

const reply = new Promise<MessageAddedSubscription['messageAdded']>((resolve, reject) => {
  const events = apollo.subscribe({ query: MessageAddedDocument, variables: { threadId: thread.id } });
  const subscription = events.subscribe({
    next: (event) => {
      const message = event.data?.messageAdded;
      if (message && !message.author.isMe) {
        subscription.unsubscribe();
        resolve(message);
      }
    },
    error: reject,
  });
});
await new Promise((resolve) => setTimeout(resolve, 500));

const sent = await apollo.mutate({
  mutation: SendMessageDocument,
  variables: { input: { threadId: thread.id, body: 'Hello from the example app', clientMessageId: randomUUID() } },
});
const message = sent.data?.sendMessage.message ?? fail('send: ' + JSON.stringify(sent));
console.log('SENT ' + thread.id + ' ' + message.sequence);

const answer = await reply;
console.log('REPLY ' + answer.sequence + ' ' + answer.author.kind + ' ' + JSON.stringify(answer.body));
await socket.dispose();
await apollo.stop();
console.log('OK');
