package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.audiences.SegmentEntered;
import dev.magpie.audiences.SegmentExited;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.profiles.internal.ProfileMerger;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segments against the real engines, through the Klaviyo API and the modules' public interfaces: a full
 * evaluation finds the members, an event makes a profile enter (announced, and on its timeline), time passing
 * makes one leave at the moment its scheduled check comes due, a merge takes a merged-away member out; bad
 * definitions are refused naming the field; and another store sees none of it.
 */
@SpringBootTest(properties = { "magpie.audiences.segments.background=false",
        "magpie.sending.launcher.background=false" })
@AutoConfigureMockMvc
@Import(SegmentsEndToEndTests.Config.class)
class SegmentsEndToEndTests {

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
    ProfileMerger merger;

    @Autowired
    TestClock clock;

    @Autowired
    Announcements announcements;

    ApiStores api;

    Store a;

    Store b;

    @BeforeEach
    void stores() throws Exception {
        api = new ApiStores(mvc, json);
        a = api.open("Alder Goods");
        b = api.open("Beech Supplies");
    }

    @Test
    void membershipFollowsFullEvaluationEventsTimeAndMerges() throws Exception {
        Instant now = clock.instant();
        String ann = profile(a, "ann@example.com");
        String bob = profile(a, "bob@example.com");
        String cid = profile(a, "cid@example.com");
        order(a, ann, now.minus(Duration.ofDays(1)));
        order(a, ann, now.minus(Duration.ofDays(5)));
        order(a, bob, now.minus(Duration.ofDays(3)));
        order(a, cid, now.minus(Duration.ofDays(40)));
        order(a, cid, now.minus(Duration.ofDays(41)));
        String placedOrder = metricId(a, "Placed Order");

        Response created = postSegment(a, segmentBody("Repeat buyers", placedOrder));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String segmentId = created.body().at("/data/id").asString();
        assertThat(created.body().at("/data/attributes/is_processing").asBoolean()).isTrue();
        assertThat(created.body().at("/data/attributes/definition/condition_groups/0/conditions/0/metric_id")
            .asString()).isEqualTo(placedOrder);

        JsonNode ready = awaitEvaluated(a, segmentId);
        assertThat(ready.at("/data/attributes/profile_count").asLong()).isEqualTo(1);
        assertThat(memberIds(a, segmentId)).containsExactly(ann);
        assertThat(api.get(a, "/api/profiles/" + ann + "/segments").body().at("/data/0/id").asString())
            .isEqualTo(segmentId);
        assertThat(api.get(a, "/api/profiles/" + bob + "/segments").body().at("/data")).isEmpty();

        // An event: Bob's second order makes him enter, announced and on his timeline
        order(a, bob, now);
        assertThat(triggers.awaitIdle(10_000)).isTrue();
        assertThat(memberIds(a, segmentId)).containsExactlyInAnyOrder(ann, bob);
        assertThat(announcements.entered).anySatisfy(entered -> {
            assertThat(entered.profileId()).isEqualTo(bob);
            assertThat(entered.segmentId()).isEqualTo(segmentId);
        });
        assertThat(activity.timeline(a.accountId(), bob, Optional.empty(), 20).events())
            .extracting(Event::metricName).contains(SegmentEngine.ENTERED_METRIC);
        assertThat(count(a, segmentId)).isEqualTo(2);

        // Time: 26 days on, Ann's order of 5 days ago is 31 days old; Bob's two are 26 and 29 days old
        clock.advance(Duration.ofDays(26));
        sweepUntil(() -> memberIds(a, segmentId).equals(List.of(bob)));
        assertThat(memberIds(a, segmentId)).containsExactly(bob);
        assertThat(announcements.exited).anySatisfy(exited -> assertThat(exited.profileId()).isEqualTo(ann));
        assertThat(count(a, segmentId)).isEqualTo(1);

        // A merge: Bob merged into Cid leaves; Cid (now with Bob's orders) is evaluated again and enters
        merger.mergeProfiles(a.accountId(), cid, List.of(bob));
        assertThat(triggers.awaitIdle(10_000)).isTrue();
        // The activity module moves Bob's orders to Cid in the background; the survivor's check comes after
        long until = System.currentTimeMillis() + 10_000;
        while (activity.timeline(a.accountId(), cid, Optional.empty(), 20).events().stream()
            .filter(event -> event.metricName().equals("Placed Order")).count() < 4) {
            assertThat(System.currentTimeMillis()).as("Bob's orders moved to Cid").isLessThan(until);
            Thread.sleep(50);
        }
        clock.advance(Duration.ofSeconds(10));
        sweepUntil(() -> memberIds(a, segmentId).equals(List.of(cid)));
        assertThat(memberIds(a, segmentId)).containsExactly(cid);
        assertThat(count(a, segmentId)).isEqualTo(1);

        // Another store sees nothing of it, and changes nothing
        assertThat(api.get(b, "/api/segments/" + segmentId).status()).isEqualTo(404);
        assertThat(api.get(b, "/api/segments/" + segmentId + "/profiles").status()).isEqualTo(404);
        assertThat(api.patch(b, "/api/segments/" + segmentId, """
                {"data": {"type": "segment", "id": "%s", "attributes": {"name": "Hijacked"}}}"""
            .formatted(segmentId)).status()).isEqualTo(404);
        assertThat(api.delete(b, "/api/segments/" + segmentId).status()).isEqualTo(404);
        assertThat(api.get(b, "/api/profiles/" + cid + "/segments").status()).isEqualTo(404);
        assertThat(api.get(b, "/api/segments").body().at("/data")).isEmpty();
        JsonNode unchanged = api.get(a, "/api/segments/" + segmentId).body();
        assertThat(unchanged.at("/data/attributes/name").asString()).isEqualTo("Repeat buyers");
        assertThat(memberIds(a, segmentId)).containsExactly(cid);
    }

    @Test
    void definitionsAreCheckedAndEditsEvaluateAgain() throws Exception {
        String ann = profile(a, "ann@example.com");
        order(a, ann, clock.instant().minus(Duration.ofDays(2)));
        String placedOrder = metricId(a, "Placed Order");

        Response unknownMetric = postSegment(a, segmentBody("Nope", "01JUNKNOWNMETRIC0000000000"));
        assertThat(unknownMetric.status()).isEqualTo(400);
        assertThat(unknownMetric.error().at("/source/pointer").asString())
            .isEqualTo("/data/attributes/definition/condition_groups/0/conditions/0/metric_id");
        Response badUnit = postSegment(a,
                segmentBody("Nope", placedOrder).replace("\"unit\": \"day\"", "\"unit\": \"fortnight\""));
        assertThat(badUnit.error().at("/source/pointer").asString())
            .isEqualTo("/data/attributes/definition/condition_groups/0/conditions/0/timeframe_filter/unit");
        // B's metric id is not A's
        String bProfile = profile(b, "zed@example.com");
        order(b, bProfile, clock.instant());
        Response foreignMetric = postSegment(a, segmentBody("Nope", metricId(b, "Placed Order")));
        assertThat(foreignMetric.status()).isEqualTo(400);

        String segmentId = postSegment(a, segmentBody("Buyers", placedOrder)).body()
            .at("/data/id").asString();
        assertThat(awaitEvaluated(a, segmentId).at("/data/attributes/profile_count").asLong()).isZero();

        // A segment defined on itself is refused; then an edit to "at least once" is evaluated again in full
        Response cycle = api.patch(a, "/api/segments/" + segmentId, """
                {"data": {"type": "segment", "id": "%1$s", "attributes": {"definition": {"condition_groups": [
                  {"conditions": [{"type": "profile-group-membership", "is_member": true, "group_ids": ["%1$s"]}]}]}}}}
                """.formatted(segmentId));
        assertThat(cycle.error().at("/source/pointer").asString())
            .isEqualTo("/data/attributes/definition/condition_groups/0/conditions/0/group_ids/0");
        Response edited = api.patch(a, "/api/segments/" + segmentId, """
                {"data": {"type": "segment", "id": "%s", "attributes": {"name": "Any buyer", "definition": %s}}}"""
            .formatted(segmentId, definition(placedOrder, 1)));
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(awaitEvaluated(a, segmentId).at("/data/attributes/profile_count").asLong()).isEqualTo(1);
        assertThat(memberIds(a, segmentId)).containsExactly(ann);

        assertThat(api.delete(a, "/api/segments/" + segmentId).status()).isEqualTo(204);
        assertThat(api.get(a, "/api/segments/" + segmentId).status()).isEqualTo(404);
        assertThat(api.get(a, "/api/profiles/" + ann + "/segments").body().at("/data")).isEmpty();
    }

    @Test
    void aReadOnlyKeyCannotWrite() throws Exception {
        Store reader = api.open("Cedar Crafts", "profiles:write", "segments:read", "metrics:read");
        assertThat(postSegment(reader, segmentBody("X", "M")).status()).isEqualTo(403);
        assertThat(api.get(reader, "/api/segments").status()).isEqualTo(200);
    }

    // ---- helpers ----

    /**
     * Sweeps due checks until {@code done}: the application's own sweeper runs alongside and may hold the account's
     * sweep when the test asks, so the test looks again for a few seconds rather than racing it.
     */
    private void sweepUntil(Condition done) throws Exception {
        long until = System.currentTimeMillis() + 10_000;
        dueChecks.sweepAll();
        while (!done.holds() && System.currentTimeMillis() < until) {
            Thread.sleep(100);
            dueChecks.sweepAll();
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Create Segment allows one call a second per key, as Klaviyo's does; rate limits count on the test's clock. */
    private Response postSegment(Store store, String body) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            Response response = api.post(store, "/api/segments", body);
            if (response.status() != 429) {
                return response;
            }
            clock.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("Still rate limited");
    }

    private String profile(Store store, String email) {
        return profiles.upsert(store.accountId(), ProfileAttributes.of(new Identifiers(email, null, null, null)))
            .profile().id();
    }

    private void order(Store store, String profileId, Instant time) {
        recorder.recordFor(store.accountId(), profileId, new NewEvent("Placed Order", MetricSource.API,
                ProfileAttributes.of(Identifiers.NONE), time.truncatedTo(ChronoUnit.SECONDS), BigDecimal.TEN, "USD",
                Map.of(), "order-" + time.toEpochMilli()));
    }

    private String metricId(Store store, String name) {
        return activity.metrics(store.accountId()).stream().filter(metric -> metric.name().equals(name))
            .map(Metric::id).findFirst().orElseThrow();
    }

    private static String segmentBody(String name, String metricId) {
        return """
                {"data": {"type": "segment", "attributes": {"name": "%s", "definition": %s}}}"""
            .formatted(name, definition(metricId, 2));
    }

    private static String definition(String metricId, int atLeast) {
        return """
                {"condition_groups": [
                  {"conditions": [{"type": "profile-metric", "metric_id": "%s", "measurement": "count",
                    "measurement_filter": {"type": "numeric", "operator": "greater-than-or-equal", "value": %d},
                    "timeframe_filter": {"type": "date", "operator": "in-the-last", "quantity": 30, "unit": "day"}}]},
                  {"conditions": [{"type": "profile-property", "property": "email",
                    "filter": {"type": "existence", "operator": "is-set"}}]}]}""".formatted(metricId, atLeast);
    }

    private JsonNode awaitEvaluated(Store store, String segmentId) throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        while (true) {
            fullEvaluator.runPending();
            JsonNode segment = api.get(store, "/api/segments/" + segmentId
                    + "?additional-fields[segment]=profile_count").body();
            if (!segment.at("/data/attributes/is_processing").asBoolean()) {
                return segment;
            }
            assertThat(System.currentTimeMillis()).as("full evaluation of " + segmentId).isLessThan(until);
            Thread.sleep(100);
        }
    }

    private long count(Store store, String segmentId) throws Exception {
        return api.get(store, "/api/segments/" + segmentId + "?additional-fields[segment]=profile_count").body()
            .at("/data/attributes/profile_count").asLong();
    }

    private List<String> memberIds(Store store, String segmentId) throws Exception {
        List<String> ids = new ArrayList<>();
        String path = "/api/segments/" + segmentId + "/profiles?page[size]=1";
        while (path != null) {
            Response page = api.get(store, path);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.body().at("/data").forEach(profile -> ids.add(profile.at("/id").asString()));
            JsonNode next = page.body().at("/links/next");
            path = next.isMissingNode() || next.isNull() ? null
                    : next.asString().substring(next.asString().indexOf("/api/"));
        }
        return ids;
    }

    /**
     * A clock the test moves; the application's other clock users are none the wiser. Tests using it switch the
     * campaign launcher off: on a clock days ahead it would launch the campaigns other tests schedule in the same
     * database.
     */
    static final class TestClock extends Clock {

        private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Every SegmentEntered and SegmentExited published. */
    static final class Announcements {

        final List<SegmentEntered> entered = new CopyOnWriteArrayList<>();

        final List<SegmentExited> exited = new CopyOnWriteArrayList<>();

        @EventListener
        void on(SegmentEntered event) {
            entered.add(event);
        }

        @EventListener
        void on(SegmentExited event) {
            exited.add(event);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }

        @Bean
        Announcements announcements() {
            return new Announcements();
        }
    }
}
