package dev.magpie.engines.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.magpie.engines.CassandraProperties;
import dev.magpie.engines.CassandraProperties.Replication;
import dev.magpie.engines.CassandraProperties.Strategy;

/** Creates Magpie's keyspace when it is missing, replicated as configured. */
final class CassandraKeyspace {

    private static final Log log = LogFactory.getLog(CassandraKeyspace.class);

    private final CassandraProperties properties;

    CassandraKeyspace(CassandraProperties properties) {
        this.properties = properties;
    }

    CqlIdentifier name() {
        return CqlIdentifier.fromInternal(this.properties.keyspace());
    }

    /** Creates the keyspace unless it exists; an existing keyspace keeps its replication. */
    void createIfMissing(CqlSession session) {
        boolean exists = session.getMetadata().getKeyspace(name()).isPresent();
        if (!exists) {
            // IF NOT EXISTS: another instance of Magpie may be creating it at this moment
            session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS %s WITH replication = %s"
                .formatted(name().asCql(true), replication(this.properties.replication())))
                .setTimeout(CqlMigrator.DDL_TIMEOUT));
            log.info("Created Cassandra keyspace %s".formatted(this.properties.keyspace()));
        }
    }

    static String replication(Replication replication) {
        Map<String, String> options = new TreeMap<>();
        if (replication.strategy() == Strategy.NETWORK_TOPOLOGY_STRATEGY && !replication.datacenters().isEmpty()) {
            replication.datacenters().forEach((datacenter, factor) -> options.put(datacenter, factor.toString()));
        }
        else {
            options.put("replication_factor", Integer.toString(replication.factor()));
        }
        return options.entrySet()
            .stream()
            .map((option) -> ", " + literal(option.getKey()) + ": " + literal(option.getValue()))
            .collect(Collectors.joining("", "{" + literal("class") + ": " + literal(replication.strategy().cqlClass()),
                    "}"));
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
