/**
 * Push notifications through Firebase Cloud Messaging: devices, each person's preferences, and a durable,
 * leased dispatcher that turns the push needs other domains record in their own documents into sends.
 */
package app.alongside.push;
