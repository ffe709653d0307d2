/**
 * The privacy notice in bite-sized parts, one per feature, shown when the feature is first used (ICO Children's
 * Code, standard 4): each part is versioned and never edited, an admin publishes a new version, and each young
 * person's acknowledgement of a version is kept, append-only, and goes into their data export.
 */
package app.alongside.privacy.notices;
