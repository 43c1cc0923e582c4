package dev.magpie.devengines;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The local Cassandra the tests and the local run use: a real 5.0 node, found or started. */
class LocalCassandraTests {

    private static final String SCHEMA = System.getProperty(DevEngines.SCHEMA_PROPERTY, "magpie_test") + "_local";

    @Test
    void pointsTheApplicationAtARealCassandra5Node() {
        Map<String, Object> properties = new LocalCassandra().resolve(new MockEnvironment(), SCHEMA);

        assertThat(properties).containsEntry("spring.cassandra.contact-points", "127.0.0.1:9042")
            .containsEntry("magpie.cassandra.keyspace", SCHEMA)
            .containsKey("spring.cassandra.local-datacenter");
        try (CqlSession session = connect(properties)) {
            assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0))
                .startsWith("5.0");
        }
    }

    @Test
    void dropsATestKeyspaceOnlyTheFirstTimeInAJvm() {
        String schema = SCHEMA + "_once";
        Map<String, Object> properties = new LocalCassandra().resolve(new MockEnvironment(), schema);
        try (CqlSession session = connect(properties)) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS " + schema
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");

            new LocalCassandra().resolve(new MockEnvironment(), schema);

            assertThat(session.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = '"
                    + schema + "'").one()).isNotNull();
            // Dropping a keyspace waits for every table's files to go: well past the driver's 2 s on a busy machine
            session.execute(SimpleStatement.newInstance("DROP KEYSPACE " + schema).setTimeout(Duration.ofSeconds(60)));
        }
    }

    @Test
    void leavesAConfiguredClusterAlone() {
        MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.cassandra.contact-points", "cassandra.example.com:9042");

        assertThat(new LocalCassandra().resolve(environment, SCHEMA)).isEmpty();
    }

    private static CqlSession connect(Map<String, Object> properties) {
        String[] contactPoint = properties.get("spring.cassandra.contact-points").toString().split(":");
        return CqlSession.builder()
            .addContactPoint(new InetSocketAddress(contactPoint[0], Integer.parseInt(contactPoint[1])))
            .withLocalDatacenter(properties.get("spring.cassandra.local-datacenter").toString())
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .build())
            .build();
    }
}
