/**
 * The organisations on the platform: councils (the corporate parents of the young people in their care),
 * advocacy services and the councils they serve, other corporate parents, and the platform operator.
 */
package app.alongside.organisations;
