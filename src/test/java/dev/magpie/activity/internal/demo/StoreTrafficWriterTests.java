package dev.magpie.activity.internal.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Metric;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileSearch;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A small store's traffic, written through the real recorder, is what the marketer pages then show. */
@SpringBootTest
class StoreTrafficWriterTests {

    @Autowired
    StoreTrafficWriter writer;

    @Autowired
    Profiles profiles;

    @Autowired
    ProfileSearch search;

    @Autowired
    ActivityQueries activity;

    @Test
    void everyShopperBecomesAProfileAndEverySessionsEventsAreStoredOnce() throws Exception {
        String accountId = Ids.newId();
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StoreTraffic traffic = new StoreTraffic(11, new Shoppers(11, 300, end), end, Duration.ofDays(30), "w");
        long sessions = 250;
        long expected = LongStream.range(0, sessions).map(session -> traffic.session(session).size()).sum();
        AtomicLong reported = new AtomicLong();

        long started = System.nanoTime();
        StoreTrafficWriter.Written written = writer.write(accountId, traffic, sessions, 8, reported::set);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Wrote 300 profiles and %d events in %d ms%n", written.events(), millis);

        assertThat(written.profiles()).isEqualTo(300);
        assertThat(written.events()).isEqualTo(expected);
        assertThat(written.refused()).isZero();
        assertThat(reported.get()).isEqualTo(expected);
        Shopper shopper = traffic.shoppers().shopper(42);
        Profile profile = profiles.findBy(accountId, IdentifierKind.EMAIL, shopper.email()).orElseThrow();
        assertThat(profile.firstName()).isEqualTo(shopper.firstName());
        assertThat(profile.location().city()).isEqualTo(shopper.location().city());
        assertThat(profile.consent()).isEqualTo(shopper.consent());
        assertThat(search.search(accountId, shopper.email(), Optional.empty(), 10).profiles())
            .extracting(Profile::id).containsExactly(profile.id());

        List<String> names = activity.metrics(accountId).stream().map(Metric::name).toList();
        assertThat(names).contains("Active on Site", "Viewed Product", "Added to Cart", "Started Checkout",
                "Placed Order", "Ordered Product");
        long stored = activity.metrics(accountId).stream()
            .flatMap(metric -> activity.daily(accountId, metric.id(), LocalDate.now(ZoneOffset.UTC).minusDays(31),
                    LocalDate.now(ZoneOffset.UTC), ZoneOffset.UTC).stream())
            .mapToLong(ActivityQueries.DailyFigure::count)
            .sum();
        assertThat(stored).isEqualTo(expected);

        // Writing the same traffic again stores nothing twice
        writer.write(accountId, traffic, sessions, 8, events -> { });
        long again = activity.metrics(accountId).stream()
            .flatMap(metric -> activity.daily(accountId, metric.id(), LocalDate.now(ZoneOffset.UTC).minusDays(31),
                    LocalDate.now(ZoneOffset.UTC), ZoneOffset.UTC).stream())
            .mapToLong(ActivityQueries.DailyFigure::count)
            .sum();
        assertThat(again).isEqualTo(expected);
    }
}
