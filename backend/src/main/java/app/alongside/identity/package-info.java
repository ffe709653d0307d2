/**
 * Who is who and who may see whom: staff accounts and console sessions, young people and their invites, Firebase
 * ID tokens from apps, the {@link app.alongside.identity.Principal} every request carries, and the access policy
 * for young people and staff.
 */
package app.alongside.identity;
