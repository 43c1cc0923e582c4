package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.EventRecorded;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.audiences.SegmentEntered;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

// The benchmark behind docs/performance.md's incremental-latency figures: opt-in.
//   ./mvnw test -Dtest=IncrementalLatencyBenchmark -Dmagpie.segments.benchmark.rate=1000 \
//       -Dmagpie.segments.benchmark.seconds=30
// Events are recorded in-process at the given rate, paced every 10 ms: half are a first order of a profile (never
// buyers[0], whose order made the metric) that is not yet in the segment "placed an order in the last 30 days" (each must make it enter), half are product views of
// random profiles (which the segment does not count). Latency is from the start of recording the order to the
// segment's announcement that the profile entered, which comes after its membership is written.
@SpringBootTest(properties = "magpie.audiences.segments.background=false")
@AutoConfigureMockMvc
@Import(IncrementalLatencyBenchmark.Config.class)
@EnabledIfSystemProperty(named = "magpie.segments.benchmark.rate", matches = "\\d+")
class IncrementalLatencyBenchmark {

    private static final Logger log = LoggerFactory.getLogger(IncrementalLatencyBenchmark.class);

    private static final int TICKS_PER_SECOND = 100;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    CqlSession session;

    @Autowired
    EventRecorder recorder;

    @Autowired
    ActivityQueries activity;

    @Autowired
    FullEvaluator fullEvaluator;

    @Autowired
    Entries entries;

    @Autowired
    SegmentTriggers triggers;

    private String account;

    @Test
    void measuresHowSoonAnEventChangesMembership() throws Exception {
        int rate = Integer.getInteger("magpie.segments.benchmark.rate");
        int seconds = Integer.getInteger("magpie.segments.benchmark.seconds", 30);
        int orders = rate * seconds / 2;
        ApiStores api = new ApiStores(mvc, json);
        Store store = api.open("Latency Store", "profiles:write", "segments:write", "metrics:read");
        account = store.accountId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        BenchmarkSeeder seeder = new BenchmarkSeeder(session, account);
        String[] buyers = new String[orders];
        for (int i = 0; i < orders; i++) {
            buyers[i] = seeder.profile("buyer" + i + "@example.com", Map.of(), now);
        }
        seeder.await();
        // The metrics exist before the segment names them
        record(buyers[0], "Viewed Product", "seed-view");
        record(buyers[0], "Placed Order", "seed-order");
        String orderMetric = activity.metrics(account).stream().filter(m -> m.name().equals("Placed Order"))
            .map(Metric::id).findFirst().orElseThrow();
        ApiStores.Response created = api.post(store, "/api/segments", """
                {"data": {"type": "segment", "attributes": {"name": "Recent buyers", "definition":
                  {"condition_groups": [{"conditions": [{"type": "profile-metric", "metric_id": "%s",
                    "measurement": "count",
                    "measurement_filter": {"type": "numeric", "operator": "greater-than-or-equal", "value": 1},
                    "timeframe_filter": {"type": "date", "operator": "in-the-last", "quantity": 30, "unit": "day"}}]}]}}}}"""
            .formatted(orderMetric));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String segmentId = created.body().at("/data/id").asString();
        while (api.get(store, "/api/segments/" + segmentId).body().at("/data/attributes/is_processing")
            .asBoolean()) {
            fullEvaluator.runPending();
            Thread.sleep(20);
        }

        Map<String, Long> started = new ConcurrentHashMap<>();
        AtomicLong recorded = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(32);
        var ticker = Executors.newSingleThreadScheduledExecutor();
        int perTick = Math.max(1, rate / TICKS_PER_SECOND);
        AtomicLong next = new AtomicLong(1);
        long begin = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            for (int e = 0; e < perTick; e++) {
                long n = next.getAndIncrement();
                if (n >= orders * 2L) {
                    return;
                }
                senders.execute(() -> {
                    if (n % 2 == 0) {
                        String buyer = buyers[(int) (n / 2)];
                        started.put(buyer, System.nanoTime());
                        record(buyer, "Placed Order", "o" + n);
                    }
                    else {
                        record(buyers[ThreadLocalRandom.current().nextInt(orders)], "Viewed Product", "v" + n);
                    }
                    recorded.incrementAndGet();
                });
            }
        }, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
        while (next.get() < orders * 2L) {
            Thread.sleep(50);
        }
        ticker.shutdown();
        senders.shutdown();
        senders.awaitTermination(10, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - begin) / 1e9;
        long until = System.currentTimeMillis() + 60_000;
        while (entries.count(started.keySet()) < started.size() && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }

        List<Long> latencies = new ArrayList<>();
        List<Long> announcing = new ArrayList<>();
        started.forEach((profile, at) -> {
            Long entered = entries.at(profile);
            Long announced = entries.announced(profile);
            if (entered != null) {
                latencies.add((entered - at) / 1_000_000);
            }
            if (announced != null) {
                announcing.add((announced - at) / 1_000_000);
            }
        });
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] recording = announcing.stream().mapToLong(Long::longValue).sorted().toArray();
        log.info("Recorded {} events in {} s ({} events/s, target {}); {} orders, {} entered; latency ms p50 {} "
                + "p95 {} p99 {} max {}; of which recording the order until it was announced: p50 {} p95 {}",
                recorded.get(), Math.round(elapsed), Math.round(recorded.get() / elapsed), rate, started.size(),
                sorted.length, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1], percentile(recording, 50),
                percentile(recording, 95));
        assertThat(sorted.length).isEqualTo(started.size());
        assertThat(triggers.awaitIdle(60_000)).isTrue();
    }

    private void record(String profileId, String metric, String uniqueId) {
        recorder.recordFor(account, profileId, new NewEvent(metric, MetricSource.API,
                ProfileAttributes.of(Identifiers.NONE), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                BigDecimal.ONE, null, Map.of(), uniqueId));
    }

    private static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        Entries entries() {
            return new Entries();
        }
    }

    /** When each profile entered a segment, as announced. */
    static class Entries {

        private final Map<String, Long> entered = new ConcurrentHashMap<>();

        private final Map<String, Long> announced = new ConcurrentHashMap<>();

        @EventListener
        void on(EventRecorded event) {
            if (event.metricName().equals("Placed Order")) {
                announced.putIfAbsent(event.profileId(), System.nanoTime());
            }
        }

        Long announced(String profileId) {
            return announced.get(profileId);
        }

        @EventListener
        void on(SegmentEntered event) {
            entered.putIfAbsent(event.profileId(), System.nanoTime());
        }

        Long at(String profileId) {
            return entered.get(profileId);
        }

        long count(Set<String> profileIds) {
            return profileIds.stream().filter(entered::containsKey).count();
        }
    }
}
