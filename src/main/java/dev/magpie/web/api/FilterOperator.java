package dev.magpie.web.api;

import java.util.Arrays;
import java.util.Optional;

/** The comparisons of Klaviyo's {@code filter=} syntax, by the names they have in it. */
public enum FilterOperator {

    /** {@code equals(email,"a@b.c")}. */
    EQUALS("equals", false),
    /** {@code less-than(value,25)}. */
    LESS_THAN("less-than", false),
    /** {@code less-or-equal(datetime,2023-03-01T00:00:00Z)}. */
    LESS_OR_EQUAL("less-or-equal", false),
    /** {@code greater-than(updated,2023-03-01T00:00:00Z)}. */
    GREATER_THAN("greater-than", false),
    /** {@code greater-or-equal(percentage,33.33)}. */
    GREATER_OR_EQUAL("greater-or-equal", false),
    /** {@code contains(name,"sale")}: a text containing the value, or a list containing it. */
    CONTAINS("contains", false),
    /** {@code contains-any(tags,["a","b"])}: a list containing at least one of the values. */
    CONTAINS_ANY("contains-any", true),
    /** {@code contains-all(tags,["a","b"])}: a list containing every one of the values. */
    CONTAINS_ALL("contains-all", true),
    /** {@code starts-with(name,"Summer")}. */
    STARTS_WITH("starts-with", false),
    /** {@code ends-with(email,"@b.c")}. */
    ENDS_WITH("ends-with", false),
    /** {@code any(id,["a","b"])}: equal to one of the values. */
    ANY("any", true),
    /** {@code has(tags,"vip")}: a list (or relationship) that has the value. */
    HAS("has", false);

    private final String text;

    private final boolean takesList;

    FilterOperator(String text, boolean takesList) {
        this.text = text;
        this.takesList = takesList;
    }

    /** The operator's name in a filter, such as {@code greater-than}. */
    public String text() {
        return text;
    }

    /** Whether the operator compares with a list of values, such as {@code any(id,[…])}. */
    public boolean takesList() {
        return takesList;
    }

    /** The operator called {@code text} in a filter. */
    public static Optional<FilterOperator> named(String text) {
        return Arrays.stream(values()).filter(operator -> operator.text.equals(text)).findFirst();
    }

    @Override
    public String toString() {
        return text;
    }
}
