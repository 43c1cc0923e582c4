package dev.magpie.deliverability.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.magpie.deliverability.AddressSuppressed;
import dev.magpie.deliverability.Suppression;
import dev.magpie.deliverability.SuppressionLifted;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.deliverability.internal.SuppressionStore.Cursor;
import dev.magpie.deliverability.internal.SuppressionStore.Page;
import dev.magpie.shared.Ids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The suppression list on the real Cassandra: suppressing, checking one address and a batch, the first
 * suppression standing, lifting, and paging newest first; every account sees only its own list.
 */
@SpringBootTest
@RecordApplicationEvents
class SuppressionListTests {

    @Autowired
    Suppressions suppressions;

    @Autowired
    SuppressionStore store;

    @Autowired
    ApplicationEvents events;

    @Test
    void anAddressIsSuppressedOnceAndLiftedAndChecksFollow() {
        String account = Ids.newId();
        String email = "Bounce-" + Ids.newId().toLowerCase() + "@Example.com";
        String normalised = email.toLowerCase();

        assertThat(suppressions.isSuppressed(account, email)).isFalse();
        assertThat(suppressions.suppress(account, "  " + email + " ", SuppressionReason.BOUNCED, "message-1",
                "550 5.1.1 no such user")).isTrue();

        assertThat(suppressions.isSuppressed(account, normalised)).isTrue();
        assertThat(suppressions.isSuppressed(account, email.toUpperCase())).isTrue();
        assertThat(suppressions.isSuppressed(Ids.newId(), normalised)).as("another account").isFalse();
        Suppression found = suppressions.find(account, email).orElseThrow();
        assertThat(found.email()).isEqualTo(normalised);
        assertThat(found.reason()).isEqualTo(SuppressionReason.BOUNCED);
        assertThat(found.source()).isEqualTo("message-1");
        assertThat(found.detail()).isEqualTo("550 5.1.1 no such user");
        assertThat(events.stream(AddressSuppressed.class).filter(event -> event.email().equals(normalised)))
            .singleElement()
            .satisfies(event -> {
                assertThat(event.accountId()).isEqualTo(account);
                assertThat(event.reason()).isEqualTo(SuppressionReason.BOUNCED);
            });

        assertThat(suppressions.suppress(account, email, SuppressionReason.MANUAL, null, null))
            .as("the first suppression stands").isFalse();
        assertThat(suppressions.find(account, email)).contains(found);
        assertThat(events.stream(AddressSuppressed.class).filter(event -> event.email().equals(normalised)))
            .hasSize(1);

        assertThat(suppressions.lift(Ids.newId(), email)).as("another account lifts nothing").isFalse();
        assertThat(suppressions.isSuppressed(account, email)).isTrue();
        assertThat(suppressions.lift(account, email)).isTrue();
        assertThat(suppressions.isSuppressed(account, email)).isFalse();
        assertThat(suppressions.lift(account, email)).isFalse();
        assertThat(store.page(account, Optional.empty(), 10).suppressions()).isEmpty();
        assertThat(events.stream(SuppressionLifted.class).filter(event -> event.email().equals(normalised)))
            .hasSize(1);
    }

    @Test
    void aBatchCheckNamesExactlyTheSuppressedAddresses() {
        String account = Ids.newId();
        List<String> batch = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            String email = "batch-" + i + "-" + Ids.newId().toLowerCase() + "@example.com";
            batch.add(email);
            if (i % 7 == 0) {
                suppressions.suppress(account, email, SuppressionReason.UNSUBSCRIBED, null, null);
                expected.add(email);
            }
        }
        batch.add("not an address");
        batch.add(batch.get(0).toUpperCase());

        assertThat(suppressions.suppressedAmong(account, batch)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(suppressions.suppressedAmong(Ids.newId(), batch)).isEmpty();
        assertThat(suppressions.suppressedAmong(account, List.of())).isEmpty();
    }

    @Test
    void pagesListEveryAddressOnceNewestFirst() throws InterruptedException {
        String account = Ids.newId();
        List<String> suppressedInOrder = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String email = "page-" + i + "-" + Ids.newId().toLowerCase() + "@example.com";
            suppressions.suppress(account, email, SuppressionReason.MANUAL, "test", null);
            suppressedInOrder.add(0, email);
            if (i % 5 == 0) {
                // Some share a millisecond, some do not: both orders must hold
                Thread.sleep(2);
            }
        }

        List<Suppression> seen = new ArrayList<>();
        Optional<Cursor> after = Optional.empty();
        int pages = 0;
        do {
            Page page = store.page(account, after, 5);
            assertThat(page.suppressions()).hasSizeLessThanOrEqualTo(5);
            seen.addAll(page.suppressions());
            after = page.next().map(Cursor::encode).flatMap(Cursor::decode);
            pages++;
        }
        while (after.isPresent());

        assertThat(pages).isEqualTo(5);
        assertThat(seen).extracting(Suppression::email).containsExactlyInAnyOrderElementsOf(suppressedInOrder)
            .doesNotHaveDuplicates();
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).at()).isBeforeOrEqualTo(seen.get(i - 1).at());
        }
        assertThat(seen.get(0).at()).isEqualTo(suppressions.find(account, suppressedInOrder.get(0)).orElseThrow()
            .at());
    }

    @Test
    void somethingThatIsNotAnAddressIsRefused() {
        String account = Ids.newId();
        assertThatThrownBy(() -> suppressions.suppress(account, "nobody at example", SuppressionReason.MANUAL, null,
                null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> suppressions.suppress(account, " ", SuppressionReason.MANUAL, null, null))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.page(account, Optional.empty(), 10).suppressions()).isEmpty();
    }
}
