package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.util.List;

/** Klaviyo's filters on one value: text, list of texts, number, boolean, existence and dates. */
sealed interface ValueFilter {

    /** {@code equals}, {@code contains}, {@code starts-with}, … on text; case-insensitive, as Klaviyo's. */
    record Text(String operator, String value) implements ValueFilter {
    }

    /** {@code in} / {@code not-in} a list of texts. */
    record TextList(boolean in, List<String> values) implements ValueFilter {
    }

    /**
     * {@code equals}, {@code not-equals}, {@code greater-than}, {@code greater-than-or-equal}, {@code less-than},
     * {@code less-than-or-equal}, and Magpie's {@code between} ({@code value} to {@code end}, both inclusive).
     */
    record Numeric(String operator, BigDecimal value, BigDecimal end) implements ValueFilter {

        boolean test(BigDecimal actual) {
            int c = actual.compareTo(value);
            return switch (operator) {
                case "equals" -> c == 0;
                case "not-equals" -> c != 0;
                case "greater-than" -> c > 0;
                case "greater-than-or-equal" -> c >= 0;
                case "less-than" -> c < 0;
                case "less-than-or-equal" -> c <= 0;
                case "between" -> c >= 0 && actual.compareTo(end) <= 0;
                default -> throw new IllegalStateException(operator);
            };
        }
    }

    record Bool(boolean value) implements ValueFilter {
    }

    /** {@code is-set} / {@code not-set}. */
    record Existence(boolean set) implements ValueFilter {
    }

    /** A date property within a time frame. */
    record Date(TimeFrame frame) implements ValueFilter {
    }

    /** The date's anniversary (month and day) within the last or next {@code days} days, today included. */
    record Anniversary(boolean next, int days) implements ValueFilter {
    }
}
