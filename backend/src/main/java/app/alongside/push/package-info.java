/**
 * Push notifications through Firebase Cloud Messaging: devices, each person's preferences, and a durable,
 * leased dispatcher that turns the push needs other domains record in their own documents into sends.
 * Domains write {@link app.alongside.push.PushOutbox#pending} with their state change and register a
 * {@link app.alongside.push.PushSource} in {@code App}; {@link app.alongside.push.PushDispatcher} does the rest.
 * Lock screens only ever get generic text; payloads carry ids, never content or names.
 */
package app.alongside.push;
