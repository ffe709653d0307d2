/**
 * The load harness: each {@link app.alongside.bench.Scenario} pairs a real GraphQL operation against the real
 * server with a bare Helidon route doing the same MongoDB reads and JSON serialization, so the ratio of their
 * throughputs is the price of the GraphQL layer; {@link app.alongside.bench.HomeScreen} measures the app's home
 * screen for many young people on the in-memory and the H2 file store. {@link app.alongside.bench.Bench} runs them
 * and prints the tables. {@link app.alongside.bench.StoreBench} measures the packaged server as users run it, in
 * its own process on the default store and on a memory store in a process of its own, loaded by autocannon.
 */
package app.alongside.bench;
