package dev.magpie.activity.internal;

import java.util.Collection;
import java.util.Set;

import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.RecentCache;
import org.springframework.stereotype.Component;

/**
 * Finds the profile an event belongs to through the profiles module, which creates it or updates its fields.
 *
 * <p>Most events name their profile by identifiers alone (an email, an anonymous id) and set nothing: for those
 * the answer is remembered for {@code magpie.activity.profile-cache-ttl}, so a stream of events of one person
 * does not look them up each time. Events that set fields always go to the profiles module. A merge forgets
 * the merged-away profiles at once on this instance; other instances forget them when their entry expires
 * (which is why a merge moves events twice, see {@link ProfileMergeMover}).
 */
@Component
class ProfileResolver {

    private final Profiles profiles;

    private final RecentCache<String, String> byIdentifiers;

    ProfileResolver(Profiles profiles, ActivityProperties properties) {
        this.profiles = profiles;
        this.byIdentifiers = new RecentCache<>(properties.profileCacheTtl(), properties.profileCacheSize());
    }

    /**
     * The id of the profile {@code attributes} name, created if need be, with the attributes applied.
     *
     * @throws InvalidProfileException when the profiles module refuses an identifier or field
     */
    String resolve(String accountId, ProfileAttributes attributes) {
        if (attributes == null || attributes.identifiers() == null || attributes.identifiers().isEmpty()) {
            throw new InvalidProfileException("profile",
                    "An event's profile needs an identifier: email, phone_number, external_id or anonymous_id.");
        }
        String cacheKey = identifiersOnly(attributes) ? cacheKey(accountId, attributes.identifiers()) : null;
        if (cacheKey != null) {
            String cached = byIdentifiers.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        String id = profiles.upsert(accountId, attributes).profile().id();
        if (cacheKey != null) {
            byIdentifiers.put(cacheKey, id);
        }
        return id;
    }

    /**
     * The id of the profile with this id (the survivor, if it was merged away).
     *
     * @throws InvalidProfileException when the account has no such profile
     */
    String resolveById(String accountId, String profileId) {
        return profiles.find(accountId, profileId)
            .orElseThrow(() -> new InvalidProfileException("id", "There is no profile with id '%s'.".formatted(
                    profileId.length() > 40 ? profileId.substring(0, 40) + "…" : profileId)))
            .id();
    }

    /** Forgets every profile among {@code profileIds}, after a merge. */
    void forget(String accountId, Collection<String> profileIds) {
        Set<String> ids = Set.copyOf(profileIds);
        String prefix = accountId + '\u0000';
        byIdentifiers.removeIf((key, id) -> key.startsWith(prefix) && ids.contains(id));
    }

    private static boolean identifiersOnly(ProfileAttributes attributes) {
        return attributes.equals(ProfileAttributes.of(attributes.identifiers()));
    }

    private static String cacheKey(String accountId, Identifiers identifiers) {
        return accountId + '\u0000' + identifiers.email() + '\u0000' + identifiers.phoneNumber() + '\u0000'
                + identifiers.externalId() + '\u0000' + identifiers.anonymousId();
    }
}
