/**
 * The few types every domain needs to decide access: who is asking ({@link app.alongside.kernel.Principal}), the
 * staff roles and the kinds of organisation they belong in. It imports nothing of the domains or the platform, so
 * every package may depend on it and it on none (held by {@code PackageCyclesTest}).
 */
package app.alongside.kernel;
