package dev.magpie.engines.internal;

import java.time.Duration;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.cassandra.autoconfigure.DriverConfigLoaderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;

import dev.magpie.engines.CassandraProperties;

/**
 * The application's one {@link CqlSession}, bound to Magpie's keyspace, which exists and is migrated by the time
 * anyone gets the session.
 *
 * <p>It replaces the session Spring Boot would build (Boot steps back when one is defined) but uses Boot's
 * session builder, so every {@code spring.cassandra.*} property still applies, and Boot's Cassandra health
 * indicator reports on it.
 */
@Configuration(proxyBeanMethods = false)
class CassandraSessionConfiguration {

    // Long enough for another instance to apply a batch of migrations at a rolling deployment
    private static final Duration MIGRATION_LOCK_TIMEOUT = Duration.ofMinutes(5);

    @Bean
    CqlSession cassandraSession(ObjectProvider<CqlSessionBuilder> builders, CassandraProperties properties,
            ResourcePatternResolver resources) {
        CassandraKeyspace keyspace = new CassandraKeyspace(properties);
        List<CqlMigration> migrations = CqlMigrations.load(resources, CqlMigrations.LOCATION);
        // The keyspace may not exist yet, and a session bound to a missing keyspace cannot start. Closing a session
        // takes its event loops a couple of seconds; nothing needs to wait for that
        CqlSession bootstrap = builders.getObject().withKeyspace((CqlIdentifier) null).build();
        try {
            keyspace.createIfMissing(bootstrap);
        }
        finally {
            bootstrap.closeAsync();
        }
        CqlSession session = builders.getObject().withKeyspace(keyspace.name()).build();
        try {
            new CqlMigrator(session, MIGRATION_LOCK_TIMEOUT).migrate(migrations);
            return session;
        }
        catch (RuntimeException ex) {
            session.close();
            throw ex;
        }
    }

    @Bean
    DriverConfigLoaderBuilderCustomizer schemaRefreshWindow(CassandraProperties properties) {
        return (builder) -> {
            if (properties.schemaRefreshWindow() != null) {
                builder.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, properties.schemaRefreshWindow());
            }
        };
    }
}
