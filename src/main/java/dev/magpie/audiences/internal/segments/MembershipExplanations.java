package dev.magpie.audiences.internal.segments;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.audiences.internal.segments.Evaluation.ConditionResult;
import dev.magpie.audiences.internal.segments.Evaluation.GroupResult;
import org.springframework.stereotype.Component;

/**
 * Why a profile is in a segment or not, as the "why" view shows it: the definition evaluated for the profile now,
 * each condition described with the profile's actual value and whether it held, the verdict, and what the stored
 * membership says, which can differ from the fresh answer while an evaluation is pending.
 */
@Component
class MembershipExplanations {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static final String MEMBER_SINCE = "member since ";

    private final Segments segments;

    private final SegmentCatalog catalog;

    private final SegmentMemberStore members;

    private final ConditionDescriptions descriptions;

    MembershipExplanations(Segments segments, SegmentCatalog catalog, SegmentMemberStore members,
            ConditionDescriptions descriptions) {
        this.segments = segments;
        this.catalog = catalog;
        this.members = members;
        this.descriptions = descriptions;
    }

    /** The explanation; empty when the account has no such segment (or profile). */
    Optional<Why> explain(String accountId, String segmentId, String profileId) {
        Optional<Segment> segment = segments.find(accountId, segmentId);
        Optional<SegmentCatalog.Compiled> compiled = catalog.account(accountId).find(segmentId);
        if (segment.isEmpty() || compiled.isEmpty()) {
            return Optional.empty();
        }
        Optional<Evaluation> evaluation = segments.explain(accountId, segmentId, profileId);
        if (evaluation.isEmpty()) {
            return Optional.empty();
        }
        DefinitionSentence sentence = descriptions.sentence(accountId);
        ZoneId zone = catalog.zone(accountId);
        List<List<Condition>> definition = compiled.get().definition().groups();
        List<GroupView> groups = new ArrayList<>();
        List<GroupResult> results = evaluation.get().groups();
        for (int g = 0; g < results.size(); g++) {
            List<ConditionView> conditions = new ArrayList<>();
            List<ConditionResult> conditionResults = results.get(g).conditions();
            for (int c = 0; c < conditionResults.size(); c++) {
                ConditionResult result = conditionResults.get(c);
                conditions.add(new ConditionView(result.pointer(),
                        sentence.condition(definition.get(g).get(c)), actual(result, zone), result.held()));
            }
            groups.add(new GroupView(results.get(g).held(), conditions));
        }
        Optional<Instant> since = members.memberSince(accountId, segmentId, profileId);
        return Optional.of(new Why(segmentId, segment.get().name(), evaluation.get().member(),
                since.map(instant -> instant.atZone(zone)).orElse(null), since.isPresent(),
                segment.get().status() == Segment.Status.EVALUATING, groups));
    }

    /** The evaluator's actual value, with times shown in the account's zone and states in words. */
    private static String actual(ConditionResult result, ZoneId zone) {
        String actual = result.actual();
        if (actual.startsWith(MEMBER_SINCE)) {
            try {
                return MEMBER_SINCE + TIME.format(Instant.parse(actual.substring(MEMBER_SINCE.length())).atZone(zone));
            }
            catch (DateTimeParseException notAnInstant) {
                return actual;
            }
        }
        if (result.type().equals("profile-marketing-consent")) {
            return actual.replace('_', ' ');
        }
        return actual;
    }

    /**
     * A profile's answer to a segment.
     *
     * @param member the fresh evaluation's verdict
     * @param storedSince since when the stored membership has the profile in, or {@code null}
     * @param stored whether the stored membership has the profile in
     * @param evaluating whether a full evaluation of the segment is pending or running
     */
    record Why(String segmentId, String segmentName, boolean member, ZonedDateTime storedSince, boolean stored,
            boolean evaluating, List<GroupView> groups) {

        /** Whether the stored membership and the fresh evaluation disagree. */
        public boolean disagrees() {
            return member != stored;
        }
    }

    /** A condition group (its conditions joined by OR) and whether it held. */
    record GroupView(boolean held, List<ConditionView> conditions) {
    }

    /** A condition in words, the profile's actual value, and whether it held. */
    record ConditionView(String pointer, String description, String actual, boolean held) {
    }
}
