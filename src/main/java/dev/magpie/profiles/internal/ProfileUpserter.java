package dev.magpie.profiles.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.magpie.profiles.IdentifierConflict;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.ProfileChanged;
import dev.magpie.shared.Ids;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Identity resolution: finds the profile a change means, or creates it, claims the identifiers it should have,
 * and writes what changes.
 *
 * <p>The rule (docs/data-model.md): the strongest given identifier that already belongs to a profile decides
 * which profile is meant (external id, then email, then phone number, then anonymous id). The other given
 * identifiers that are free are claimed for that profile; identifiers held by a different profile stay where
 * they are. Nothing is ever merged silently.
 *
 * <p>Two instances that meet the same new identifier at once both try to create a profile; the claim of the
 * identifier is a lightweight transaction, so one wins. The loser gives back whatever it had claimed for its
 * would-be profile (whose row it never wrote) and starts again, now finding the winner's profile.
 */
@Component
public class ProfileUpserter {

    /** Each retry follows a lost race for a new identifier; more than a few in a row would mean a fault. */
    private static final int MAX_ATTEMPTS = 8;

    private final IdentifierRegistry registry;

    private final ProfileRows rows;

    private final PropertiesCodec codec;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    ProfileUpserter(IdentifierRegistry registry, ProfileRows rows, PropertiesCodec codec, Clock clock,
            ApplicationEventPublisher events) {
        this.registry = registry;
        this.rows = rows;
        this.codec = codec;
        this.clock = clock;
        this.events = events;
    }

    /** What to do with identifiers that belong to other profiles. */
    public enum Mode {
        /** Klaviyo's Create Profile: any identifier that already has a profile refuses the whole request. */
        CREATE,
        /** Klaviyo's Create or Update and Update Profile: an identifier of another profile refuses the request. */
        STRICT,
        /** Events, imports, webhooks: go ahead, leave such identifiers with their profiles and report them. */
        LENIENT
    }

    /**
     * Applies {@code change} to the profile it names, creating the profile when nothing names an existing one.
     *
     * @throws InvalidProfileException when the change names no profile or holds a value that cannot be stored
     * @throws DuplicateProfileException in modes {@link Mode#CREATE} and {@link Mode#STRICT}, when another
     * profile holds one of the identifiers; nothing is stored then
     * @throws ProfileNotFoundException when the change names a profile id the account does not have
     */
    public UpsertResult upsert(String accountId, ProfileChange change, Mode mode) {
        ProfileChecks.check(change);
        if (change.profileId() == null && !change.hasIdentifiers()) {
            throw new InvalidProfileException("",
                    "A profile needs at least one of email, phone_number, external_id or anonymous_id.");
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<UpsertResult> result = attempt(accountId, change, mode);
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw new IllegalStateException(
                "Lost the race for a new profile's identifiers %d times in a row".formatted(MAX_ATTEMPTS));
    }

    /** One try; empty when another writer created the profile meanwhile and the caller should look again. */
    private Optional<UpsertResult> attempt(String accountId, ProfileChange change, Mode mode) {
        Map<Identifier, String> holders = registry.holders(accountId, change.identifiers());
        Target target = target(accountId, change, holders, mode);
        List<Identifier> claimed = new ArrayList<>();
        List<Identifier> owned = new ArrayList<>();
        List<IdentifierConflict> conflicts = new ArrayList<>();
        for (Identifier identifier : change.identifiers()) {
            String holder = holders.get(identifier);
            if (holder == null) {
                IdentifierRegistry.Claim claim = registry.claim(accountId, identifier, target.id());
                if (claim.applied()) {
                    claimed.add(identifier);
                    owned.add(identifier);
                    continue;
                }
                if (target.generated()) {
                    // Another writer has just created a profile with this identifier: it is the one meant
                    release(accountId, claimed, target.id());
                    return Optional.empty();
                }
                holder = claim.holder();
            }
            String live = holder.equals(target.id()) ? holder : rows.liveId(accountId, holder);
            if (live.equals(target.id())) {
                owned.add(identifier);
            }
            else {
                conflicts.add(new IdentifierConflict(identifier.kind(), identifier.value(), live));
            }
        }
        if (!conflicts.isEmpty() && mode != Mode.LENIENT) {
            release(accountId, claimed, target.id());
            throw new DuplicateProfileException(conflicts.get(0));
        }
        // Cassandra keeps milliseconds: what is returned should read as what a later find returns
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        StoredProfile before = target.current() != null ? target.current() : StoredProfile.empty(target.id());
        ProfileDiff diff = ProfileDiff.of(before, change, owned, now, codec);
        if (target.current() != null && diff.isEmpty()) {
            return Optional.of(new UpsertResult(target.current(), false, conflicts));
        }
        rows.write(accountId, before, diff, now, true);
        diff.releases.forEach(old -> registry.release(accountId, old, target.id()));
        // Only a write that changed something is announced: most events name their profile and change nothing
        events.publishEvent(new ProfileChanged(accountId, target.id()));
        return Optional.of(new UpsertResult(diff.applyTo(before, now), target.generated(), conflicts));
    }

    private Target target(String accountId, ProfileChange change, Map<Identifier, String> holders, Mode mode) {
        if (change.profileId() != null) {
            StoredProfile current = rows.findLive(accountId, change.profileId())
                .orElseThrow(() -> new ProfileNotFoundException(change.profileId()));
            return new Target(current.id(), current, false);
        }
        Optional<Identifier> strongest = change.identifiers().stream().filter(holders::containsKey).findFirst();
        if (strongest.isEmpty()) {
            return new Target(Ids.newId(), null, true);
        }
        String holder = holders.get(strongest.get());
        Optional<StoredProfile> current = rows.findLive(accountId, holder);
        String id = current.map(StoredProfile::id).orElse(holder);
        if (mode == Mode.CREATE) {
            throw new DuplicateProfileException(strongest.get().kind(), strongest.get().value(), id);
        }
        // No row yet: its creator claimed the identifier and has not written it, or failed in between. Either
        // way this write creates the row, under the id the identifier already points to.
        return new Target(id, current.orElse(null), false);
    }

    private void release(String accountId, List<Identifier> claimed, String profileId) {
        claimed.forEach(identifier -> registry.release(accountId, identifier, profileId));
    }

    /**
     * The profile a change is for.
     *
     * @param current its stored row, or {@code null} when it has none yet
     * @param generated whether this upsert made up the id, to create the profile
     */
    private record Target(String id, StoredProfile current, boolean generated) {
    }
}
