/**
 * The right to erasure (UK GDPR Art 17) with its safeguarding limits explained: the policy of what is erased and
 * what is kept and why, a young person's request, their council's decision within a month, and the erasure
 * itself, carried out by each domain's {@code ErasableData} hook and recorded on the request as it goes.
 */
package app.alongside.privacy.erasure;
