package dev.magpie.web.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A value in a filter: a quoted string, a number, a boolean, {@code null}, an unquoted datetime, or a list. */
public sealed interface FilterValue {

    /** A string, written in double or single quotes. */
    record StringValue(String value) implements FilterValue {
    }

    /** A number, such as {@code 25} or {@code -33.33}. */
    record NumberValue(BigDecimal value) implements FilterValue {
    }

    /** {@code true} or {@code false}. */
    record BooleanValue(boolean value) implements FilterValue {
    }

    /** {@code null}. */
    record NullValue() implements FilterValue {
    }

    /**
     * A moment, written without quotes: {@code 2023-03-01T00:00:00Z}, {@code 2024-08-01T00:00:00-07:00}, or a
     * date or local date-time, which are taken as UTC.
     *
     * @param value the moment
     * @param text how the filter wrote it
     */
    record DateTimeValue(Instant value, String text) implements FilterValue {
    }

    /** A list of values, such as {@code ["a","b"]}. */
    record ListValue(List<FilterValue> values) implements FilterValue {

        /** Copies {@code values}. */
        public ListValue {
            values = List.copyOf(values);
        }
    }
}
