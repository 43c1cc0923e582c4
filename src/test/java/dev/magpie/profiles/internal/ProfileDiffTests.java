package dev.magpie.profiles.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What a change does to a stored profile: only real differences, Klaviyo's property patches, consent by time. */
class ProfileDiffTests {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private final PropertiesCodec codec = new PropertiesCodec(JsonMapper.builder().build());

    private final StoredProfile current = new StoredProfile("01JPROFILE0000000000000000", "old@example.com", null,
            null, Set.of("anon-1"), Map.of(ProfileField.FIRST_NAME, "Ann", ProfileField.CITY, "Leeds"),
            Map.of("skus", List.of("1", "2"), "plan", "gold", "visits", 3),
            Map.of(Channel.EMAIL_MARKETING, new Consent(Consent.State.SUBSCRIBED, NOW.minusSeconds(60), "FORM", null)),
            NOW.minusSeconds(30), null);

    @Test
    void theSameValuesChangeNothing() {
        ProfileChange same = ProfileChange.builder()
            .identifier(IdentifierKind.EMAIL, "old@example.com")
            .identifier(IdentifierKind.ANONYMOUS_ID, "anon-1")
            .field(ProfileField.FIRST_NAME, "Ann")
            .property("plan", "gold")
            .consent(Channel.EMAIL_MARKETING, new Consent(Consent.State.SUBSCRIBED, NOW, "API", null))
            .build();

        assertThat(diff(same).isEmpty()).isTrue();
    }

    @Test
    void aNewEmailReplacesTheOldOneWhichIsReleased() {
        ProfileChange change = ProfileChange.builder().identifier(IdentifierKind.EMAIL, "new@example.com").build();

        ProfileDiff diff = diff(change);

        assertThat(diff.identifierColumns).containsEntry(IdentifierKind.EMAIL, "new@example.com");
        assertThat(diff.releases).containsExactly(new Identifier(IdentifierKind.EMAIL, "old@example.com"));
        assertThat(diff.applyTo(current, NOW).email()).isEqualTo("new@example.com");
    }

    @Test
    void clearingAFieldOrIdentifierWritesNull() {
        ProfileChange change = ProfileChange.builder()
            .clearIdentifier(IdentifierKind.EMAIL)
            .field(ProfileField.CITY, null)
            .field(ProfileField.LAST_NAME, null)
            .build();

        ProfileDiff diff = diff(change);

        assertThat(diff.fields).containsOnlyKeys(ProfileField.CITY);
        assertThat(diff.identifierColumns).containsEntry(IdentifierKind.EMAIL, null);
        StoredProfile after = diff.applyTo(current, NOW);
        assertThat(after.email()).isNull();
        assertThat(after.fields()).doesNotContainKey(ProfileField.CITY);
    }

    @Test
    void propertyPatchesAppendUnappendAndUnset() {
        ProfileChange change = ProfileChange.builder()
            .property("visits", 4)
            .append("skus", List.of("3"))
            .append("colors", List.of("red"))
            .append("plan", List.of("silver"))
            .unappend("skus", List.of("1"))
            .unset("nothing-here")
            .build();

        ProfileDiff diff = diff(change);

        assertThat(diff.propertiesAfter).containsOnly(Map.entry("skus", List.of("2", "3")),
                Map.entry("plan", List.of("gold", "silver")), Map.entry("visits", 4),
                Map.entry("colors", List.of("red")));
        assertThat(diff.setProperties).containsOnlyKeys("skus", "plan", "visits", "colors");
        assertThat(diff.removedProperties).isEmpty();
    }

    @Test
    void clearingPropertiesRemovesEveryKeyNotSetAgain() {
        ProfileDiff diff = diff(ProfileChange.builder().clearProperties().property("plan", "gold").build());

        assertThat(diff.removedProperties).containsExactlyInAnyOrder("skus", "visits");
        assertThat(diff.setProperties).isEmpty();
        assertThat(diff.propertiesAfter).containsOnly(Map.entry("plan", "gold"));
    }

    @Test
    void consentChangesOnlyForANewerDifferentStatement() {
        Consent older = new Consent(Consent.State.UNSUBSCRIBED, NOW.minusSeconds(3600), "API", null);
        Consent newer = new Consent(Consent.State.UNSUBSCRIBED, NOW, "LINK", "campaign");
        Consent undated = new Consent(Consent.State.SUBSCRIBED, null, "API", null);

        assertThat(diff(ProfileChange.builder().consent(Channel.EMAIL_MARKETING, older).build()).consent).isEmpty();
        assertThat(diff(ProfileChange.builder().consent(Channel.EMAIL_MARKETING, newer).build()).consent)
            .containsEntry(Channel.EMAIL_MARKETING, newer);
        assertThat(diff(ProfileChange.builder().consent(Channel.SMS_MARKETING, undated).build()).consent)
            .containsEntry(Channel.SMS_MARKETING, new Consent(Consent.State.SUBSCRIBED, NOW, "API", null));
    }

    @Test
    void aNewProfileGetsEverything() {
        ProfileChange change = ProfileChange.builder()
            .identifier(IdentifierKind.EMAIL, "new@example.com")
            .field(ProfileField.FIRST_NAME, "Nia")
            .property("plan", "gold")
            .build();

        ProfileDiff diff = ProfileDiff.of(StoredProfile.empty("01JNEW0000000000000000000"), change,
                change.identifiers(), NOW, codec);

        assertThat(diff.identifierColumns).containsEntry(IdentifierKind.EMAIL, "new@example.com");
        assertThat(diff.releases).isEmpty();
        assertThat(diff.changesNames()).isTrue();
        assertThat(diff.setProperties).containsEntry("plan", "\"gold\"");
    }

    private ProfileDiff diff(ProfileChange change) {
        return ProfileDiff.of(current, change, change.identifiers(), NOW, codec);
    }
}
