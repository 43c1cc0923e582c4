package dev.magpie.profiles.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.springframework.stereotype.Component;

/**
 * Which profile holds each identifier ({@code profile_identifiers}). Claims, releases and moves are lightweight
 * transactions, so an identifier belongs to exactly one profile even when several instances claim it at once.
 */
@Component
public class IdentifierRegistry {

    private final CqlSession session;

    private final PreparedStatement holder;

    private final PreparedStatement claim;

    private final PreparedStatement release;

    private final PreparedStatement move;

    IdentifierRegistry(CqlSession session) {
        this.session = session;
        this.holder = session.prepare(
                "SELECT profile_id FROM profile_identifiers WHERE account_id = ? AND kind = ? AND value = ?");
        this.claim = session.prepare("INSERT INTO profile_identifiers (account_id, kind, value, profile_id)"
                + " VALUES (?, ?, ?, ?) IF NOT EXISTS");
        this.release = session.prepare(
                "DELETE FROM profile_identifiers WHERE account_id = ? AND kind = ? AND value = ? IF profile_id = ?");
        this.move = session.prepare("UPDATE profile_identifiers SET profile_id = ?"
                + " WHERE account_id = ? AND kind = ? AND value = ? IF profile_id = ?");
    }

    /** The profile holding {@code identifier}, if any. */
    public CompletableFuture<Optional<String>> holder(String accountId, Identifier identifier) {
        return session.executeAsync(holder.bind(accountId, identifier.kind().name(), identifier.value()))
            .thenApply(AsyncResultSet::one)
            .thenApply(row -> Optional.ofNullable(row).map(found -> found.getString("profile_id")))
            .toCompletableFuture();
    }

    /** The holders of those of {@code identifiers} that have one, looked up in parallel. */
    public Map<Identifier, String> holders(String accountId, List<Identifier> identifiers) {
        Map<Identifier, CompletableFuture<Optional<String>>> lookups = new LinkedHashMap<>();
        identifiers.forEach(identifier -> lookups.put(identifier, holder(accountId, identifier)));
        Map<Identifier, String> holders = new LinkedHashMap<>();
        lookups.forEach((identifier, lookup) -> lookup.join().ifPresent(id -> holders.put(identifier, id)));
        return holders;
    }

    /**
     * Gives {@code identifier} to {@code profileId} unless someone holds it already; either way says who holds it
     * now.
     */
    public Claim claim(String accountId, Identifier identifier, String profileId) {
        Row row = session.execute(claim.bind(accountId, identifier.kind().name(), identifier.value(), profileId)).one();
        if (row.getBoolean("[applied]")) {
            return new Claim(true, profileId);
        }
        return new Claim(false, row.getString("profile_id"));
    }

    /** Frees {@code identifier} if {@code profileId} still holds it. */
    public boolean release(String accountId, Identifier identifier, String profileId) {
        return session.execute(release.bind(accountId, identifier.kind().name(), identifier.value(), profileId))
            .wasApplied();
    }

    /** Gives {@code identifier} from {@code from} to {@code to}, if {@code from} still holds it. */
    public boolean move(String accountId, Identifier identifier, String from, String to) {
        return session.execute(move.bind(to, accountId, identifier.kind().name(), identifier.value(), from))
            .wasApplied();
    }

    /**
     * The result of a claim.
     *
     * @param applied whether this claim took the identifier
     * @param holder who holds it now: the claimant when applied, the earlier holder otherwise
     */
    public record Claim(boolean applied, String holder) {
    }
}
