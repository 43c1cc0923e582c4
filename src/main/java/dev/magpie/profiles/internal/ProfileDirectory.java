package dev.magpie.profiles.internal;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.profiles.UpsertOutcome;
import org.springframework.stereotype.Component;

/**
 * {@link Profiles} for other modules: events, imports and webhooks find and upsert profiles here. Upserts are
 * lenient about identifiers of other profiles: they leave them where they are and report them in the outcome.
 */
@Component
class ProfileDirectory implements Profiles {

    private final ProfileRows rows;

    private final IdentifierRegistry registry;

    private final IdentifierNormalizer normalizer;

    private final ProfileUpserter upserter;

    ProfileDirectory(ProfileRows rows, IdentifierRegistry registry, IdentifierNormalizer normalizer,
            ProfileUpserter upserter) {
        this.rows = rows;
        this.registry = registry;
        this.normalizer = normalizer;
        this.upserter = upserter;
    }

    @Override
    public Optional<Profile> find(String accountId, String profileId) {
        if (profileId == null || profileId.isBlank()) {
            return Optional.empty();
        }
        return rows.findLive(accountId, profileId).map(StoredProfile::toProfile);
    }

    @Override
    public Map<String, Profile> findAll(String accountId, Collection<String> profileIds) {
        Map<String, Profile> found = new LinkedHashMap<>();
        rows.findAllLive(accountId, profileIds).forEach((id, profile) -> found.put(id, profile.toProfile()));
        return found;
    }

    @Override
    public Optional<Profile> findBy(String accountId, IdentifierKind kind, String value) {
        return normalizer.lenient(kind, value)
            .flatMap(normalized -> registry.holder(accountId, new Identifier(kind, normalized)).join())
            .flatMap(holder -> rows.findLive(accountId, holder))
            .map(StoredProfile::toProfile);
    }

    @Override
    public UpsertOutcome upsert(String accountId, ProfileAttributes attributes) {
        return upserter.upsert(accountId, change(attributes), ProfileUpserter.Mode.LENIENT).toOutcome();
    }

    @Override
    public void check(Identifiers identifiers) {
        normalizer.identifiers(identifiers);
    }

    /** The change {@code attributes} ask for: blank values count as not given, as a CSV's empty cells. */
    private ProfileChange change(ProfileAttributes attributes) {
        ProfileChange.Builder change = ProfileChange.builder();
        normalizer.identifiers(attributes.identifiers())
            .forEach(identifier -> change.identifier(identifier.kind(), identifier.value()));
        Map<ProfileField, Object> fields = new EnumMap<>(ProfileField.class);
        fields.put(ProfileField.FIRST_NAME, attributes.firstName());
        fields.put(ProfileField.LAST_NAME, attributes.lastName());
        fields.put(ProfileField.ORGANIZATION, attributes.organization());
        fields.put(ProfileField.TITLE, attributes.title());
        fields.put(ProfileField.IMAGE, attributes.image());
        ProfileLocation.put(attributes.location(), fields);
        fields.forEach((field, value) -> {
            if (value instanceof String text && !text.isBlank()) {
                change.field(field, text.strip());
            }
            else if (value instanceof Number) {
                change.field(field, ((Number) value).doubleValue());
            }
        });
        if (attributes.properties() != null) {
            attributes.properties().forEach(change::property);
        }
        if (attributes.consent() != null) {
            attributes.consent().forEach(change::consent);
        }
        return change.build();
    }
}
