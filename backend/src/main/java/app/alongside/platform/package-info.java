/**
 * What every domain stands on, and how it is put together: {@link app.alongside.platform.Module} (one domain's part
 * of the server), the {@link app.alongside.platform.Foundation} each module is built on, the
 * {@link app.alongside.platform.Infrastructure} (store, meters, tracer, Firebase) and the
 * {@link app.alongside.platform.WebEdge} that serves them. The parts live in subpackages: {@code config},
 * {@code core} (errors, input, ids, connections, jobs), {@code store}, {@code graphql}, {@code http} and
 * {@code observe}. Nothing here knows about young people, staff or organisations (held by
 * {@code ArchitectureTest}).
 */
package app.alongside.platform;
