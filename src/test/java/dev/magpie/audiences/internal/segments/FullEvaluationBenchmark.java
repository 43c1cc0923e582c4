package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlSession;
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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

// The benchmark behind docs/performance.md's full-evaluation figures: opt-in, because seeding takes minutes.
//   ./mvnw test -Dtest=FullEvaluationBenchmark -Dmagpie.segments.benchmark.profiles=100000
// Profiles, their order rollups and list memberships are written straight into Cassandra's tables
// (BenchmarkSeeder); the segment is then created through the API and evaluated in full as in production.
@SpringBootTest(properties = "magpie.audiences.segments.background=false")
@AutoConfigureMockMvc
@EnabledIfSystemProperty(named = "magpie.segments.benchmark.profiles", matches = "\\d+")
class FullEvaluationBenchmark {

    private static final Logger log = LoggerFactory.getLogger(FullEvaluationBenchmark.class);

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    CqlSession session;

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

    @Test
    void evaluatesAThreeConditionSegmentOverManyProfiles() throws Exception {
        int count = Integer.getInteger("magpie.segments.benchmark.profiles");
        ApiStores api = new ApiStores(mvc, json);
        Store store = api.open("Benchmark Store", "profiles:write", "lists:write", "segments:write",
                "metrics:read");
        String account = store.accountId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String first = profiles.upsert(account, new ProfileAttributes(new Identifiers("first@example.com", null,
                null, null), null, null, null, null, null, null, Map.of(), null)).profile().id();
        recorder.recordFor(account, first, new NewEvent("Placed Order", MetricSource.API,
                ProfileAttributes.of(Identifiers.NONE), now.minus(Duration.ofDays(400)), BigDecimal.ONE, null,
                Map.of(), "old"));
        String metricId = activity.metrics(account).stream().filter(m -> m.name().equals("Placed Order"))
            .map(Metric::id).findFirst().orElseThrow();
        String listId = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "Newsletter"}}}""").body().at("/data/id").asString();

        long seeding = System.nanoTime();
        long expected = seed(new BenchmarkSeeder(session, account), count, metricId, listId, now);
        log.info("Seeded {} profiles in {} s", count, (System.nanoTime() - seeding) / 1_000_000_000);

        ApiStores.Response created = api.post(store, "/api/segments", """
                {"data": {"type": "segment", "attributes": {"name": "Gold repeat buyers on the newsletter",
                  "definition": {"condition_groups": [
                    {"conditions": [{"type": "profile-property", "property": "properties['tier']",
                      "filter": {"type": "string", "operator": "equals", "value": "gold"}}]},
                    {"conditions": [{"type": "profile-metric", "metric_id": "%s", "measurement": "count",
                      "measurement_filter": {"type": "numeric", "operator": "greater-than-or-equal", "value": 2},
                      "timeframe_filter": {"type": "date", "operator": "in-the-last", "quantity": 30, "unit": "day"}}]},
                    {"conditions": [{"type": "profile-group-membership", "is_member": true,
                      "group_ids": ["%s"]}]}]}}}}""".formatted(metricId, listId));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String segmentId = created.body().at("/data/id").asString();

        long started = System.nanoTime();
        while (api.get(store, "/api/segments/" + segmentId).body().at("/data/attributes/is_processing")
            .asBoolean()) {
            fullEvaluator.runPending();
            Thread.sleep(20);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("Full evaluation of {} profiles: {} ms ({} profiles/s), {} members", count + 1, millis,
                (count + 1) * 1000L / Math.max(1, millis), memberships.count(account, segmentId));
        assertThat(memberships.count(account, segmentId)).isEqualTo(expected);
    }

    /**
     * Writes profile i with tier gold when i is even, two orders in the last 30 days when i is a multiple of 3 (one
     * when a multiple of 5), and on the list unless i is a multiple of 4: members are the i with i mod 12 = 6.
     */
    private static long seed(BenchmarkSeeder seeder, int count, String metricId, String listId, Instant now)
            throws InterruptedException {
        long expected = 0;
        for (int i = 0; i < count; i++) {
            String id = seeder.profile("p" + i + "@example.com", Map.of("tier", i % 2 == 0 ? "gold" : "silver"), now);
            int orders = i % 3 == 0 ? 2 : i % 5 == 0 ? 1 : 0;
            for (int o = 0; o < orders; o++) {
                seeder.event(id, metricId, now.minus(Duration.ofDays(1 + 3L * o)), BigDecimal.ONE);
            }
            if (i % 4 != 0) {
                seeder.listMember(listId, id, now);
            }
            if (i % 12 == 6) {
                expected++;
            }
        }
        seeder.await();
        return expected;
    }
}
