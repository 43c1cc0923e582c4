package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.magpie.activity.Event;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.activity.ProfileRollups;
import dev.magpie.activity.ProfileRollups.Measure;
import dev.magpie.activity.ProfileRollups.RolledUpEvent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.shared.Ids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What segments read of a profile's activity: every event of some metrics from the rollups (one partition), exact
 * counts and sums between two instants although rollups are kept by UTC day, and the events with their
 * properties from the profile's own timeline.
 */
@SpringBootTest
class ProfileRollupsTests {

    @Autowired
    EventRecorder recorder;

    @Autowired
    ProfileRollups rollups;

    @Test
    void countsAndSumsAnyWindowExactly() {
        String account = "acct-" + Ids.newId();
        String email = "r-" + Ids.newId().toLowerCase() + "@example.com";
        // Around a UTC midnight, out of order, and one in another month
        Event late = record(account, email, "Placed Order", "2026-03-01T00:30:00Z", "5", "Acme");
        Event early = record(account, email, "Placed Order", "2026-02-28T23:30:00Z", "7", "Other");
        record(account, email, "Placed Order", "2026-01-10T12:00:00Z", "11", "Acme");
        Event view = record(account, email, "Viewed Product", "2026-02-28T23:45:00Z", null, "Acme");
        String profile = late.profileId();

        Map<String, List<RolledUpEvent>> events = rollups.events(account, profile,
                Set.of(late.metricId(), view.metricId(), "no-such-metric"));
        assertThat(events.get(late.metricId())).extracting(RolledUpEvent::time).containsExactly(
                Instant.parse("2026-01-10T12:00:00Z"), early.time(), late.time());
        assertThat(events.get(view.metricId())).singleElement()
            .satisfies(event -> assertThat(event.value()).isEqualByComparingTo(BigDecimal.ZERO));
        assertThat(events.get("no-such-metric")).isEmpty();

        // A window that cuts both UTC days in half: only the two events within it
        Measure measure = rollups.measure(account, profile, late.metricId(), Instant.parse("2026-02-28T23:00:00Z"),
                Instant.parse("2026-03-01T01:00:00Z"));
        assertThat(measure.count()).isEqualTo(2);
        assertThat(measure.sum()).isEqualByComparingTo("12");
        assertThat(rollups.measure(account, profile, late.metricId(), Instant.parse("2026-02-28T23:31:00Z"),
                Instant.parse("2026-03-01T00:30:00Z")).count()).isZero();

        List<Event> timeline = rollups.timeline(account, profile, late.metricId(), Instant.parse("2026-01-01T00:00:00Z"),
                null);
        assertThat(timeline).extracting(event -> event.properties().get("Brand")).containsExactly("Acme", "Other",
                "Acme");
        assertThat(rollups.timeline(account, profile, late.metricId(), Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-03-01T00:00:00Z"))).containsExactly(early);
    }

    @Test
    void readsManyProfilesAtOnceAsOneByOne() {
        String account = "acct-" + Ids.newId();
        String email = "a-" + Ids.newId().toLowerCase() + "@example.com";
        Event first = record(account, email, "Placed Order", "2026-03-01T00:30:00Z", "5", "Acme");
        record(account, email, "Placed Order", "2026-03-02T00:30:00Z", "6", "Acme");
        Event second = record(account, "b-" + Ids.newId().toLowerCase() + "@example.com", "Placed Order",
                "2026-03-03T00:30:00Z", "7", "Acme");
        record(account, "b-" + Ids.newId().toLowerCase() + "@example.com", "Viewed Product", "2026-03-03T00:30:00Z",
                null, "Acme");
        String nobody = Ids.newId();
        Set<String> metrics = Set.of(first.metricId());

        Map<String, Map<String, List<RolledUpEvent>>> read = rollups.events(account,
                List.of(first.profileId(), second.profileId(), nobody), metrics);

        assertThat(read).containsOnlyKeys(first.profileId(), second.profileId(), nobody);
        for (String profile : List.of(first.profileId(), second.profileId(), nobody)) {
            assertThat(read.get(profile)).isEqualTo(rollups.events(account, profile, metrics));
        }
        assertThat(read.get(first.profileId()).get(first.metricId())).hasSize(2);
        assertThat(read.get(second.profileId()).get(first.metricId())).singleElement()
            .satisfies(event -> assertThat(event.value()).isEqualByComparingTo("7"));
        assertThat(read.get(nobody).get(first.metricId())).isEmpty();
    }

    private Event record(String account, String email, String metric, String time, String value, String brand) {
        return recorder.record(account, new NewEvent(metric, MetricSource.API,
                ProfileAttributes.of(new Identifiers(email, null, null, null)), Instant.parse(time),
                value == null ? null : new BigDecimal(value), null, Map.of("Brand", brand), null));
    }
}
