/**
 * A young person's data rights and the platform's duties under the Children's Code and UK GDPR: the privacy
 * notice in parts with each acknowledgement, erasure with its safeguarding limits, rectification and disputes of
 * what staff wrote, and retention rules applied by a job and reported. Each part is a sub-package; this module
 * builds them and registers their wiring.
 */
package app.alongside.privacy;
