/**
 * The append-only audit log: every staff read of a young person's data and every write by anyone, searched by
 * admins and shown to each young person as the organisations and roles that read or changed their data.
 */
package app.alongside.audit;
