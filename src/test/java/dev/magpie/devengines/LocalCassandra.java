package dev.magpie.devengines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Cassandra for the tests and the local run: the configured cluster, else a Cassandra already answering on
 * {@code 127.0.0.1:9042}, else this checkout's own node, launched there by {@link CassandraNode} and shared with
 * any other JVM that wants it meanwhile (a local run beside a test run).
 *
 * <p>The node keeps its files in {@value CassandraNode#WORK_DIR}, so a local run's data survives a restart. A
 * test keyspace ({@code magpie_test*}) is dropped once per JVM so that each test run starts empty; the application
 * creates and migrates it again.
 */
public final class LocalCassandra implements DevEngine {

    /** The port a local Cassandra answers CQL on, ours or one installed on this machine. */
    static final int PORT = 9042;

    private static final Pattern TEST_KEYSPACE = Pattern.compile("magpie_test[a-z0-9_]{0,37}");

    private static final Set<String> droppedKeyspaces = new HashSet<>();

    @Override
    public String name() {
        return "Cassandra";
    }

    @Override
    public Map<String, Object> resolve(ConfigurableEnvironment environment, String schema) {
        if (environment.containsProperty("spring.cassandra.contact-points")
                || environment.containsProperty("spring.cassandra.contact-points[0]")) {
            return Map.of();
        }
        CassandraNode.startOrJoin(projectDirectory(), PORT);
        String datacenter;
        try (CqlSession session = adminSession()) {
            datacenter = session.execute("SELECT data_center FROM system.local").one().getString("data_center");
            dropOnce(session, schema);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.cassandra.contact-points", LocalPorts.LOOPBACK + ":" + PORT);
        properties.put("spring.cassandra.local-datacenter", datacenter);
        properties.put("magpie.cassandra.keyspace", schema);
        // Each schema change otherwise waits a second for the driver's metadata refresh
        properties.put("magpie.cassandra.schema-refresh-window", "10ms");
        return properties;
    }

    // Without contact points the driver connects to 127.0.0.1:9042 and learns the local datacenter from it
    private static CqlSession adminSession() {
        return CqlSession.builder()
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                // Closing would otherwise wait two quiet seconds for stragglers that a short session has not got
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .build())
            .build();
    }

    private static synchronized void dropOnce(CqlSession session, String keyspace) {
        if (TEST_KEYSPACE.matcher(keyspace).matches() && droppedKeyspaces.add(keyspace)) {
            session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace));
        }
    }

    // Tests and spring-boot:test-run start in the project directory; an IDE may start a module's subdirectory
    private static Path projectDirectory() {
        Path directory = Path.of("").toAbsolutePath();
        for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve("db/cassandra/pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No db/cassandra/pom.xml in " + directory + " or above it");
    }
}
