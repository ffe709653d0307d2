/**
 * Who is who and who may see whom: staff accounts and console sessions, young people and their invites, Firebase
 * ID tokens from apps, how each request's {@link app.alongside.kernel.Principal} is established, and the access
 * policy for young people and staff.
 */
package app.alongside.identity;
