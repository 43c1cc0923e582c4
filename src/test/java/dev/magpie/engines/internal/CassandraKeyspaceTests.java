package dev.magpie.engines.internal;

import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.Test;

import dev.magpie.engines.CassandraProperties;
import dev.magpie.engines.CassandraProperties.Replication;
import dev.magpie.engines.CassandraProperties.Strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CassandraKeyspaceTests {

    @Test
    void describesSimpleReplication() {
        assertThat(CassandraKeyspace.replication(new Replication(Strategy.SIMPLE_STRATEGY, 1, null)))
            .isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': '1'}");
    }

    @Test
    void describesReplicationPerDatacenter() {
        assertThat(CassandraKeyspace
            .replication(new Replication(Strategy.NETWORK_TOPOLOGY_STRATEGY, 3, Map.of("eu-west", 3, "us-east", 2))))
            .isEqualTo("{'class': 'NetworkTopologyStrategy', 'eu-west': '3', 'us-east': '2'}");
        assertThat(CassandraKeyspace.replication(new Replication(Strategy.NETWORK_TOPOLOGY_STRATEGY, 3, Map.of())))
            .isEqualTo("{'class': 'NetworkTopologyStrategy', 'replication_factor': '3'}");
    }

    @Test
    void refusesNamesCassandraWouldChangeOrReject() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties("Magpie"))
            .withMessageContaining("magpie.cassandra.keyspace");
        assertThatIllegalArgumentException().isThrownBy(() -> properties("magpie-prod"));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new Replication(Strategy.SIMPLE_STRATEGY, 1, Map.of("dc1", 1)))
            .withMessageContaining("NetworkTopologyStrategy");
    }

    @Test
    void createsAMissingKeyspaceAndLeavesAnExistingOneAlone() {
        String name = TestCassandra.keyspace("keyspace");
        try (CqlSession session = TestCassandra.session(null)) {
            session.execute("DROP KEYSPACE IF EXISTS " + name);
            CassandraKeyspace keyspace = new CassandraKeyspace(properties(name));

            keyspace.createIfMissing(session);
            assertThat(replicationOf(session, name)).containsEntry("class", "org.apache.cassandra.locator.SimpleStrategy")
                .containsEntry("replication_factor", "1");

            session.execute(SimpleStatement.newInstance("ALTER KEYSPACE " + name
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}"));
            keyspace.createIfMissing(session);
            assertThat(replicationOf(session, name)).containsEntry("replication_factor", "2");
            session.execute("DROP KEYSPACE " + name);
        }
    }

    private static CassandraProperties properties(String keyspace) {
        return new CassandraProperties(keyspace, new Replication(Strategy.SIMPLE_STRATEGY, 1, null), null);
    }

    private static Map<String, String> replicationOf(CqlSession session, String keyspace) {
        return session.execute(SimpleStatement.newInstance(
                "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace))
            .one()
            .getMap("replication", String.class, String.class);
    }
}
