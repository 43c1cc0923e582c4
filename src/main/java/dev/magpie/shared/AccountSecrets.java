package dev.magpie.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Each account's secret of one kind, kept in a Cassandra table of {@code (account_id, secret, created_at)}: 32 random
 * bytes, made the first time the account needs one. A lightweight transaction makes two instances making it at once
 * agree on one. A secret never changes, so every instance keeps the ones it has read. Each kind of signed link has a
 * table of its own, so that a link of one kind can never stand in for another.
 */
public class AccountSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CqlSession session;

    private final Clock clock;

    private final PreparedStatement insert;

    private final PreparedStatement select;

    private final Map<String, String> known = new ConcurrentHashMap<>();

    protected AccountSecrets(CqlSession session, Clock clock, String table) {
        this.session = session;
        this.clock = clock;
        insert = session.prepare(
                "INSERT INTO " + table + " (account_id, secret, created_at) VALUES (?, ?, ?) IF NOT EXISTS");
        select = session.prepare("SELECT secret FROM " + table + " WHERE account_id = ?");
    }

    /** The account's secret, made now if it has none yet: for signing. */
    public String of(String accountId) {
        return existing(accountId).orElseGet(() -> {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Row row = session.execute(insert.bind(accountId, made, clock.instant())).one();
            // A refused insert answers with the secret another instance made first
            String secret = row == null || row.getBoolean("[applied]") ? made : row.getString("secret");
            known.put(accountId, secret);
            return secret;
        });
    }

    /** The account's secret, if it has one: for checking, which must never make one. */
    public Optional<String> existing(String accountId) {
        String cached = known.get(accountId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Row row = session.execute(select.bind(accountId)).one();
        if (row == null) {
            return Optional.empty();
        }
        known.put(accountId, row.getString("secret"));
        return Optional.of(row.getString("secret"));
    }
}
