/**
 * The engines under the domain modules (Cassandra, RabbitMQ, mail) and what every module shares of them, such
 * as the one Cassandra session, bound to Magpie's keyspace once the keyspace exists and its CQL migrations (the
 * {@code db/cassandra} scripts) have been applied.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Engines")
package dev.magpie.engines;
