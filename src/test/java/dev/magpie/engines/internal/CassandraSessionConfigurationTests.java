package dev.magpie.engines.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.cassandra.autoconfigure.health.CassandraHealthContributorAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.magpie.engines.CassandraProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's session as Spring builds it, from Boot's auto-configuration plus ours, against the test
 * Cassandra: it creates the keyspace, migrates it, and reports its health.
 */
class CassandraSessionConfigurationTests {

    private static final String KEYSPACE = TestCassandra.keyspace("session");

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CassandraAutoConfiguration.class,
                CassandraHealthContributorAutoConfiguration.class))
        .withUserConfiguration(EnginesProperties.class, CassandraSessionConfiguration.class)
        .withPropertyValues(TestCassandra.properties())
        .withPropertyValues("magpie.cassandra.keyspace=" + KEYSPACE, "magpie.cassandra.schema-refresh-window=10ms");

    @Test
    void theSessionIsBoundToAKeyspaceItCreatedAndMigrated() {
        try (CqlSession admin = TestCassandra.session(null)) {
            admin.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        }

        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(CqlSession.class);
            CqlSession session = context.getBean(CqlSession.class);
            assertThat(session.getKeyspace()).hasValueSatisfying((keyspace) -> assertThat(keyspace.asInternal())
                .isEqualTo(KEYSPACE));
            assertThat(session.execute("SELECT count(*) FROM " + CqlMigrator.HISTORY_TABLE).one().getLong(0))
                .isEqualTo(CqlMigrations.load(context, CqlMigrations.LOCATION).size());
            assertThat(session.getContext().getConfig().getDefaultProfile()
                .getDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW)).hasMillis(10);
        });
    }

    @Test
    void bootsHealthIndicatorReportsTheSession() {
        this.contextRunner.run((context) -> {
            HealthIndicator health = context.getBean("cassandraHealthContributor", HealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(String.valueOf(health.health().getDetails().get("version"))).startsWith("5.0");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CassandraProperties.class)
    static class EnginesProperties {

    }
}
