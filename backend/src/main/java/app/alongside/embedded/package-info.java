/**
 * The embedded store's engine: mongo-java-server backends (H2 file for the default, memory for tests and
 * benchmarks) given what the platform's data design needs of MongoDB: compound secondary indexes that serve
 * equality, ranges and sorts (through the library's {@code openOrCreateSecondaryIndex} extension point), leading
 * {@code $match} stages of aggregations served by them, and journaled write concerns answered only after a synced
 * commit. The rest of the code reaches it only through the MongoDB driver, as it would a replica set.
 */
package app.alongside.embedded;
