/**
 * GraphQL over HTTP ({@code GraphqlEndpoint}) and over WebSocket ({@code GraphqlWebSocket}, the graphql-ws
 * protocol), the engine with its limits and persisted queries, the schema loader and the wiring, nodes and data
 * loaders every module registers with.
 */
package app.alongside.platform.graphql;
