package dev.magpie.devengines;

import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * One engine Magpie needs (MySQL, Cassandra, RabbitMQ, SMTP), found for the local run and the tests.
 *
 * <p>Each engine is found in this order: configured (environment or properties) → already running on its
 * default local port → embedded, started in or beside this JVM for as long as the JVM lives.
 */
interface DevEngine {

    /** A short name for the log, such as {@code "MySQL"}. */
    String name();

    /**
     * The Spring properties that point Magpie at this engine, or an empty map when the environment already
     * configures it.
     *
     * @param schema the database / keyspace / virtual-host name this JVM should use
     */
    Map<String, Object> resolve(ConfigurableEnvironment environment, String schema);
}
