package dev.magpie.devengines;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.mock.env.MockEnvironment;

/**
 * What a lightweight transaction costs on the local node, against a plain insert: 128 asynchronous inserts of a
 * 300-byte row in flight at once, first plain, then with {@code IF NOT EXISTS}. The figures behind docs/data-model.md
 * ("Why not a lightweight transaction per event"):
 *
 * <pre>./mvnw -q test -Dtest=LightweightTransactionCost -Dmagpie.cassandra.benchmark=true</pre>
 */
@EnabledIfSystemProperty(named = "magpie.cassandra.benchmark", matches = "true")
class LightweightTransactionCost {

    private static final int ROWS = Integer.getInteger("magpie.cassandra.benchmark.rows", 20_000);

    private static final int IN_FLIGHT = 128;

    @Test
    void printsInsertsPerSecondWithAndWithoutIfNotExists() throws Exception {
        String keyspace = System.getProperty(DevEngines.SCHEMA_PROPERTY, "magpie_test") + "_lwt";
        Map<String, Object> properties = new LocalCassandra().resolve(new MockEnvironment(), keyspace);
        String[] contactPoint = properties.get("spring.cassandra.contact-points").toString().split(":");
        try (CqlSession session = CqlSession.builder()
            .addContactPoint(new InetSocketAddress(contactPoint[0], Integer.parseInt(contactPoint[1])))
            .withLocalDatacenter(properties.get("spring.cassandra.local-datacenter").toString())
            .build()) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".rows (k text PRIMARY KEY, v text)");
            String value = "x".repeat(300);
            PreparedStatement plain = session.prepare("INSERT INTO " + keyspace + ".rows (k, v) VALUES (?, ?)");
            PreparedStatement claimed = session
                .prepare("INSERT INTO " + keyspace + ".rows (k, v) VALUES (?, ?) IF NOT EXISTS");
            run(session, plain, value, ROWS / 4);
            double plainRate = run(session, plain, value, ROWS);
            double lwtRate = run(session, claimed, value, ROWS);
            System.out.printf("%,d rows, %d in flight: INSERT %,.0f/s, INSERT ... IF NOT EXISTS %,.0f/s (%.1f x)%n",
                    ROWS, IN_FLIGHT, plainRate, lwtRate, plainRate / lwtRate);
            // Dropping flushes and snapshots the tables: more than the driver's default two seconds
            session.execute(SimpleStatement.newInstance("DROP KEYSPACE " + keyspace).setTimeout(Duration.ofMinutes(1)));
        }
    }

    private static double run(CqlSession session, PreparedStatement insert, String value, int rows)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        long started = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            inFlight.acquire();
            CompletableFuture<?> done = session.executeAsync(insert.bind(UUID.randomUUID().toString(), value))
                .toCompletableFuture();
            done.whenComplete((result, failure) -> inFlight.release());
        }
        inFlight.acquire(IN_FLIGHT);
        return rows / ((System.nanoTime() - started) / 1e9);
    }
}
