/**
 * Retention (UK GDPR Art 5(1)(e)): one rule per stored collection, shipped as data ({@code retention-rules.json})
 * and checked at start, a job that applies the rules that delete, and the admins' report of rules and runs. The
 * rules also feed the generated data inventory and DPIA template in {@code docs/}.
 */
package app.alongside.privacy.retention;
