/**
 * The HTTP edge's parts: request ids, security headers and CORS, compression, TLS, draining on stop, rate limits
 * and the client address behind trusted proxies.
 */
package app.alongside.platform.http;
