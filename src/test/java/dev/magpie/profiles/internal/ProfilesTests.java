package dev.magpie.profiles.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.profiles.UpsertOutcome;
import dev.magpie.shared.Ids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Profiles} as other modules use it (events, imports, webhooks), against the real Cassandra: identity
 * resolution, normalisation, property merging, consent, and one profile per identifier under concurrency.
 */
@SpringBootTest
class ProfilesTests {

    @Autowired
    Profiles profiles;

    private final String account = "acct-" + Ids.newId();

    @Test
    void anUpsertWithANewEmailCreatesAProfileThatEveryIdentifierFinds() {
        UpsertOutcome outcome = profiles.upsert(account, new ProfileAttributes(
                new Identifiers("  Sarah.Mason@Example.COM ", "(415) 555-0132", "cust-1", "anon-1"), "Sarah", "Mason",
                "Klaviyo Demo", "Regional Manager", null,
                new Location("89 E 42nd St", null, "New York", "United States", "NY", "10017", "America/New_York",
                        40.7128, -74.006),
                Map.of("pseudonym", "Dr. Octopus", "sizes", Map.of("shoe", 42)), null));

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.conflicts()).isEmpty();
        Profile profile = outcome.profile();
        assertThat(profile.email()).isEqualTo("sarah.mason@example.com");
        assertThat(profile.phoneNumber()).isEqualTo("+14155550132");
        assertThat(profile.created()).isNotNull();
        assertThat(profiles.find(account, profile.id())).contains(profile);
        assertThat(profiles.findBy(account, IdentifierKind.EMAIL, "SARAH.MASON@example.com")).contains(profile);
        assertThat(profiles.findBy(account, IdentifierKind.PHONE_NUMBER, "+1 415 555 0132")).contains(profile);
        assertThat(profiles.findBy(account, IdentifierKind.EXTERNAL_ID, "cust-1")).contains(profile);
        assertThat(profiles.findBy(account, IdentifierKind.ANONYMOUS_ID, "anon-1")).contains(profile);
        assertThat(profile.location().city()).isEqualTo("New York");
        assertThat(profile.properties()).containsEntry("sizes", Map.of("shoe", 42));
    }

    @Test
    void theSameUpsertAgainChangesNothing() {
        ProfileAttributes attributes = attributes("repeat@example.com", "Ann");
        Profile first = profiles.upsert(account, attributes).profile();

        UpsertOutcome again = profiles.upsert(account, attributes);

        assertThat(again.created()).isFalse();
        assertThat(again.profile()).isEqualTo(first);
        assertThat(again.profile().updated()).isEqualTo(first.updated());
    }

    @Test
    void propertiesMergeKeyByKey() {
        Identifiers email = identifiers("props@example.com");
        profiles.upsert(account, withProperties(email, Map.of("plan", "gold", "visits", 3)));

        Profile merged = profiles.upsert(account, withProperties(email, Map.of("visits", 4, "tags", List.of("a"))))
            .profile();

        assertThat(merged.properties()).containsOnly(Map.entry("plan", "gold"), Map.entry("visits", 4),
                Map.entry("tags", List.of("a")));
    }

    @Test
    void theStrongestHeldIdentifierDecidesAndFreeOnesAreClaimed() {
        Profile byEmail = profiles.upsert(account, attributes("strong@example.com", null)).profile();

        UpsertOutcome outcome = profiles.upsert(account, ProfileAttributes.of(
                new Identifiers("strong@example.com", "+442071838750", "ext-strong", null)));

        assertThat(outcome.profile().id()).isEqualTo(byEmail.id());
        assertThat(outcome.profile().externalId()).isEqualTo("ext-strong");
        assertThat(outcome.profile().phoneNumber()).isEqualTo("+442071838750");
        assertThat(profiles.findBy(account, IdentifierKind.EXTERNAL_ID, "ext-strong").map(Profile::id))
            .contains(byEmail.id());
    }

    @Test
    void identifiersOfAnotherProfileStayWithItAndAreReported() {
        Profile withEmail = profiles.upsert(account, attributes("one@example.com", "One")).profile();
        Profile withPhone = profiles
            .upsert(account, ProfileAttributes.of(new Identifiers(null, "+14155550199", null, null)))
            .profile();

        UpsertOutcome outcome = profiles.upsert(account,
                ProfileAttributes.of(new Identifiers("one@example.com", "+14155550199", null, null)));

        assertThat(outcome.profile().id()).isEqualTo(withEmail.id());
        assertThat(outcome.profile().phoneNumber()).isNull();
        assertThat(outcome.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(IdentifierKind.PHONE_NUMBER);
            assertThat(conflict.profileId()).isEqualTo(withPhone.id());
        });
        assertThat(profiles.findBy(account, IdentifierKind.PHONE_NUMBER, "+14155550199").map(Profile::id))
            .contains(withPhone.id());
    }

    @Test
    void anExternalIdOutranksAnEmail() {
        Profile byEmail = profiles.upsert(account, attributes("rank@example.com", null)).profile();
        Profile byExternalId = profiles
            .upsert(account, ProfileAttributes.of(new Identifiers(null, null, "ext-rank", null)))
            .profile();

        UpsertOutcome outcome = profiles.upsert(account,
                ProfileAttributes.of(new Identifiers("rank@example.com", null, "ext-rank", null)));

        assertThat(outcome.profile().id()).isEqualTo(byExternalId.id()).isNotEqualTo(byEmail.id());
        assertThat(outcome.conflicts()).extracting(c -> c.profileId()).containsExactly(byEmail.id());
    }

    @Test
    void consentKeepsTheLatestStatement() {
        Identifiers email = identifiers("consent@example.com");
        Instant monday = Instant.parse("2026-03-02T10:00:00Z");
        profiles.upsert(account, withConsent(email, new Consent(Consent.State.SUBSCRIBED, monday, "FORM", "footer")));

        Profile older = profiles.upsert(account, withConsent(email,
                new Consent(Consent.State.UNSUBSCRIBED, monday.minusSeconds(3600), "API", null))).profile();
        assertThat(older.consent().get(Channel.EMAIL_MARKETING).state()).isEqualTo(Consent.State.SUBSCRIBED);

        Profile newer = profiles.upsert(account, withConsent(email,
                new Consent(Consent.State.UNSUBSCRIBED, monday.plusSeconds(60), "LINK", "campaign"))).profile();
        assertThat(newer.consent().get(Channel.EMAIL_MARKETING))
            .isEqualTo(new Consent(Consent.State.UNSUBSCRIBED, monday.plusSeconds(60), "LINK", "campaign"));
        assertThat(profiles.find(account, newer.id()).orElseThrow().consent()).isEqualTo(newer.consent());
    }

    @Test
    void malformedIdentifiersAreRefusedNamingKlaviyosField() {
        assertThatThrownBy(() -> profiles.upsert(account, attributes("not-an-email", null)))
            .isInstanceOfSatisfying(InvalidProfileException.class, e -> assertThat(e.field()).isEqualTo("email"));
        assertThatThrownBy(() -> profiles.upsert(account,
                ProfileAttributes.of(new Identifiers(null, "12", null, null))))
            .isInstanceOfSatisfying(InvalidProfileException.class,
                    e -> assertThat(e.field()).isEqualTo("phone_number"));
        assertThatThrownBy(() -> profiles.upsert(account, ProfileAttributes.of(Identifiers.NONE)))
            .isInstanceOf(InvalidProfileException.class);
        assertThat(profiles.findBy(account, IdentifierKind.EMAIL, "not-an-email")).isEmpty();
    }

    @Test
    void anotherAccountSeesNoneOfIt() {
        Profile profile = profiles.upsert(account, attributes("private@example.com", "Priv")).profile();
        String other = "acct-" + Ids.newId();

        assertThat(profiles.find(other, profile.id())).isEmpty();
        assertThat(profiles.findBy(other, IdentifierKind.EMAIL, "private@example.com")).isEmpty();
        assertThat(profiles.upsert(other, attributes("private@example.com", null)).created()).isTrue();
    }

    @Test
    void concurrentUpsertsOfTheSameNewEmailMakeOneProfile() throws Exception {
        int threads = 8;
        int rounds = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                String email = "race-" + round + "-" + Ids.newId().toLowerCase() + "@example.com";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<UpsertOutcome>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    String name = "Racer " + i;
                    Callable<UpsertOutcome> upsert = () -> {
                        start.await();
                        return profiles.upsert(account, attributes(email, name));
                    };
                    results.add(pool.submit(upsert));
                }
                start.countDown();
                Set<String> ids = new HashSet<>();
                int created = 0;
                for (Future<UpsertOutcome> result : results) {
                    UpsertOutcome outcome = result.get();
                    ids.add(outcome.profile().id());
                    created += outcome.created() ? 1 : 0;
                }
                assertThat(ids).as("profiles for %s", email).hasSize(1);
                assertThat(created).as("creations of %s", email).isEqualTo(1);
                assertThat(profiles.findBy(account, IdentifierKind.EMAIL, email).map(Profile::id))
                    .contains(ids.iterator().next());
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static Identifiers identifiers(String email) {
        return new Identifiers(email, null, null, null);
    }

    private static ProfileAttributes attributes(String email, String firstName) {
        return new ProfileAttributes(identifiers(email), firstName, null, null, null, null, null, null, null);
    }

    private static ProfileAttributes withProperties(Identifiers identifiers, Map<String, Object> properties) {
        return new ProfileAttributes(identifiers, null, null, null, null, null, null, properties, null);
    }

    private static ProfileAttributes withConsent(Identifiers identifiers, Consent consent) {
        return new ProfileAttributes(identifiers, null, null, null, null, null, null, null,
                Map.of(Channel.EMAIL_MARKETING, consent));
    }
}
