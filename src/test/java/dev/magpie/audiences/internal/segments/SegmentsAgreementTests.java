package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.audiences.SegmentMemberships;
import dev.magpie.audiences.internal.segments.SegmentEvaluatorPropertyTests.FakeProfile;
import dev.magpie.audiences.internal.segments.SegmentEvaluatorPropertyTests.Reference;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three evaluation paths against the reference evaluator, on the real engines: random segments are evaluated
 * in full, then a random stream of events (out of order, in the past, in the future), profile changes and clock
 * moves is applied; after every step, every segment's stored membership must be what the reference says.
 */
@SpringBootTest(properties = { "magpie.audiences.segments.background=false",
        "magpie.sending.launcher.background=false" })
@AutoConfigureMockMvc
@Import({ SegmentsEndToEndTests.Config.class, SegmentsAgreementTests.OwnClock.class })
class SegmentsAgreementTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    SegmentTriggers triggers;

    @Autowired
    DueChecks dueChecks;

    @Autowired
    FullEvaluator fullEvaluator;

    @Autowired
    SegmentMemberships memberships;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    SegmentsEndToEndTests.TestClock clock;

    /** How often an answer changed during the stream: the test is only worth something if they do. */
    private final Map<String, Boolean> last = new HashMap<>();

    private int flips;

    @Test
    void fullIncrementalAndScheduledEvaluationAgreeWithTheReference() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            agree(new Random(seed));
        }
        assertThat(flips).as("memberships that changed during the streams").isGreaterThan(10);
    }

    private void agree(Random random) throws Exception {
        ApiStores api = new ApiStores(mvc, json);
        Store store = api.open("Agreement Store");
        String account = store.accountId();
        ZoneId zone = SegmentCatalog.zoneOf(accounts.find(account).orElseThrow().timezone()).orElse(ZoneId.of("UTC"));
        Map<String, List<Event>> events = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            String id = profiles.upsert(account, ProfileAttributes.of(new Identifiers("p" + i + "@example.com", null,
                    null, null))).profile().id();
            events.put(id, new ArrayList<>());
        }
        List<String> ids = List.copyOf(events.keySet());
        // Both metrics exist before segments name them
        record(account, ids.get(0), "M1", clock.instant().minus(Duration.ofDays(90)), events);
        record(account, ids.get(1), "M2", clock.instant().minus(Duration.ofDays(90)), events);
        Map<String, String> metricIds = new HashMap<>();
        for (Metric metric : activity.metrics(account)) {
            metricIds.put(metric.name(), metric.id());
        }

        Map<String, JsonNode> definitions = new LinkedHashMap<>();
        for (int s = 0; s < 5; s++) {
            String definition = randomDefinition(random).replace("\"M1\"", "\"" + metricIds.get("M1") + "\"")
                .replace("\"M2\"", "\"" + metricIds.get("M2") + "\"");
            Response created = post(api, store, "{\"data\": {\"type\": \"segment\", \"attributes\": {\"name\": \"S" + s
                    + "\", \"definition\": " + definition + "}}}");
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            definitions.put(created.body().at("/data/id").asString(), JSON.readTree(definition.replace(
                    metricIds.get("M1"), "M1").replace(metricIds.get("M2"), "M2")));
        }
        // The background poller may hold a segment's evaluation: wait until none is processing
        long until = System.currentTimeMillis() + 60_000;
        for (String segmentId : definitions.keySet()) {
            while (api.get(store, "/api/segments/" + segmentId).body().at("/data/attributes/is_processing")
                .asBoolean()) {
                assertThat(System.currentTimeMillis()).as("full evaluation of " + segmentId).isLessThan(until);
                fullEvaluator.runPending();
                Thread.sleep(50);
            }
        }
        check(account, ids, events, definitions, zone, "after full evaluation");

        for (int step = 0; step < 40; step++) {
            String profile = ids.get(random.nextInt(ids.size()));
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    long offset = switch (random.nextInt(3)) {
                        case 0 -> -random.nextInt(60 * 86_400);
                        case 1 -> random.nextInt(5 * 86_400);
                        default -> -random.nextInt(3 * 86_400);
                    };
                    record(account, profile, random.nextBoolean() ? "M1" : "M2", clock.instant().plusSeconds(offset),
                            events);
                }
                case 2 -> {
                    Map<String, Object> properties = new HashMap<>();
                    properties.put("tier", random.nextBoolean() ? "Gold" : "silver");
                    properties.put("birthday", LocalDateFor.around(clock.instant(), zone, random));
                    profiles.upsert(account, new ProfileAttributes(new Identifiers(profiles.find(account, profile)
                        .orElseThrow().email(), null, null, null), null, null, null, null, null,
                            new Location(null, null, null, random.nextBoolean() ? "DE" : "fr", null, null, null, null,
                                    null),
                            properties, null));
                }
                default -> {
                    clock.advance(Duration.ofSeconds(random.nextInt(random.nextBoolean() ? 6 * 3600 : 6 * 86_400)));
                    dueChecks.sweepAll();
                }
            }
            assertThat(triggers.awaitIdle(20_000)).isTrue();
            check(account, ids, events, definitions, zone, "after step " + step);
        }
    }

    private void check(String account, List<String> ids, Map<String, List<Event>> events,
            Map<String, JsonNode> definitions, ZoneId zone, String when) {
        Instant now = clock.instant();
        for (String id : ids) {
            Profile profile = profiles.find(account, id).orElseThrow();
            FakeProfile facts = new FakeProfile(profile, events.get(id), Map.of());
            for (Map.Entry<String, JsonNode> segment : definitions.entrySet()) {
                boolean expected = Reference.member(segment.getValue(), facts, now, zone);
                Boolean before = last.put(segment.getKey() + id, expected);
                if (before != null && before != expected) {
                    flips++;
                }
                assertThat(memberships.memberSince(account, segment.getKey(), id).isPresent())
                    .as("%s: profile %s in %s at %s with %s", when, profile.properties(), segment.getValue(), now,
                            events.get(id))
                    .isEqualTo(expected);
            }
        }
    }

    private void record(String account, String profileId, String metric, Instant time,
            Map<String, List<Event>> events) {
        Event event = recorder.recordFor(account, profileId, new NewEvent(metric, MetricSource.API,
                ProfileAttributes.of(Identifiers.NONE), time.truncatedTo(ChronoUnit.SECONDS),
                BigDecimal.valueOf(events.get(profileId).size() % 3), null, Map.of(), "e" + time.toEpochMilli()));
        events.get(profileId).add(new Event(event.id(), metric, metric, profileId, event.time(), event.value(), null,
                Map.of(), null, event.time()));
    }

    private Response post(ApiStores api, Store store, String body) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            Response response = api.post(store, "/api/segments", body);
            if (response.status() != 429) {
                return response;
            }
            clock.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("Still rate limited");
    }

    /** A random definition without list conditions (this worktree has no lists). */
    private static String randomDefinition(Random random) {
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 1 + random.nextInt(2); g++) {
            List<String> conditions = new ArrayList<>();
            while (conditions.size() < 1 + random.nextInt(2)) {
                String condition = SegmentEvaluatorPropertyTests.randomCondition(random);
                if (!condition.contains("profile-group-membership")) {
                    conditions.add(condition);
                }
            }
            groups.add("{\"conditions\":[" + String.join(",", conditions) + "]}");
        }
        return "{\"condition_groups\":[" + String.join(",", groups) + "]}";
    }

    /** Birthdays near today, so that anniversaries come and go during the test. */
    private static final class LocalDateFor {

        static String around(Instant now, ZoneId zone, Random random) {
            return java.time.LocalDate.ofInstant(now, zone).plusDays(random.nextInt(20) - 10).minusYears(30)
                .toString();
        }
    }

    /** A context (and clock) of its own: this test moves the clock far, which must not leak into other tests. */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class OwnClock {
    }
}
