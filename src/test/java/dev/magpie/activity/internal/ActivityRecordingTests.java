package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.ActivityQueries.DailyFigure;
import dev.magpie.activity.ActivityQueries.EventPage;
import dev.magpie.activity.Event;
import dev.magpie.activity.EventRecorded;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.activity.ProfileEvent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.ProfilesMerged;
import dev.magpie.shared.Ids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recording events through {@link EventRecorder} and reading them back through {@link ActivityQueries}, as the
 * integrations and the marketer pages do: timelines newest first, the latest events of the account, daily
 * figures in the account's zone, rollups, and timelines that follow a merge.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RecordApplicationEvents
@Import(ActivityRecordingTests.SegmentsLikeListener.class)
class ActivityRecordingTests {

    @Autowired
    EventRecorder recorder;

    @Autowired
    ActivityQueries activity;

    @Autowired
    CqlSession cassandra;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    ApplicationEvents published;

    @Autowired
    SegmentsLikeListener listener;

    @Test
    void aNewEventIsAnnouncedOnceAndARepeatReturnsTheStoredEvent() {
        String account = Ids.newId();
        NewEvent order = event("Placed Order", "ann@example.com", "2026-07-01T09:30:15.250Z", "order-1", "42.00");

        Event first = recorder.record(account, order);
        Event again = recorder.record(account, order);
        Event laterRetry = recorder.record(account, new NewEvent("Placed Order", MetricSource.API, order.profile(),
                null, new BigDecimal("1"), "USD", Map.of("Changed", true), "order-1"));

        assertThat(first.time()).isEqualTo(Instant.parse("2026-07-01T09:30:15Z"));
        assertThat(first.metricName()).isEqualTo("Placed Order");
        assertThat(again).isEqualTo(first);
        assertThat(laterRetry.id()).isEqualTo(first.id());
        assertThat(laterRetry.value()).isEqualByComparingTo("42.00");
        assertThat(published.stream(EventRecorded.class).filter(recorded -> recorded.accountId().equals(account)))
            .singleElement()
            .satisfies(recorded -> {
                assertThat(recorded.eventId()).isEqualTo(first.id());
                assertThat(recorded.metricName()).isEqualTo("Placed Order");
                assertThat(recorded.profileId()).isEqualTo(first.profileId());
            });
        assertThat(activity.latest(account, Optional.empty(), 10)).containsExactly(first);
        // A module listening as segments and flows will (transactional, asynchronous) hears of it once
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listener.heard(account))
            .containsExactly(first.id()));
        assertThat(listener.heard(account)).containsExactly(first.id());
    }

    @Test
    void timelinesComeNewestFirstAPageAtATimeAcrossMonths() {
        String account = Ids.newId();
        List<Event> recorded = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            recorded.add(recorder.record(account, event(i % 3 == 0 ? "Placed Order" : "Viewed Product",
                    "cat@example.com", Instant.parse("2026-03-20T00:00:00Z").plus(Duration.ofDays(i * 3L)).toString(),
                    null, null)));
        }
        recorder.record(account, event("Viewed Product", "dan@example.com", "2026-04-01T00:00:00Z", null, null));
        String profileId = recorded.get(0).profileId();

        List<Event> timeline = new ArrayList<>();
        Optional<String> before = Optional.empty();
        int pages = 0;
        do {
            EventPage page = activity.timeline(account, profileId, before, 10);
            timeline.addAll(page.events());
            before = page.next();
            pages++;
        }
        while (before.isPresent());

        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(recorded.stream().map(Event::id).toList());
        java.util.Collections.reverse(newestFirst);
        assertThat(timeline).extracting(Event::id).containsExactlyElementsOf(newestFirst);
        assertThat(timeline).allSatisfy(event -> assertThat(event.profileId()).isEqualTo(profileId));
        List<Event> latest = activity.latest(account, Optional.of(Instant.parse("2026-05-15T00:00:00Z")), 5);
        assertThat(latest).extracting(Event::time).isSortedAccordingTo((a, b) -> b.compareTo(a)).hasSize(5)
            .allSatisfy(time -> assertThat(time).isAfter(Instant.parse("2026-05-15T00:00:00Z")));
        assertThat(latest.get(0)).isEqualTo(recorded.get(24));
    }

    @Test
    void dailyFiguresCountAndSumInTheAccountsZoneAndRollupsHoldEachEventOnce() {
        String account = Ids.newId();
        recorder.record(account, event("Placed Order", "eve@example.com", "2026-07-10T02:00:00Z", "o1", "10"));
        recorder.record(account, event("Placed Order", "eve@example.com", "2026-07-10T20:00:00Z", "o2", "15.25"));
        recorder.record(account, event("Placed Order", "eve@example.com", "2026-07-10T20:00:00Z", "o2", "15.25"));
        Event last = recorder.record(account, event("Placed Order", "fay@example.com", "2026-07-12T12:00:00Z", "o3",
                null));

        List<DailyFigure> losAngeles = activity.daily(account, last.metricId(), LocalDate.parse("2026-07-09"),
                LocalDate.parse("2026-07-12"), ZoneId.of("America/Los_Angeles"));

        assertThat(losAngeles).containsExactly(
                new DailyFigure(LocalDate.parse("2026-07-09"), 1, new BigDecimal("10")),
                new DailyFigure(LocalDate.parse("2026-07-10"), 1, new BigDecimal("15.25")),
                new DailyFigure(LocalDate.parse("2026-07-11"), 0, BigDecimal.ZERO),
                new DailyFigure(LocalDate.parse("2026-07-12"), 1, BigDecimal.ZERO));
        String eve = activity.latest(account, Optional.empty(), 10).stream()
            .filter(event -> "o1".equals(event.uniqueId()))
            .findFirst()
            .orElseThrow()
            .profileId();
        Row rollup = cassandra.execute("SELECT event_values FROM profile_metric_days WHERE account_id = ? "
                + "AND profile_id = ? AND metric_id = ? AND day = ?", account, eve, last.metricId(),
                LocalDate.parse("2026-07-10")).one();
        assertThat(rollup.getMap("event_values", String.class, BigDecimal.class).values())
            .usingElementComparator(BigDecimal::compareTo)
            .containsExactlyInAnyOrder(new BigDecimal("10"), new BigDecimal("15.25"));
    }

    @Test
    void aMergeMovesTheMergedProfilesTimelineAndRollupsToTheSurvivor() {
        String account = Ids.newId();
        Event kept = recorder.record(account, event("Viewed Product", "gus@example.com", "2026-06-01T10:00:00Z",
                null, null));
        Event moved = recorder.record(account, event("Placed Order", "gus.old@example.com", "2026-05-15T10:00:00Z",
                "old-order", "30"));
        recorder.record(account, event("Viewed Product", "gus.old@example.com", "2026-06-02T10:00:00Z", null, null));
        String survivor = kept.profileId();
        String merged = moved.profileId();

        new TransactionTemplate(transactionManager).executeWithoutResult(
                status -> publisher.publishEvent(new ProfilesMerged(account, survivor, List.of(merged))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                activity.timeline(account, survivor, Optional.empty(), 10).events()).hasSize(3));
        assertThat(activity.timeline(account, merged, Optional.empty(), 10).events()).isEmpty();
        List<Event> survivorTimeline = activity.timeline(account, survivor, Optional.empty(), 10).events();
        assertThat(survivorTimeline).extracting(Event::time).containsExactly(Instant.parse("2026-06-02T10:00:00Z"),
                Instant.parse("2026-06-01T10:00:00Z"), Instant.parse("2026-05-15T10:00:00Z"));
        assertThat(survivorTimeline.get(2).id()).isEqualTo(moved.id());
        assertThat(activity.latest(account, Optional.empty(), 10))
            .allSatisfy(event -> assertThat(event.profileId()).isEqualTo(survivor));
        assertThat(cassandra.execute("SELECT metric_id FROM profile_metric_days WHERE account_id = ? AND profile_id = ?",
                account, merged).all()).isEmpty();
        assertThat(cassandra.execute("SELECT metric_id FROM profile_metric_days WHERE account_id = ? AND profile_id = ?",
                account, survivor).all()).hasSize(3);
        // The old profile's order, sent again for the survivor, is recognised as the same order
        Event resent = recorder.record(account, new NewEvent("Placed Order", MetricSource.API,
                ProfileAttributes.of(new Identifiers("gus@example.com", null, null, null)),
                Instant.parse("2026-05-15T10:00:00Z"), new BigDecimal("30"), "USD", Map.of(), "old-order"));
        assertThat(resent.id()).isEqualTo(moved.id());
        assertThat(activity.timeline(account, survivor, Optional.empty(), 10).events()).hasSize(3);
    }

    @Test
    void eventsOfManyProfilesAreRecordedTogetherOnceEachAndOneOfAProfileGoneIsLeftOut() {
        String account = Ids.newId();
        String ann = recorder.record(account, event("Viewed Product", "ann@example.com", "2026-06-01T10:00:00Z", null,
                null)).profileId();
        String bea = recorder.record(account, event("Viewed Product", "bea@example.com", "2026-06-01T10:00:00Z", null,
                null)).profileId();
        List<ProfileEvent> received = List.of(received(ann, "m1"), received(bea, "m1"), received(Ids.newId(), "m1"));

        assertThat(recorder.recordAllFor(account, received)).as("events left out").isEqualTo(1);
        assertThat(recorder.recordAllFor(account, received.subList(0, 2))).isZero();

        for (String profile : List.of(ann, bea)) {
            assertThat(activity.timeline(account, profile, Optional.empty(), 10).events())
                .extracting(Event::metricName)
                .containsExactly("Received Email", "Viewed Product");
        }
    }

    private static ProfileEvent received(String profileId, String message) {
        return new ProfileEvent(profileId, new NewEvent("Received Email", MetricSource.MAGPIE,
                ProfileAttributes.of(Identifiers.NONE), Instant.parse("2026-06-02T10:00:00Z"), null, null,
                Map.of("$message", message), "received:" + message + ":" + profileId));
    }

    /** Listens the way other modules do, with {@code @ApplicationModuleListener}. */
    static class SegmentsLikeListener {

        private final List<EventRecorded> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

        @ApplicationModuleListener
        void on(EventRecorded recorded) {
            heard.add(recorded);
        }

        List<String> heard(String accountId) {
            return heard.stream()
                .filter(recorded -> recorded.accountId().equals(accountId))
                .map(EventRecorded::eventId)
                .toList();
        }
    }

    private static NewEvent event(String metric, String email, String time, String uniqueId, String value) {
        return new NewEvent(metric, MetricSource.API, ProfileAttributes.of(new Identifiers(email, null, null, null)),
                Instant.parse(time), value == null ? null : new BigDecimal(value), value == null ? null : "USD",
                Map.of("Source", "test", "Nested", Map.of("Depth", 2)), uniqueId);
    }
}
