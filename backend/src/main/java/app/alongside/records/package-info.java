/**
 * A young person's own record of their life across the five missions, and their goals: private by default,
 * shareable with their advocate, versioned so two devices never overwrite each other, exportable in full.
 */
package app.alongside.records;
