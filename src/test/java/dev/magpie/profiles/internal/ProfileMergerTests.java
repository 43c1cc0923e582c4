package dev.magpie.profiles.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.ProfileSearch;
import dev.magpie.profiles.Profiles;
import dev.magpie.profiles.ProfilesMerged;
import dev.magpie.shared.Ids;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Merging profiles: the survivor gains the merged profiles' identifiers, missing fields, properties it lacks and
 * newer consent; merged ids find the survivor; and modules hear of it, whichever kind of listener they use.
 */
@SpringBootTest
@Import(ProfileMergerTests.Listeners.class)
class ProfileMergerTests {

    @Autowired
    Profiles profiles;

    @Autowired
    ProfileSearch search;

    @Autowired
    ProfileMerger merger;

    private final String account = "acct-" + Ids.newId();

    @Test
    void theSurvivorGainsWhatItLacksAndKeepsWhatItHas() throws Exception {
        Instant older = Instant.parse("2026-01-10T09:00:00Z");
        Instant newer = Instant.parse("2026-03-10T09:00:00Z");
        Profile survivor = profiles.upsert(account, new ProfileAttributes(
                new Identifiers("keep@example.com", null, null, "anon-keep"), "Keep", null, null, null, null, null,
                Map.of("tier", "gold"),
                Map.of(Channel.EMAIL_MARKETING, new Consent(Consent.State.SUBSCRIBED, older, "FORM", "popup"),
                        Channel.SMS_MARKETING, new Consent(Consent.State.SUBSCRIBED, newer, "TEXT", "keyword"))))
            .profile();
        Profile source = profiles.upsert(account, new ProfileAttributes(
                new Identifiers("gone@example.com", "+14155550111", "ext-gone", "anon-gone"), "Gone", "Person",
                "Gone Inc", null, null, null, Map.of("tier", "bronze", "shoe", 42),
                Map.of(Channel.EMAIL_MARKETING, new Consent(Consent.State.UNSUBSCRIBED, newer, "LINK", "campaign"),
                        Channel.SMS_MARKETING, new Consent(Consent.State.UNSUBSCRIBED, older, "TEXT", "STOP"))))
            .profile();

        ProfileMerger.Merge merge = merger.mergeProfiles(account, survivor.id(), List.of(source.id()));

        assertThat(merge.mergedIds()).containsExactly(source.id());
        Profile kept = profiles.find(account, survivor.id()).orElseThrow();
        assertThat(kept).isEqualTo(merge.survivor().toProfile());
        assertThat(kept.email()).isEqualTo("keep@example.com");
        assertThat(kept.phoneNumber()).isEqualTo("+14155550111");
        assertThat(kept.externalId()).isEqualTo("ext-gone");
        assertThat(kept.anonymousIds()).containsExactlyInAnyOrder("anon-keep", "anon-gone");
        assertThat(kept.firstName()).isEqualTo("Keep");
        assertThat(kept.lastName()).isEqualTo("Person");
        assertThat(kept.organization()).isEqualTo("Gone Inc");
        assertThat(kept.properties()).containsOnly(Map.entry("tier", "gold"), Map.entry("shoe", 42));
        assertThat(kept.consent().get(Channel.EMAIL_MARKETING).state()).isEqualTo(Consent.State.UNSUBSCRIBED);
        assertThat(kept.consent().get(Channel.SMS_MARKETING).state()).isEqualTo(Consent.State.SUBSCRIBED);

        assertThat(profiles.find(account, source.id())).contains(kept);
        for (var identifier : List.of(Map.entry(IdentifierKind.EMAIL, "gone@example.com"),
                Map.entry(IdentifierKind.PHONE_NUMBER, "+14155550111"), Map.entry(IdentifierKind.EXTERNAL_ID, "ext-gone"),
                Map.entry(IdentifierKind.ANONYMOUS_ID, "anon-gone"))) {
            assertThat(profiles.findBy(account, identifier.getKey(), identifier.getValue()).map(Profile::id))
                .as(identifier.toString())
                .contains(survivor.id());
        }
        assertThat(profiles.upsert(account, ProfileAttributes.of(new Identifiers("gone@example.com", null, null,
                null))).profile().id()).isEqualTo(survivor.id());
        assertThat(search.search(account, "", Optional.empty(), 10).profiles()).extracting(Profile::id)
            .containsExactly(survivor.id());
        assertThat(search.search(account, "gone", Optional.empty(), 10).profiles()).isEmpty();

        ProfilesMerged expected = new ProfilesMerged(account, survivor.id(), List.of(source.id()));
        assertThat(Listeners.plain.poll(10, TimeUnit.SECONDS)).isEqualTo(expected);
        assertThat(Listeners.module.poll(10, TimeUnit.SECONDS)).isEqualTo(expected);
    }

    @Test
    void mergingAgainChangesNothingButAnnouncesAgain() throws Exception {
        Profile survivor = profiles.upsert(account, attributes("again-keep@example.com")).profile();
        Profile source = profiles.upsert(account, attributes("again-gone@example.com")).profile();
        merger.mergeProfiles(account, survivor.id(), List.of(source.id()));
        Profile merged = profiles.find(account, survivor.id()).orElseThrow();
        Listeners.plain.poll(10, TimeUnit.SECONDS);
        Listeners.module.poll(10, TimeUnit.SECONDS);

        ProfileMerger.Merge again = merger.mergeProfiles(account, survivor.id(), List.of(source.id()));

        assertThat(again.mergedIds()).isEmpty();
        assertThat(profiles.find(account, survivor.id())).contains(merged);
        // A crash between the merge and its announcement must not lose the moved timeline for good
        assertThat(Listeners.plain.poll(10, TimeUnit.SECONDS))
            .isEqualTo(new ProfilesMerged(account, survivor.id(), List.of(source.id())));
        Listeners.module.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void unknownIdsChangeNothing() {
        Profile survivor = profiles.upsert(account, attributes("unknown-keep@example.com")).profile();
        Profile source = profiles.upsert(account, attributes("unknown-gone@example.com")).profile();

        assertThatThrownBy(() -> merger.mergeProfiles(account, survivor.id(), List.of(source.id(), "01JNOPE")))
            .isInstanceOf(ProfileNotFoundException.class);
        assertThatThrownBy(() -> merger.mergeProfiles("acct-" + Ids.newId(), survivor.id(), List.of(source.id())))
            .isInstanceOf(ProfileNotFoundException.class);
        assertThat(profiles.find(account, source.id()).map(Profile::id)).contains(source.id());
    }

    private static ProfileAttributes attributes(String email) {
        return ProfileAttributes.of(new Identifiers(email, null, null, null));
    }

    /** Hears merges as the activity module would, with either kind of listener. */
    @TestConfiguration
    static class Listeners {

        // Static: the asynchronous listener makes this bean a proxy, whose own fields are not the target's
        static final BlockingQueue<ProfilesMerged> plain = new LinkedBlockingQueue<>();

        static final BlockingQueue<ProfilesMerged> module = new LinkedBlockingQueue<>();

        @EventListener
        void onPlain(ProfilesMerged merged) {
            plain.add(merged);
        }

        @ApplicationModuleListener
        void onModule(ProfilesMerged merged) {
            module.add(merged);
        }
    }
}
