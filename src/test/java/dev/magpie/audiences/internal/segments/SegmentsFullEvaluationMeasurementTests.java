package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.audiences.SegmentMemberships;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full evaluation of a three-condition segment (a property, a metric count in the last 30 days, consent) over a
 * few thousand profiles: it finds exactly the profiles that qualify, and its speed is logged for
 * docs/performance.md. A measurement, not a timed test.
 */
@SpringBootTest(properties = "magpie.audiences.segments.background=false")
@AutoConfigureMockMvc
@Import({ SegmentsEndToEndTests.Config.class, SegmentsFullEvaluationMeasurementTests.OwnClock.class })
class SegmentsFullEvaluationMeasurementTests {

    private static final Logger log = LoggerFactory.getLogger(SegmentsFullEvaluationMeasurementTests.class);

    private static final int PROFILES = 3000;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    EventRecorder recorder;

    @Autowired
    ActivityQueries activity;

    @Autowired
    FullEvaluator fullEvaluator;

    @Autowired
    SegmentMemberships memberships;

    @Autowired
    SegmentsEndToEndTests.TestClock clock;

    @Test
    void evaluatesEveryProfileOfAnAccount() throws Exception {
        ApiStores api = new ApiStores(mvc, json);
        Store store = api.open("Measured Store");
        String account = store.accountId();
        Instant now = clock.instant();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> work = new ArrayList<>();
        long loading = System.nanoTime();
        for (int i = 0; i < PROFILES; i++) {
            int n = i;
            work.add(pool.submit(() -> {
                String id = profiles.upsert(account, new ProfileAttributes(new Identifiers("m" + n + "@example.com",
                        null, null, null), null, null, null, null, null, null,
                        Map.of("tier", n % 2 == 0 ? "gold" : "silver"), null)).profile().id();
                // Every third profile ordered twice in the last 30 days, every fifth once
                int orders = n % 3 == 0 ? 2 : n % 5 == 0 ? 1 : 0;
                for (int o = 0; o < orders; o++) {
                    recorder.recordFor(account, id, new NewEvent("Placed Order", MetricSource.API,
                            ProfileAttributes.of(Identifiers.NONE),
                            now.minus(Duration.ofDays(1 + o)).truncatedTo(ChronoUnit.SECONDS), BigDecimal.ONE, null,
                            Map.of(), "o" + o));
                }
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();
        log.info("Loaded {} profiles in {} ms", PROFILES, (System.nanoTime() - loading) / 1_000_000);
        String metricId = activity.metrics(account).stream().filter(m -> m.name().equals("Placed Order"))
            .map(Metric::id).findFirst().orElseThrow();
        String segmentId = api.post(store, "/api/segments", """
                {"data": {"type": "segment", "attributes": {"name": "Gold repeat buyers", "definition":
                  {"condition_groups": [
                    {"conditions": [{"type": "profile-property", "property": "properties['tier']",
                      "filter": {"type": "string", "operator": "equals", "value": "gold"}}]},
                    {"conditions": [{"type": "profile-metric", "metric_id": "%s", "measurement": "count",
                      "measurement_filter": {"type": "numeric", "operator": "greater-than-or-equal", "value": 2},
                      "timeframe_filter": {"type": "date", "operator": "in-the-last", "quantity": 30, "unit": "day"}}]},
                    {"conditions": [{"type": "profile-marketing-consent", "consent": {"channel": "email",
                      "can_receive_marketing": false, "consent_status": {"subscription": "any"}}}]}]}}}}"""
            .formatted(metricId)).body().at("/data/id").asString();

        long started = System.nanoTime();
        // This thread or the background poller evaluates it; either way, wait until it is done
        while (api.get(store, "/api/segments/" + segmentId).body().at("/data/attributes/is_processing").asBoolean()) {
            fullEvaluator.runPending();
            Thread.sleep(20);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("Full evaluation of {} profiles: {} ms ({} profiles/s)", PROFILES, millis,
                PROFILES * 1000L / Math.max(1, millis));

        // Gold (even) and two orders (multiple of 3): multiples of 6
        long expected = (PROFILES + 5) / 6;
        assertThat(memberships.count(account, segmentId)).isEqualTo(expected);
    }

    /** A context (and clock) of its own: this test moves the clock far, which must not leak into other tests. */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class OwnClock {
    }
}
