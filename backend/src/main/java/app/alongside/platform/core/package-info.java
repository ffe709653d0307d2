/**
 * The building blocks every domain uses: the error catalogue ({@code ErrorCode}, {@code ApiException},
 * {@code ErrorText}), validated {@code Input} with field paths, the {@code RequestContext}, ids and global ids,
 * Relay connections and payloads, JSON, export sections, periodic jobs and short-lived caches. Of ours it imports
 * only the kernel, so every other part of the platform can stand on it.
 */
package app.alongside.platform.core;
