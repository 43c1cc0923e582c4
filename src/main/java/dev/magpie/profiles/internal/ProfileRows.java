package dev.magpie.profiles.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import org.springframework.stereotype.Component;

/**
 * Reads and writes profile rows: the {@code profiles} table itself and the two tables that index it,
 * {@code profiles_by_shard} (every live profile, for listing) and {@code profile_names} (names, for search).
 * A write that touches several of them is one logged batch, so the indexes never lose sight of a profile.
 */
@Component
public class ProfileRows {

    /** How many {@code merged_into} hops {@link #findLive} follows; merges of merges are rare, cycles impossible. */
    private static final int MAX_MERGE_HOPS = 8;

    private final CqlSession session;

    private final PropertiesCodec codec;

    private final PreparedStatement select;

    private final PreparedStatement update;

    private final PreparedStatement removeProperties;

    private final PreparedStatement list;

    private final PreparedStatement unlist;

    private final PreparedStatement indexName;

    private final PreparedStatement unindexName;

    private final UserDefinedType consentType;

    ProfileRows(CqlSession session, PropertiesCodec codec) {
        this.session = session;
        this.codec = codec;
        this.select = session.prepare("SELECT * FROM profiles WHERE account_id = ? AND profile_id = ?");
        StringBuilder columns = new StringBuilder("email = :email, phone_number = :phone_number,"
                + " external_id = :external_id, anonymous_ids = anonymous_ids + :anonymous_ids");
        for (ProfileField field : ProfileField.values()) {
            columns.append(", ").append(field.column()).append(" = :").append(field.column());
        }
        columns.append(", properties = properties + :properties, consent = consent + :consent,"
                + " updated = :updated, merged_into = :merged_into");
        // Values a write leaves unbound are "unset" and not written at all: one statement serves every change
        this.update = session.prepare(
                "UPDATE profiles SET " + columns + " WHERE account_id = :account_id AND profile_id = :profile_id");
        this.removeProperties = session.prepare(
                "UPDATE profiles SET properties = properties - ? WHERE account_id = ? AND profile_id = ?");
        this.list = session.prepare(
                "INSERT INTO profiles_by_shard (account_id, shard, profile_id, updated) VALUES (?, ?, ?, ?)");
        this.unlist = session.prepare(
                "DELETE FROM profiles_by_shard WHERE account_id = ? AND shard = ? AND profile_id = ?");
        this.indexName = session.prepare(
                "INSERT INTO profile_names (account_id, initial, bucket, name, profile_id) VALUES (?, ?, ?, ?, ?)");
        this.unindexName = session.prepare("DELETE FROM profile_names"
                + " WHERE account_id = ? AND initial = ? AND bucket = ? AND name = ? AND profile_id = ?");
        MapType consentColumn = (MapType) update.getVariableDefinitions().get("consent").getType();
        this.consentType = (UserDefinedType) consentColumn.getValueType();
    }

    /** The stored row of {@code profileId}, merged or not; empty when there is none. */
    public CompletableFuture<Optional<StoredProfile>> find(String accountId, String profileId) {
        return session.executeAsync(select.bind(accountId, profileId))
            .thenApply(AsyncResultSet::one)
            .thenApply(row -> Optional.ofNullable(row).filter(ProfileRows::exists).map(this::profile))
            .toCompletableFuture();
    }

    /** The live profile {@code profileId} is, following merges to the survivor. */
    public Optional<StoredProfile> findLive(String accountId, String profileId) {
        String id = profileId;
        for (int hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
            Optional<StoredProfile> found = find(accountId, id).join();
            if (found.isEmpty() || !found.get().merged()) {
                return found;
            }
            id = found.get().mergedInto();
        }
        return Optional.empty();
    }

    /**
     * The live profiles {@code ids} stand for, by id, in the order given (missing ones left out): the ids are read in
     * parallel, and the few merged-away ones then followed to their survivors as {@link #findLive} follows them.
     */
    public Map<String, StoredProfile> findAllLive(String accountId, Collection<String> ids) {
        Map<String, CompletableFuture<Optional<StoredProfile>>> reads = new LinkedHashMap<>();
        ids.forEach(id -> reads.computeIfAbsent(id, first -> find(accountId, first)));
        Map<String, StoredProfile> found = new LinkedHashMap<>();
        reads.forEach((id, read) -> {
            Optional<StoredProfile> profile = read.join();
            if (profile.isPresent() && profile.get().merged()) {
                profile = findLive(accountId, profile.get().mergedInto());
            }
            profile.ifPresent(live -> found.put(id, live));
        });
        return found;
    }

    /** The live profiles of {@code ids}, read in parallel, in the order given (merged or missing ones left out). */
    public List<StoredProfile> findAll(String accountId, List<String> ids) {
        List<CompletableFuture<Optional<StoredProfile>>> reads = ids.stream().map(id -> find(accountId, id)).toList();
        List<StoredProfile> found = new ArrayList<>();
        reads.forEach(read -> read.join().filter(profile -> !profile.merged()).ifPresent(found::add));
        return found;
    }

    /** The id of the live profile {@code profileId} stands for: itself, or its survivor if it was merged. */
    public String liveId(String accountId, String profileId) {
        return findLive(accountId, profileId).map(StoredProfile::id).orElse(profileId);
    }

    /**
     * Writes {@code diff} to the profile {@code before} (which may be {@link StoredProfile#empty} for a new
     * profile), keeping the listing and the name index in step; {@code listed} says whether the profile is live.
     */
    public void write(String accountId, StoredProfile before, ProfileDiff diff, Instant updated, boolean listed) {
        String id = before.id();
        List<BatchableStatement<?>> statements = new ArrayList<>();
        statements.add(update(accountId, id, diff, updated));
        if (!diff.removedProperties.isEmpty()) {
            statements.add(removeProperties.bind(Set.copyOf(diff.removedProperties), accountId, id));
        }
        int shard = ProfileShards.shard(id);
        statements.add(listed ? list.bind(accountId, shard, id, updated) : unlist.bind(accountId, shard, id));
        Set<String> namesBefore = NameKeys.of(before.text(ProfileField.FIRST_NAME), before.text(ProfileField.LAST_NAME));
        Set<String> namesAfter = listed ? names(before, diff) : Set.of();
        int bucket = ProfileShards.nameBucket(id);
        for (String name : namesBefore) {
            if (!namesAfter.contains(name)) {
                statements.add(unindexName.bind(accountId, NameKeys.initial(name), bucket, name, id));
            }
        }
        for (String name : namesAfter) {
            if (!namesBefore.contains(name)) {
                statements.add(indexName.bind(accountId, NameKeys.initial(name), bucket, name, id));
            }
        }
        session.execute(BatchStatement.newInstance(BatchType.LOGGED, statements));
    }

    private static Set<String> names(StoredProfile before, ProfileDiff diff) {
        Object first = diff.fields.containsKey(ProfileField.FIRST_NAME) ? diff.fields.get(ProfileField.FIRST_NAME)
                : before.text(ProfileField.FIRST_NAME);
        Object last = diff.fields.containsKey(ProfileField.LAST_NAME) ? diff.fields.get(ProfileField.LAST_NAME)
                : before.text(ProfileField.LAST_NAME);
        return NameKeys.of((String) first, (String) last);
    }

    private BatchableStatement<?> update(String accountId, String id, ProfileDiff diff, Instant updated) {
        BoundStatementBuilder statement = update.boundStatementBuilder()
            .setString("account_id", accountId)
            .setString("profile_id", id)
            .setInstant("updated", updated);
        diff.identifierColumns.forEach((kind, value) -> {
            String column = Identifier.attribute(kind);
            if (value == null) {
                statement.setToNull(column);
            }
            else {
                statement.setString(column, value);
            }
        });
        if (!diff.addedAnonymousIds.isEmpty()) {
            statement.setSet("anonymous_ids", Set.copyOf(diff.addedAnonymousIds), String.class);
        }
        diff.fields.forEach((field, value) -> {
            if (value == null) {
                statement.setToNull(field.column());
            }
            else if (field.numeric()) {
                statement.setDouble(field.column(), ((Number) value).doubleValue());
            }
            else {
                statement.setString(field.column(), (String) value);
            }
        });
        if (!diff.setProperties.isEmpty()) {
            statement.setMap("properties", diff.setProperties, String.class, String.class);
        }
        if (!diff.consent.isEmpty()) {
            Map<String, UdtValue> consents = new LinkedHashMap<>();
            diff.consent.forEach((channel, consent) -> consents.put(channel.name(), udt(consent)));
            statement.setMap("consent", consents, String.class, UdtValue.class);
        }
        if (diff.mergedInto != null) {
            statement.setString("merged_into", diff.mergedInto);
        }
        return statement.build();
    }

    private UdtValue udt(Consent consent) {
        return consentType.newValue()
            .setString("state", consent.state().name())
            .setInstant("at", consent.at())
            .setString("method", consent.method())
            .setString("source", consent.source());
    }

    // Every write sets "updated"; a row without it holds nothing but the remains of deleted cells
    private static boolean exists(Row row) {
        return !row.isNull("updated");
    }

    private StoredProfile profile(Row row) {
        Map<ProfileField, Object> fields = new EnumMap<>(ProfileField.class);
        for (ProfileField field : ProfileField.values()) {
            if (!row.isNull(field.column())) {
                fields.put(field, field.numeric() ? row.getDouble(field.column()) : row.getString(field.column()));
            }
        }
        Map<Channel, Consent> consent = new EnumMap<>(Channel.class);
        row.getMap("consent", String.class, UdtValue.class).forEach((channel, value) -> {
            try {
                consent.put(Channel.valueOf(channel), new Consent(Consent.State.valueOf(value.getString("state")),
                        value.getInstant("at"), value.getString("method"), value.getString("source")));
            }
            catch (IllegalArgumentException unknown) {
                // a channel or state a newer version wrote; this version cannot show it
            }
        });
        return new StoredProfile(row.getString("profile_id"), row.getString("email"), row.getString("phone_number"),
                row.getString("external_id"), new HashSet<>(row.getSet("anonymous_ids", String.class)), fields,
                codec.readAll(row.getMap("properties", String.class, String.class)), consent, row.getInstant("updated"),
                row.getString("merged_into"));
    }

    /** The identifier columns of {@code profile}, for moving them on a merge. */
    static List<Identifier> identifiersOf(StoredProfile profile) {
        List<Identifier> identifiers = new ArrayList<>();
        for (IdentifierKind kind : List.of(IdentifierKind.EXTERNAL_ID, IdentifierKind.EMAIL,
                IdentifierKind.PHONE_NUMBER)) {
            if (profile.identifier(kind) != null) {
                identifiers.add(new Identifier(kind, profile.identifier(kind)));
            }
        }
        profile.anonymousIds().forEach(id -> identifiers.add(new Identifier(IdentifierKind.ANONYMOUS_ID, id)));
        return identifiers;
    }
}
