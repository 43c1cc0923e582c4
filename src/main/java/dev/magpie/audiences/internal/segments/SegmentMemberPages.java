package dev.magpie.audiences.internal.segments;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.audiences.internal.segments.SegmentMemberStore.Member;
import dev.magpie.audiences.internal.segments.SegmentMemberStore.MemberPage;
import dev.magpie.audiences.internal.segments.SegmentMemberStore.Position;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileSearch;
import dev.magpie.profiles.Profiles;
import org.springframework.stereotype.Component;

/**
 * A segment's members as its page shows them: page by page over the 64 shards of {@code segment_members} (the
 * cursor is the shard and the last profile id, written {@code 12:01H…}), each with the profile's email and name;
 * or found by email, phone number or name through the profiles module's search, then kept if they are members.
 */
@Component
class SegmentMemberPages {

    /** Profiles a search looks at: a name prefix can match many people who are not in the segment. */
    static final int SEARCH_CANDIDATES = 100;

    private final SegmentMemberStore members;

    private final Profiles profiles;

    private final ProfileSearch search;

    SegmentMemberPages(SegmentMemberStore members, Profiles profiles, ProfileSearch search) {
        this.members = members;
        this.profiles = profiles;
        this.search = search;
    }

    /** The page after {@code cursor} (the first page when it is empty or not one this page gave out). */
    Page page(String accountId, String segmentId, Optional<String> cursor, int size, ZoneId zone) {
        MemberPage found = members.members(accountId, segmentId, cursor.flatMap(SegmentMemberPages::position)
            .orElse(null), size);
        List<MemberRow> rows = new ArrayList<>();
        for (Member member : found.members()) {
            profiles.find(accountId, member.profileId())
                // A merged-away member, not yet removed, is not shown as the profile it now lives on
                .filter(profile -> profile.id().equals(member.profileId()))
                .ifPresent(profile -> rows.add(MemberRow.of(profile, member.since(), zone)));
        }
        Position next = found.next();
        return new Page(rows, next == null ? null : next.shard() + ":" + next.profileId());
    }

    /** The members among the profiles whose email, phone number, external id or name matches {@code text}. */
    List<MemberRow> search(String accountId, String segmentId, String text, ZoneId zone) {
        List<MemberRow> rows = new ArrayList<>();
        for (Profile profile : search.search(accountId, text, Optional.empty(), SEARCH_CANDIDATES).profiles()) {
            members.memberSince(accountId, segmentId, profile.id())
                .ifPresent(since -> rows.add(MemberRow.of(profile, since, zone)));
        }
        return rows;
    }

    static Optional<Position> position(String cursor) {
        int colon = cursor.indexOf(':');
        if (colon < 1) {
            return Optional.empty();
        }
        try {
            int shard = Integer.parseInt(cursor.substring(0, colon));
            if (shard < 0 || shard >= SegmentMemberStore.SHARDS) {
                return Optional.empty();
            }
            return Optional.of(new Position(shard, cursor.substring(colon + 1)));
        }
        catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    /** A page of members and the cursor of the next, or {@code null} at the end. */
    record Page(List<MemberRow> rows, String next) {
    }

    /** A member as the page lists it. */
    record MemberRow(String profileId, String email, String phoneNumber, String name, ZonedDateTime since) {

        static MemberRow of(Profile profile, Instant since, ZoneId zone) {
            String name = String.join(" ", profile.firstName() == null ? "" : profile.firstName(),
                    profile.lastName() == null ? "" : profile.lastName()).strip();
            return new MemberRow(profile.id(), profile.email(), profile.phoneNumber(), name.isEmpty() ? null : name,
                    since == null ? null : since.atZone(zone));
        }
    }
}
