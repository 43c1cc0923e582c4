package dev.magpie.audiences.internal.segments;

import java.util.List;

import dev.magpie.profiles.Channel;

/**
 * One condition of a segment definition (Klaviyo's condition types), each remembering the JSON pointer it was
 * read from so that explanations and errors can name it.
 */
sealed interface Condition {

    /** Where the condition sits in the definition, e.g. {@code /condition_groups/0/conditions/1}. */
    String pointer();

    /** A profile field or custom property compared with a filter. */
    record Property(String pointer, PropertyPath property, ValueFilter filter) implements Condition {
    }

    /**
     * How many times the profile did something (or the sum of the events' values) in a time frame, compared with
     * a number; {@code eventFilters} narrow the events by their properties (all must hold).
     */
    record Metric(String pointer, String metricId, boolean sum, ValueFilter.Numeric measurement, TimeFrame timeFrame,
            List<EventPropertyFilter> eventFilters) implements Condition {
    }

    /**
     * In (or not in) any of the lists and segments named; {@code since}, when given, is the frame the membership
     * must have started in (e.g. "at least 7 days ago" for "member for at least 7 days").
     */
    record Membership(String pointer, boolean member, List<String> groupIds, TimeFrame since) implements Condition {
    }

    /**
     * Marketing consent on a channel: {@code canReceive} true asks for a subscribed profile; false for one that
     * is not, optionally in a given state ({@code null} for any).
     */
    record Consent(String pointer, Channel channel, boolean canReceive,
            dev.magpie.profiles.Consent.State state) implements Condition {
    }

    /** Whether the profile's country is in a region (the European Union, the United States). */
    record Region(String pointer, String region, boolean inRegion) implements Condition {
    }

    /** Distance in kilometres from a point to the profile's coordinates, compared with a number. */
    record Distance(String pointer, double latitude, double longitude, ValueFilter.Numeric kilometres)
            implements Condition {
    }

    /** A filter on one property of events; {@code property} is a top-level key or a dotted path. */
    record EventPropertyFilter(String property, ValueFilter filter) {
    }

    /** A standard field ({@code email}, {@code location.country}, {@code created}, …) or a custom property. */
    record PropertyPath(String standard, String custom) {

        static PropertyPath standard(String name) {
            return new PropertyPath(name, null);
        }

        static PropertyPath custom(String key) {
            return new PropertyPath(null, key);
        }

        boolean isCustom() {
            return custom != null;
        }

        /** The name as the definition spells it. */
        String spelled() {
            if (custom != null) {
                return "properties['" + custom + "']";
            }
            return standard.startsWith("location.") ? "location['" + standard.substring(9) + "']" : standard;
        }
    }
}
