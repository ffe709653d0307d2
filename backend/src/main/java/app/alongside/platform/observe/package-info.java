/**
 * Observability: Prometheus meters, OpenTelemetry tracing (the driver's commands included), the gauges read from
 * the store, and the JSON log format with request and trace ids.
 */
package app.alongside.platform.observe;
