package dev.magpie.activity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;
import dev.magpie.shared.Ids;
import dev.magpie.shared.RecentCache;
import org.springframework.stereotype.Component;

/**
 * Each account's catalogue of metrics. A metric is created when the first event of its name arrives: the name is
 * claimed with a lightweight transaction, so instances that see a new name at once agree on one id; after that,
 * names are resolved from memory. {@code last_seen} is written at most once a minute per metric and instance.
 */
@Component
class MetricCatalog {

    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final int MAX_REMEMBERED = 100_000;

    private final CassandraCalls cassandra;

    private final ActivityTables tables;

    /** Names never change their id: remembered for a day, to bound memory rather than for freshness. */
    private final RecentCache<String, String> idsByName = new RecentCache<>(Duration.ofDays(1), MAX_REMEMBERED);

    private final RecentCache<String, Map<String, Metric>> byAccount = new RecentCache<>(Duration.ofMinutes(5),
            10_000);

    private final Map<String, Instant> touched = new ConcurrentHashMap<>();

    MetricCatalog(CassandraCalls cassandra, ActivityTables tables) {
        this.cassandra = cassandra;
        this.tables = tables;
    }

    /** The id of the account's metric called {@code name}, created (with {@code source}) if it is new. */
    String resolve(String accountId, String name, MetricSource source, Instant seenAt) {
        String cacheKey = accountId + '\u0000' + name;
        String id = idsByName.get(cacheKey);
        if (id == null) {
            id = lookUpOrCreate(accountId, name, source, seenAt);
            idsByName.put(cacheKey, id);
        }
        return id;
    }

    /**
     * The write that moves the metric's {@code last_seen} to {@code seenAt}, unless this instance wrote it less
     * than a minute ago.
     */
    Optional<CassandraCalls.Write> touch(String accountId, String metricId, Instant seenAt) {
        String key = accountId + '\u0000' + metricId;
        Instant last = touched.get(key);
        if (last != null && Duration.between(last, seenAt).compareTo(TOUCH_EVERY) < 0) {
            return Optional.empty();
        }
        if (touched.size() > MAX_REMEMBERED) {
            touched.clear();
        }
        touched.put(key, seenAt);
        return Optional.of(new CassandraCalls.Write("metrics|" + accountId,
                tables.touchMetric.bind(seenAt, accountId, metricId)));
    }

    /** Every metric of the account, by name. */
    List<Metric> all(String accountId) {
        return cassandra.rows(tables.selectMetrics.bind(accountId))
            .stream()
            .map(MetricCatalog::metric)
            .sorted(Comparator.comparing((Metric metric) -> metric.name().toLowerCase(Locale.ROOT))
                .thenComparing(Metric::name)
                .thenComparing(Metric::id))
            .toList();
    }

    /** One metric of the account, as it is now. */
    Optional<Metric> find(String accountId, String metricId) {
        return cassandra.rows(tables.selectMetric.bind(accountId, metricId)).stream().findFirst().map(MetricCatalog::metric);
    }

    /** The metric's name, from memory when possible; {@code null} for an id the account does not have. */
    String name(String accountId, String metricId) {
        Map<String, Metric> metrics = byAccount.get(accountId);
        if (metrics == null || !metrics.containsKey(metricId)) {
            Map<String, Metric> loaded = new LinkedHashMap<>();
            all(accountId).forEach(metric -> loaded.put(metric.id(), metric));
            byAccount.put(accountId, loaded);
            metrics = loaded;
        }
        Metric metric = metrics.get(metricId);
        return metric == null ? null : metric.name();
    }

    private String lookUpOrCreate(String accountId, String name, MetricSource source, Instant seenAt) {
        Optional<String> existing = cassandra.rows(tables.selectMetricName.bind(accountId, name))
            .stream()
            .findFirst()
            .map(row -> row.getString("metric_id"));
        if (existing.isPresent()) {
            ensureListed(accountId, existing.get(), name, source, seenAt);
            return existing.get();
        }
        String id = Ids.newId();
        AsyncResultSet claim = CassandraCalls.await(cassandra.execute(tables.claimMetricName.bind(accountId, name, id)));
        if (claim.wasApplied()) {
            insert(accountId, id, name, source, seenAt);
            return id;
        }
        // Another instance claimed the name first; its id is in the answer
        String winner = claim.one().getString("metric_id");
        ensureListed(accountId, winner, name, source, seenAt);
        return winner;
    }

    /** Repairs a catalogue row that an instance which claimed the name did not get to write. */
    private void ensureListed(String accountId, String id, String name, MetricSource source, Instant seenAt) {
        if (cassandra.rows(tables.selectMetric.bind(accountId, id)).isEmpty()) {
            insert(accountId, id, name, source, seenAt);
        }
    }

    private void insert(String accountId, String id, String name, MetricSource source, Instant seenAt) {
        BoundStatement insert = tables.insertMetric.bind(accountId, id, name, source.name(), seenAt, seenAt);
        CassandraCalls.await(cassandra.execute(insert));
        byAccount.removeIf((account, metrics) -> account.equals(accountId));
    }

    private static Metric metric(Row row) {
        String source = row.getString("source");
        return new Metric(row.getString("metric_id"), row.getString("name"),
                source == null ? MetricSource.API : MetricSource.valueOf(source), row.getInstant("first_seen"),
                row.getInstant("last_seen"));
    }
}
