package dev.magpie.engines;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Magpie's keyspace in Cassandra, the data plane: its name, how it is replicated when Magpie creates it,
 * and how quickly the driver notices schema changes.
 *
 * <p>Where the cluster is and how to talk to it are Spring Boot's {@code spring.cassandra.*} properties:
 * contact points, local datacenter, credentials, and the request consistency ({@code LOCAL_QUORUM} in
 * {@code application.properties}; with one replica, as on a development node, that is one node).
 *
 * @param keyspace The keyspace Magpie creates if it is missing and migrates at start-up: lower-case letters,
 * digits and underscores, starting with a letter
 * @param replication How the keyspace is replicated when Magpie creates it; an existing keyspace keeps its own
 * replication (change it with {@code ALTER KEYSPACE} and a repair)
 * @param schemaRefreshWindow How long the driver gathers schema changes before it refreshes its metadata; every
 * schema change (a migration, a test's {@code CREATE TABLE}) waits about this long. Empty for the driver's
 * default of one second; tests use a few milliseconds
 */
@ConfigurationProperties("magpie.cassandra")
public record CassandraProperties(@DefaultValue("magpie") String keyspace, @DefaultValue Replication replication,
        @Nullable Duration schemaRefreshWindow) {

    private static final Pattern KEYSPACE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    public CassandraProperties {
        if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("magpie.cassandra.keyspace must be 1 to 48 lower-case letters, digits"
                    + " or underscores, starting with a letter, not '" + keyspace + "'");
        }
    }

    /**
     * How a new keyspace is replicated.
     *
     * @param strategy Either {@code SimpleStrategy}, for a single datacenter (and development), or
     * {@code NetworkTopologyStrategy} for production
     * @param factor How many copies of each row: 1 on a development node, 3 in production
     * @param datacenters With {@code NetworkTopologyStrategy}, the copies per datacenter by name, such as
     * {@code magpie.cassandra.replication.datacenters.eu-west=3}; when empty, every datacenter keeps
     * {@code factor} copies
     */
    public record Replication(@DefaultValue("SimpleStrategy") Strategy strategy, @DefaultValue("1") int factor,
            Map<String, Integer> datacenters) {

        public Replication {
            datacenters = (datacenters != null) ? Map.copyOf(datacenters) : Map.of();
            if (factor < 1) {
                throw new IllegalArgumentException("magpie.cassandra.replication.factor must be at least 1");
            }
            if (strategy == Strategy.SIMPLE_STRATEGY && !datacenters.isEmpty()) {
                throw new IllegalArgumentException(
                        "magpie.cassandra.replication.datacenters needs the NetworkTopologyStrategy strategy");
            }
        }
    }

    /** Cassandra's replication strategies; properties name them by their CQL class names. */
    public enum Strategy {

        /** Copies placed around one ring, ignoring datacenters and racks. */
        SIMPLE_STRATEGY("SimpleStrategy"),

        /** Copies placed per datacenter, on distinct racks. */
        NETWORK_TOPOLOGY_STRATEGY("NetworkTopologyStrategy");

        private final String cqlClass;

        Strategy(String cqlClass) {
            this.cqlClass = cqlClass;
        }

        /** The class name CQL's {@code replication} map expects. */
        public String cqlClass() {
            return this.cqlClass;
        }
    }
}
