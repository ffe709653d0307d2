/**
 * What every domain stands on: settings, the store (embedded or a real MongoDB) with its indexes and migrations,
 * GraphQL over HTTP and WebSocket with its limits and persisted queries, the error catalogue, ids, connections,
 * rate limits and the HTTP filters. Nothing in here knows about young people, staff or organisations.
 */
package app.alongside.platform;
