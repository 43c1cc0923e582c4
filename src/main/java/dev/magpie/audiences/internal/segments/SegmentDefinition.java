package dev.magpie.audiences.internal.segments;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A segment's definition as Klaviyo's: every condition group must hold (AND), and within a group any one
 * condition (OR).
 */
record SegmentDefinition(List<List<Condition>> groups) {

    SegmentDefinition {
        groups = groups.stream().map(List::copyOf).toList();
    }

    /** Every condition, group by group. */
    List<Condition> conditions() {
        return groups.stream().flatMap(List::stream).toList();
    }

    /** The metrics the definition counts: an event of another metric cannot change its answer. */
    Set<String> metricIds() {
        Set<String> ids = new LinkedHashSet<>();
        conditions().forEach(condition -> {
            if (condition instanceof Condition.Metric metric) {
                ids.add(metric.metricId());
            }
        });
        return ids;
    }

    /** The groups made of list and segment memberships only: what can be answered from a profile's id alone. */
    SegmentDefinition membershipsOnly() {
        return new SegmentDefinition(groups.stream()
            .filter(group -> group.stream().allMatch(Condition.Membership.class::isInstance))
            .toList());
    }

    /** The groups that count no metric: what can be answered from the profile and its memberships alone. */
    SegmentDefinition withoutMetrics() {
        return new SegmentDefinition(groups.stream()
            .filter(group -> group.stream().noneMatch(Condition.Metric.class::isInstance))
            .toList());
    }

    /** The lists and segments the definition asks about. */
    Set<String> groupIds() {
        Set<String> ids = new LinkedHashSet<>();
        conditions().forEach(condition -> {
            if (condition instanceof Condition.Membership membership) {
                ids.addAll(membership.groupIds());
            }
        });
        return ids;
    }

    /** Whether any condition reads the profile itself (fields, properties, consent, location). */
    boolean readsProfile() {
        return conditions().stream().anyMatch(condition -> !(condition instanceof Condition.Metric)
                && !(condition instanceof Condition.Membership));
    }

    /** Whether the answer can change with time alone, so the scheduler must look after it. */
    boolean timeRelative() {
        return conditions().stream().anyMatch(SegmentDefinition::timeRelative);
    }

    private static boolean timeRelative(Condition condition) {
        if (condition instanceof Condition.Metric metric) {
            return metric.timeFrame().moves();
        }
        if (condition instanceof Condition.Membership membership) {
            return membership.since() != null && membership.since().moves();
        }
        if (condition instanceof Condition.Property property) {
            return property.filter() instanceof ValueFilter.Anniversary
                    || property.filter() instanceof ValueFilter.Date date && date.frame().moves();
        }
        return false;
    }
}
