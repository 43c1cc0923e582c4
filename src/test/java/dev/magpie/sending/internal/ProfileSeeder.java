package dev.magpie.sending.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.ProfileScan;
import dev.magpie.shared.Ids;

import static org.assertj.core.api.Assertions.assertThat;

// Writes many subscribed profiles straight into the Cassandra tables the profiles module keeps: the row (address,
// first name, a custom property, email-marketing consent), its shard listing and its email identifier; and list
// memberships as the lists module keeps them. Profiles.upsert claims every address with a lightweight transaction, a
// few milliseconds each; these are the rows it leaves behind.
final class ProfileSeeder {

    private static final int IN_FLIGHT = 256;

    private final CqlSession session;

    private final String account;

    private final PreparedStatement profile;

    private final PreparedStatement listed;

    private final PreparedStatement identifier;

    private final PreparedStatement member;

    private final PreparedStatement memberByProfile;

    private final UdtValue subscribed;

    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ProfileSeeder(CqlSession session, String account) {
        this.session = session;
        this.account = account;
        profile = session.prepare("INSERT INTO profiles (account_id, profile_id, email, first_name, properties, "
                + "consent, updated) VALUES (?, ?, ?, ?, ?, ?, ?)");
        listed = session.prepare(
                "INSERT INTO profiles_by_shard (account_id, shard, profile_id, updated) VALUES (?, ?, ?, ?)");
        identifier = session.prepare(
                "INSERT INTO profile_identifiers (account_id, kind, value, profile_id) VALUES (?, 'EMAIL', ?, ?)");
        member = session.prepare("INSERT INTO list_members (account_id, list_id, shard, profile_id, status, since) "
                + "VALUES (?, ?, ?, ?, 'CONFIRMED', ?)");
        memberByProfile = session.prepare("INSERT INTO lists_by_profile (account_id, profile_id, list_id, status, "
                + "since) VALUES (?, ?, ?, 'CONFIRMED', ?)");
        UserDefinedType consent = session.getMetadata()
            .getKeyspace(session.getKeyspace().orElseThrow())
            .flatMap(keyspace -> keyspace.getUserDefinedType("profile_consent"))
            .orElseThrow();
        subscribed = consent.newValue()
            .setString("state", "SUBSCRIBED")
            .setInstant("at", Instant.now())
            .setString("method", "API")
            .setString("source", "seed");
    }

    /** A new profile subscribed to email marketing, with this (lower-case) address, first name and tier; its id. */
    String profile(String email, String firstName, String tier) throws InterruptedException {
        String id = Ids.newId();
        Instant now = Instant.now();
        // Custom properties are stored as JSON values
        write(profile.bind(account, id, email, firstName, Map.of("tier", '"' + tier + '"'),
                Map.of(Channel.EMAIL_MARKETING.name(), subscribed), now));
        write(listed.bind(account, ProfileScan.shardOf(id), id, now));
        write(identifier.bind(account, email, id));
        return id;
    }

    /** Makes the profile a confirmed member of the list, as the lists module records one. */
    void listMember(String listId, String profileId) throws InterruptedException {
        Instant now = Instant.now();
        write(member.bind(account, listId, ProfileScan.shardOf(profileId), profileId, now));
        write(memberByProfile.bind(account, profileId, listId, now));
    }

    /** Waits for every write and checks that none failed. */
    void await() throws InterruptedException {
        inFlight.acquire(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
        assertThat(failure.get()).isNull();
    }

    private void write(Statement<?> statement) throws InterruptedException {
        inFlight.acquire();
        session.executeAsync(statement).whenComplete((result, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            inFlight.release();
        });
    }
}
