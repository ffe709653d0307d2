/**
 * The store: the connection ({@code Store}, the embedded mongo-java-server default or {@code MONGODB_URI}), the
 * indexes and migrations every module declares ({@code StoreSchema}, {@code IndexPlan}, {@code Migration}), its
 * readiness, BSON helpers and the idempotency keys mutations share.
 */
package app.alongside.platform.store;
