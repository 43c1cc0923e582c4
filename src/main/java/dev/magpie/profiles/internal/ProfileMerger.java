package dev.magpie.profiles.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.ProfilesMerged;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Merges profiles that turned out to be one person into a survivor.
 *
 * <p>The survivor keeps its id and everything it has; from each merged profile it takes its identifiers (every
 * identifier row of the merged profile points at the survivor afterwards, so old emails and ids still find the
 * person), the standard fields and custom properties the survivor lacks, and per channel the newer consent. The
 * merged profile keeps its row, marked {@code merged_into} the survivor (its id finds the survivor from then on),
 * and leaves the listing and the name index. Then {@link ProfilesMerged} is published, so that other modules move
 * what they keep per profile (the activity timeline).
 *
 * <p>Every step can be repeated: a merge that failed half-way completes when it is asked for again, and a merge
 * asked for again is announced again (listeners must be idempotent, as the publication registry delivers at least
 * once anyway).
 */
@Component
public class ProfileMerger {

    private final ProfileRows rows;

    private final IdentifierRegistry registry;

    private final PropertiesCodec codec;

    private final ApplicationEventPublisher events;

    private final TenantTransactions transactions;

    private final Clock clock;

    ProfileMerger(ProfileRows rows, IdentifierRegistry registry, PropertiesCodec codec,
            ApplicationEventPublisher events, TenantTransactions transactions, Clock clock) {
        this.rows = rows;
        this.registry = registry;
        this.codec = codec;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Merges {@code otherIds} into {@code survivorId}. Ids already merged into the survivor change nothing (but are
     * announced again); an id merged into a third profile stands for that profile.
     *
     * @throws ProfileNotFoundException when any of the ids is not a profile of the account (nothing is changed)
     * @throws IllegalArgumentException when the survivor is among the profiles to merge
     */
    public Merge mergeProfiles(String accountId, String survivorId, List<String> otherIds) {
        StoredProfile survivor = rows.findLive(accountId, survivorId)
            .orElseThrow(() -> new ProfileNotFoundException(survivorId));
        Map<String, StoredProfile> sources = new LinkedHashMap<>();
        Set<String> announced = new LinkedHashSet<>();
        for (String otherId : new LinkedHashSet<>(otherIds)) {
            if (otherId.equals(survivor.id())) {
                throw new IllegalArgumentException("A profile cannot be merged into itself: " + otherId);
            }
            StoredProfile source = rows.findLive(accountId, otherId)
                .orElseThrow(() -> new ProfileNotFoundException(otherId));
            if (source.id().equals(survivor.id())) {
                // Merged before: announced again, in case the first announcement was lost in a crash
                announced.add(otherId);
            }
            else {
                sources.putIfAbsent(source.id(), source);
            }
        }
        for (StoredProfile source : sources.values()) {
            survivor = mergeOne(accountId, survivor, source);
        }
        List<String> merged = List.copyOf(sources.keySet());
        announced.addAll(merged);
        if (!announced.isEmpty()) {
            publish(new ProfilesMerged(accountId, survivor.id(), List.copyOf(announced)));
        }
        return new Merge(survivor, merged);
    }

    private StoredProfile mergeOne(String accountId, StoredProfile survivor, StoredProfile source) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ProfileDiff diff = ProfileDiff.none(survivor);
        Set<IdentifierKind> filled = new LinkedHashSet<>();
        for (Identifier identifier : ProfileRows.identifiersOf(source)) {
            boolean moved = registry.move(accountId, identifier, source.id(), survivor.id());
            if (identifier.kind() == IdentifierKind.ANONYMOUS_ID) {
                if (!survivor.anonymousIds().contains(identifier.value())) {
                    diff.addedAnonymousIds.add(identifier.value());
                }
            }
            else if (moved && survivor.identifier(identifier.kind()) == null && filled.add(identifier.kind())) {
                diff.identifierColumns.put(identifier.kind(), identifier.value());
            }
        }
        source.fields().forEach((field, value) -> {
            if (!survivor.fields().containsKey(field)) {
                diff.fields.put(field, value);
            }
        });
        source.properties().forEach((key, value) -> {
            if (!survivor.properties().containsKey(key)) {
                diff.setProperties.put(key, codec.write(value));
                diff.propertiesAfter.put(key, value);
            }
        });
        for (Map.Entry<Channel, Consent> entry : source.consent().entrySet()) {
            Consent kept = survivor.consent().get(entry.getKey());
            if (kept == null || newer(entry.getValue(), kept)) {
                diff.consent.put(entry.getKey(), entry.getValue());
            }
        }
        if (!diff.isEmpty()) {
            rows.write(accountId, survivor, diff, now, true);
        }
        ProfileDiff retire = ProfileDiff.none(source);
        retire.mergedInto = survivor.id();
        rows.write(accountId, source, retire, now, false);
        return diff.isEmpty() ? survivor : diff.applyTo(survivor, now);
    }

    private static boolean newer(Consent candidate, Consent kept) {
        return candidate.at() != null && (kept.at() == null || candidate.at().isAfter(kept.at()));
    }

    /**
     * Publishes inside a (control-plane) transaction: the event publication registry then records the event, and
     * listeners declared with {@code @ApplicationModuleListener} (transactional, after commit) receive it, as
     * plain {@code @EventListener}s do. Cassandra has no transaction of its own; the merge above is written
     * before, and a failed listener is retried from the registry.
     */
    private void publish(ProfilesMerged event) {
        transactions.inAccount(event.accountId(), () -> {
            events.publishEvent(event);
            return null;
        });
    }

    /**
     * A completed merge.
     *
     * @param survivor the profile as it is now
     * @param mergedIds the profiles merged into it by this call
     */
    public record Merge(StoredProfile survivor, List<String> mergedIds) {
    }
}
