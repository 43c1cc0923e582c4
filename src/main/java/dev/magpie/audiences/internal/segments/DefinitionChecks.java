package dev.magpie.audiences.internal.segments;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checks of a definition that need the account: the metrics it counts exist, the lists and segments it names
 * exist, and no segment ends up defined on itself, directly or through others.
 */
final class DefinitionChecks {

    private DefinitionChecks() {
    }

    /**
     * @param segmentId the segment being defined ({@code null} for a new one, which nothing can name yet)
     * @param others every other segment of the account and the segments its definition names
     */
    static void check(SegmentDefinition definition, String segmentId, Predicate<String> metricExists,
            Predicate<String> listExists, Map<String, Set<String>> others) {
        List<List<Condition>> groups = definition.groups();
        for (List<Condition> group : groups) {
            for (Condition condition : group) {
                if (condition instanceof Condition.Metric metric && !metricExists.test(metric.metricId())) {
                    throw new DefinitionException(condition.pointer() + "/metric_id",
                            "There is no metric with id '%s'.".formatted(metric.metricId()));
                }
                if (condition instanceof Condition.Membership membership) {
                    for (int i = 0; i < membership.groupIds().size(); i++) {
                        String groupId = membership.groupIds().get(i);
                        String at = condition.pointer() + "/group_ids/" + i;
                        if (groupId.equals(segmentId) || segmentId != null && reaches(groupId, segmentId, others)) {
                            throw new DefinitionException(at,
                                    "Segment '%s' is defined on this segment: segments cannot depend on themselves."
                                        .formatted(groupId));
                        }
                        if (!others.containsKey(groupId) && !listExists.test(groupId)) {
                            throw new DefinitionException(at,
                                    "There is no list or segment with id '%s'.".formatted(groupId));
                        }
                    }
                }
            }
        }
    }

    /** Whether segment {@code from} depends on {@code target}, following definitions. */
    private static boolean reaches(String from, String target, Map<String, Set<String>> others) {
        Deque<String> work = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!work.isEmpty()) {
            String id = work.pop();
            if (id.equals(target)) {
                return true;
            }
            if (seen.add(id)) {
                work.addAll(others.getOrDefault(id, Set.of()));
            }
        }
        return false;
    }
}
