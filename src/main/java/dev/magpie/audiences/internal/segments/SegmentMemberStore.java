package dev.magpie.audiences.internal.segments;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.magpie.profiles.ProfileScan;
import org.springframework.stereotype.Component;

/**
 * Segment membership and due checks in Cassandra ({@code db/cassandra/migrations/V005__segments.cql}): by profile,
 * by segment (64 shards), and the schedule of time-driven re-evaluations.
 */
@Component
class SegmentMemberStore {

    /** Shards of a segment's member list, as {@code profiles_by_shard}. */
    static final int SHARDS = ProfileScan.SHARDS;

    private final CqlSession session;

    private final PreparedStatement selectByProfile;

    private final PreparedStatement selectOne;

    private final PreparedStatement claimEntry;

    private final PreparedStatement claimExit;

    private final PreparedStatement insertMember;

    private final PreparedStatement deleteMember;

    private final PreparedStatement insertByProfile;

    private final PreparedStatement deleteByProfile;

    private final PreparedStatement selectMembers;

    private final PreparedStatement selectShard;

    private final PreparedStatement insertCheck;

    private final PreparedStatement selectChecks;

    private final PreparedStatement deleteChecks;

    SegmentMemberStore(CqlSession session) {
        this.session = session;
        selectByProfile = session.prepare("SELECT segment_id, since FROM segment_memberships_by_profile "
                + "WHERE account_id = ? AND profile_id = ?");
        selectOne = session.prepare("SELECT since FROM segment_memberships_by_profile "
                + "WHERE account_id = ? AND profile_id = ? AND segment_id = ?");
        claimEntry = session.prepare("INSERT INTO segment_memberships_by_profile (account_id, profile_id, segment_id, "
                + "since) VALUES (?, ?, ?, ?) IF NOT EXISTS");
        claimExit = session.prepare("DELETE FROM segment_memberships_by_profile "
                + "WHERE account_id = ? AND profile_id = ? AND segment_id = ? IF EXISTS");
        insertMember = session.prepare("INSERT INTO segment_members (account_id, segment_id, shard, profile_id, since, "
                + "checked) VALUES (?, ?, ?, ?, ?, ?)");
        deleteMember = session.prepare("DELETE FROM segment_members "
                + "WHERE account_id = ? AND segment_id = ? AND shard = ? AND profile_id = ?");
        insertByProfile = session.prepare("INSERT INTO segment_memberships_by_profile (account_id, profile_id, "
                + "segment_id, since) VALUES (?, ?, ?, ?)");
        deleteByProfile = session.prepare("DELETE FROM segment_memberships_by_profile "
                + "WHERE account_id = ? AND profile_id = ? AND segment_id = ?");
        selectMembers = session.prepare("SELECT profile_id, since FROM segment_members "
                + "WHERE account_id = ? AND segment_id = ? AND shard = ? AND profile_id > ? LIMIT ?");
        selectShard = session.prepare("SELECT profile_id, since FROM segment_members "
                + "WHERE account_id = ? AND segment_id = ? AND shard = ?");
        insertCheck = session.prepare("INSERT INTO segment_checks (account_id, hour, due, segment_id, profile_id) "
                + "VALUES (?, ?, ?, ?, ?)");
        selectChecks = session.prepare("SELECT due, segment_id, profile_id FROM segment_checks "
                + "WHERE account_id = ? AND hour = ?");
        deleteChecks = session.prepare("DELETE FROM segment_checks WHERE account_id = ? AND hour = ?");
    }

    static int shard(String profileId) {
        return ProfileScan.shardOf(profileId);
    }

    /** The segments the profile is in, with the time it entered each. */
    Map<String, Instant> segmentsOf(String accountId, String profileId) {
        Map<String, Instant> segments = new LinkedHashMap<>();
        for (Row row : session.execute(selectByProfile.bind(accountId, profileId))) {
            segments.put(row.getString("segment_id"), row.getInstant("since"));
        }
        return segments;
    }

    /** Since when the profile is in the segment, if it is. */
    Optional<Instant> memberSince(String accountId, String segmentId, String profileId) {
        Row row = session.execute(selectOne.bind(accountId, profileId, segmentId)).one();
        return row == null ? Optional.empty() : Optional.ofNullable(row.getInstant("since"));
    }

    /** Makes the profile a member; {@code false} when it already was one (another writer got there first). */
    boolean enter(String accountId, String segmentId, String profileId, Instant since) {
        boolean applied = session.execute(claimEntry.bind(accountId, profileId, segmentId, since)).wasApplied();
        // Written whether or not this writer won: a writer that died between the two writes is repaired here
        session.execute(insertMember.bind(accountId, segmentId, shard(profileId), profileId, since, since));
        return applied;
    }

    /** Removes the profile from the segment; {@code false} when it was not a member. */
    boolean exit(String accountId, String segmentId, String profileId) {
        boolean applied = session.execute(claimExit.bind(accountId, profileId, segmentId)).wasApplied();
        session.execute(deleteMember.bind(accountId, segmentId, shard(profileId), profileId));
        return applied;
    }

    /**
     * The members of one shard of the segment, with since when: what a full evaluation compares its answers with.
     */
    Map<String, Instant> shardMembers(String accountId, String segmentId, int shard) {
        Map<String, Instant> members = new HashMap<>();
        for (Row row : session.execute(selectShard.bind(accountId, segmentId, shard).setPageSize(5000))) {
            members.put(row.getString("profile_id"), row.getInstant("since"));
        }
        return members;
    }

    /**
     * Makes the profile a member with plain writes, without asking who was first: for a full evaluation, which
     * announces nothing and sets the count itself when it completes.
     */
    List<CompletableFuture<?>> place(String accountId, String segmentId, String profileId, Instant since) {
        return List.of(
                session.executeAsync(insertByProfile.bind(accountId, profileId, segmentId, since)).toCompletableFuture(),
                session.executeAsync(insertMember.bind(accountId, segmentId, shard(profileId), profileId, since, since))
                    .toCompletableFuture());
    }

    /** Takes the profile out with plain writes: {@link #place}'s counterpart. */
    List<CompletableFuture<?>> remove(String accountId, String segmentId, String profileId) {
        return List.of(
                session.executeAsync(deleteByProfile.bind(accountId, profileId, segmentId)).toCompletableFuture(),
                session.executeAsync(deleteMember.bind(accountId, segmentId, shard(profileId), profileId))
                    .toCompletableFuture());
    }

    /**
     * A page of the segment's members in (shard, profile id) order, starting after {@code after}; the next
     * position, if there are more.
     */
    MemberPage members(String accountId, String segmentId, Position after, int limit) {
        List<Member> members = new ArrayList<>();
        Position position = after == null ? new Position(0, "") : after;
        for (int shard = position.shard(); shard < SHARDS && members.size() < limit; shard++) {
            String from = shard == position.shard() ? position.profileId() : "";
            for (Row row : session.execute(selectMembers.bind(accountId, segmentId, shard, from,
                    limit - members.size()))) {
                members.add(new Member(row.getString("profile_id"), row.getInstant("since"), shard));
            }
        }
        Position next = null;
        if (members.size() == limit) {
            Member last = members.get(members.size() - 1);
            next = new Position(last.shard(), last.profileId());
        }
        return new MemberPage(members, next);
    }

    /** Every member of the segment with since when it is one, shard by shard. */
    void forEachMember(String accountId, String segmentId, BiConsumer<String, Instant> each) {
        for (int shard = 0; shard < SHARDS; shard++) {
            for (Row row : session.execute(selectShard.bind(accountId, segmentId, shard).setPageSize(1000))) {
                each.accept(row.getString("profile_id"), row.getInstant("since"));
            }
        }
    }

    /** Asks for the profile to be re-evaluated for the segment at {@code due}. */
    void scheduleCheck(String accountId, String segmentId, String profileId, Instant due) {
        session.execute(check(accountId, segmentId, profileId, due));
    }

    /** {@link #scheduleCheck}, without waiting for the write. */
    CompletableFuture<?> scheduleCheckAsync(String accountId, String segmentId, String profileId, Instant due) {
        return session.executeAsync(check(accountId, segmentId, profileId, due)).toCompletableFuture();
    }

    private BoundStatement check(String accountId, String segmentId, String profileId, Instant due) {
        return insertCheck.bind(accountId, due.truncatedTo(ChronoUnit.HOURS), due, segmentId, profileId);
    }

    /** The checks due in the hour starting at {@code hour}. */
    List<Check> checks(String accountId, Instant hour) {
        List<Check> checks = new ArrayList<>();
        for (Row row : session.execute(selectChecks.bind(accountId, hour).setPageSize(1000))) {
            checks.add(new Check(row.getInstant("due"), row.getString("segment_id"), row.getString("profile_id")));
        }
        return checks;
    }

    void deleteChecks(String accountId, Instant hour) {
        session.execute(deleteChecks.bind(accountId, hour));
    }

    /** Runs {@code writes} in parallel and waits for all. */
    static void awaitAll(List<CompletableFuture<?>> writes) {
        writes.forEach(CompletableFuture::join);
    }

    /** A member and since when. */
    record Member(String profileId, Instant since, int shard) {
    }

    /** Where a page of members ends. */
    record Position(int shard, String profileId) {
    }

    record MemberPage(List<Member> members, Position next) {
    }

    /** A due re-evaluation. */
    record Check(Instant due, String segmentId, String profileId) {
    }
}
