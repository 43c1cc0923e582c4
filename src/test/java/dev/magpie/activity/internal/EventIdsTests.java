package dev.magpie.activity.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Event ids: the same event always gets the same id, ids sort by time, and an id names its partitions. */
class EventIdsTests {

    private static final Instant TIME = Instant.parse("2026-07-15T10:30:45.678Z");

    @Test
    void theSameEventGetsTheSameIdAndAnyDifferenceAnother() {
        EventIds.Identity identity = EventIds.identify("acct", "prof", "metric", "order-1", TIME);

        assertThat(EventIds.identify("acct", "prof", "metric", "order-1", TIME)).isEqualTo(identity);
        assertThat(EventIds.identify("acct", "prof", "metric", "order-1", TIME.plusMillis(200))).isEqualTo(identity);
        assertThat(EventIds.identify("acct2", "prof", "metric", "order-1", TIME).id()).isNotEqualTo(identity.id());
        assertThat(EventIds.identify("acct", "prof2", "metric", "order-1", TIME).id()).isNotEqualTo(identity.id());
        assertThat(EventIds.identify("acct", "prof", "metric2", "order-1", TIME).id()).isNotEqualTo(identity.id());
        assertThat(EventIds.identify("acct", "prof", "metric", "order-2", TIME).id()).isNotEqualTo(identity.id());
    }

    @Test
    void aUniqueIdKeysTheEventWhateverItsTimeAndWithoutOneTheSecondDoes() {
        String withUniqueId = EventIds.key("a", "p", "m", "order-1", TIME);
        String withoutUniqueId = EventIds.key("a", "p", "m", null, TIME);

        assertThat(EventIds.key("a", "p", "m", "order-1", TIME.plusSeconds(3600))).isEqualTo(withUniqueId);
        assertThat(EventIds.key("a", "p", "m", null, TIME.plusMillis(300))).isEqualTo(withoutUniqueId);
        assertThat(EventIds.key("a", "p", "m", null, TIME.plusSeconds(1))).isNotEqualTo(withoutUniqueId);
    }

    @Test
    void idsCarryTheirSecondHourShardAndSortByTime() {
        String id = EventIds.identify("a", "p", "m", null, TIME).id();
        String later = EventIds.identify("a", "p", "m", null, TIME.plusSeconds(1)).id();

        assertThat(id).hasSize(26);
        assertThat(EventIds.isId(id)).isTrue();
        assertThat(EventIds.isId(id.toLowerCase())).isTrue();
        assertThat(EventIds.canonical(id.toLowerCase())).isEqualTo(id);
        assertThat(EventIds.isId("not-an-id")).isFalse();
        assertThat(EventIds.time(id)).isEqualTo(Instant.parse("2026-07-15T10:30:45Z"));
        assertThat(EventIds.hour(id)).isEqualTo(Instant.parse("2026-07-15T10:00:00Z"));
        assertThat(later).isGreaterThan(id);
        assertThat(id).isBetween(EventIds.lowestAt(Instant.parse("2026-07-15T10:30:45Z")),
                EventIds.highestAt(Instant.parse("2026-07-15T10:30:45Z")));
        assertThat(EventIds.uuid(id)).hasSize(36);
    }

    @Test
    void shardsSpreadEventsOverEveryPartitionOfTheHour() {
        Set<Byte> shards = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            byte shard = EventIds.shard(EventIds.identify("a", "p" + i, "m", null, TIME).id());
            assertThat(shard).isBetween((byte) 0, (byte) (EventIds.SHARDS - 1));
            shards.add(shard);
        }
        assertThat(shards).hasSize(EventIds.SHARDS);
    }

    @Test
    void monthsAndDaysAreUtc() {
        assertThat(EventIds.monthOf(Instant.parse("2026-07-31T23:59:59Z"))).isEqualTo(202607);
        assertThat(EventIds.monthOf(Instant.parse("2026-08-01T00:00:00Z"))).isEqualTo(202608);
        assertThat(EventIds.startOfMonth(202612)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(EventIds.dayOf(Instant.parse("2026-07-15T23:59:59Z"))).isEqualTo(LocalDate.parse("2026-07-15"));
    }
}
