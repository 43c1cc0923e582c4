package dev.magpie.engines.internal;

import java.net.InetSocketAddress;
import java.time.Duration;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Cassandra of the tests, found or started exactly as for the application (an empty application context
 * runs the same environment post-processors), and throw-away keyspaces in it.
 */
final class TestCassandra {

    private static Connection connection;

    private TestCassandra() {
    }

    /** The keyspace of this test JVM with a suffix, such as {@code magpie_test_migrator}. */
    static String keyspace(String suffix) {
        return connection().keyspace() + "_" + suffix;
    }

    /** The Spring properties that reach the test Cassandra, as {@code name=value}. */
    static String[] properties() {
        return new String[] { "spring.cassandra.contact-points=" + connection().contactPoint(),
                "spring.cassandra.local-datacenter=" + connection().datacenter() };
    }

    /** A session bound to {@code keyspace}, or to none when it is {@code null}. */
    static CqlSession session(String keyspace) {
        String contactPoint = connection().contactPoint();
        int colon = contactPoint.lastIndexOf(':');
        return CqlSession.builder()
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                // Closing would otherwise wait two quiet seconds for stragglers that a short session has not got
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .build())
            .addContactPoint(InetSocketAddress.createUnresolved(contactPoint.substring(0, colon),
                    Integer.parseInt(contactPoint.substring(colon + 1))))
            .withLocalDatacenter(connection().datacenter())
            .withKeyspace((keyspace != null) ? CqlIdentifier.fromInternal(keyspace) : null)
            .build();
    }

    /** Drops {@code keyspace} if it exists and creates it empty, with one replica. */
    static void recreate(String keyspace) {
        try (CqlSession session = session(null)) {
            session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace));
            session.execute(SimpleStatement.newInstance("CREATE KEYSPACE " + keyspace
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"));
        }
    }

    private static synchronized Connection connection() {
        if (connection == null) {
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run()) {
                Environment environment = context.getEnvironment();
                connection = new Connection(
                        environment.getRequiredProperty("spring.cassandra.contact-points").split(",")[0].strip(),
                        environment.getRequiredProperty("spring.cassandra.local-datacenter"),
                        environment.getRequiredProperty("magpie.cassandra.keyspace"));
            }
        }
        return connection;
    }

    private record Connection(String contactPoint, String datacenter, String keyspace) {
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {

    }
}
