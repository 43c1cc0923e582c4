package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.magpie.profiles.ProfileScan;
import dev.magpie.shared.Ids;

import static org.assertj.core.api.Assertions.assertThat;

// Writes benchmark data straight into the Cassandra tables the segments read: profiles (with their listing row),
// rolled-up events, list memberships. The public write paths claim every email with a lightweight transaction
// and would take an hour for a million profiles; these rows are the ones those paths leave behind.
final class BenchmarkSeeder {

    private static final int IN_FLIGHT = 256;

    private final CqlSession session;

    private final String account;

    private final PreparedStatement profile;

    private final PreparedStatement listed;

    private final PreparedStatement rollup;

    private final PreparedStatement member;

    private final PreparedStatement memberByProfile;

    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    BenchmarkSeeder(CqlSession session, String account) {
        this.session = session;
        this.account = account;
        profile = session.prepare("INSERT INTO profiles (account_id, profile_id, email, properties, updated) "
                + "VALUES (?, ?, ?, ?, ?)");
        listed = session.prepare(
                "INSERT INTO profiles_by_shard (account_id, shard, profile_id, updated) VALUES (?, ?, ?, ?)");
        rollup = session.prepare("UPDATE profile_metric_days SET event_values = event_values + ?, "
                + "event_months = event_months + ? WHERE account_id = ? AND profile_id = ? AND metric_id = ? "
                + "AND day = ?");
        member = session.prepare("INSERT INTO list_members (account_id, list_id, shard, profile_id, status, since) "
                + "VALUES (?, ?, ?, ?, 'CONFIRMED', ?)");
        memberByProfile = session.prepare("INSERT INTO lists_by_profile (account_id, profile_id, list_id, status, "
                + "since) VALUES (?, ?, ?, 'CONFIRMED', ?)");
    }

    /** A new profile with this email and these text properties; its id. */
    String profile(String email, Map<String, String> properties, Instant now) throws InterruptedException {
        String id = Ids.newId();
        // Custom properties are stored as JSON values
        Map<String, String> json = properties.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, entry -> '"' + entry.getValue() + '"'));
        write(profile.bind(account, id, email, json, now));
        write(listed.bind(account, ProfileScan.shardOf(id), id, now));
        return id;
    }

    /** An event of the metric in the profile's rollups, as the activity module rolls it up. */
    void event(String profileId, String metricId, Instant time, BigDecimal value) throws InterruptedException {
        LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
        String eventId = UlidCreator.getUlid(time.toEpochMilli()).toString();
        write(rollup.bind(Map.of(eventId, value), Set.of(day.getYear() * 100 + day.getMonthValue()), account,
                profileId, metricId, day));
    }

    /** A confirmed member of the list. */
    void listMember(String listId, String profileId, Instant since) throws InterruptedException {
        write(member.bind(account, listId, ProfileScan.shardOf(profileId), profileId, since));
        write(memberByProfile.bind(account, profileId, listId, since));
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
