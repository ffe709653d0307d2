/**
 * Configuration: the bundled defaults, an optional {@code CONFIG_FILE} and the environment
 * ({@link app.alongside.platform.config.Settings}, with a node per module), and the typed start-up failure.
 */
package app.alongside.platform.config;
