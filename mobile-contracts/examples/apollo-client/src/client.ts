// An Apollo Client for the Alongside API, as an app builder would set it up:
// - queries and mutations over HTTP, sent by their persisted-query id alone (the manifest this app's own tooling
//   wrote, `npm run manifest`), so a server in persisted-only mode runs them;
// - subscriptions over WebSocket with graphql-ws (the graphql-transport-ws protocol), the ID token in
//   connection_init;
// - the Firebase ID token on every request;
// - the cache told which types implement Record and Node (generated), or it cannot match fragments on interfaces.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { generatePersistedQueryIdsFromManifest } from '@apollo/persisted-query-lists';
import { getMainDefinition } from '@apollo/client/utilities';
import { readFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import possibleTypes from './generated/possible-types.js';

export interface Connection {
  apollo: ApolloClient;
  socket: Client;
}

interface Manifest {
  operations: { id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }[];
}

/** The manifest `generate-persisted-query-manifest` wrote next to package.json. */
export function loadManifest(path: string): Manifest {
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

export function connect(baseUrl: string, idToken: () => string, manifest: Manifest): Connection {
  const socket = createClient({
    url: baseUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: () => ({ authorization: 'Bearer ' + idToken() }),
    retryAttempts: 0,
  });
  const http = new HttpLink({
    uri: baseUrl + '/graphql',
    headers: { accept: 'application/graphql-response+json' },
  });
  const auth = new ApolloLink((operation, forward) => {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, authorization: 'Bearer ' + idToken() },
    }));
    return forward(operation);
  });
  const persisted = new PersistedQueryLink(generatePersistedQueryIdsFromManifest({ loadManifest: () => manifest }));
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  };
  const link = ApolloLink.split(isSubscription, new GraphQLWsLink(socket), ApolloLink.from([auth, persisted, http]));
  return { apollo: new ApolloClient({ link, cache: new InMemoryCache({ possibleTypes: possibleTypes.possibleTypes }) }), socket };
}
