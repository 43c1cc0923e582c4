package dev.magpie.web.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.magpie.web.api.FilterExpression.And;
import dev.magpie.web.api.FilterExpression.Comparison;
import dev.magpie.web.api.FilterExpression.Not;
import dev.magpie.web.api.FilterExpression.Or;
import dev.magpie.web.api.FilterValue.BooleanValue;
import dev.magpie.web.api.FilterValue.DateTimeValue;
import dev.magpie.web.api.FilterValue.ListValue;
import dev.magpie.web.api.FilterValue.NullValue;
import dev.magpie.web.api.FilterValue.NumberValue;
import dev.magpie.web.api.FilterValue.StringValue;

/**
 * What an endpoint's {@code filter=} may say: which fields, with which operators, holding values of which
 * type, and whether {@code or(…)} and {@code not(…)} are allowed ({@code and} and commas always are).
 * Declare one per endpoint, as Klaviyo documents "allowed field(s)/operator(s)" per endpoint:
 *
 * <pre>{@code
 * static final FilterSpec FILTERS = FilterSpec.builder()
 *     .field("email", FieldType.STRING, FilterOperator.EQUALS, FilterOperator.ANY)
 *     .field("updated", FieldType.DATETIME, FilterOperator.GREATER_THAN, FilterOperator.LESS_THAN)
 *     .build();
 * }</pre>
 *
 * Anything else is answered with 400 {@code invalid} on the {@code filter} parameter.
 */
public final class FilterSpec {

    /** The type of a filterable field, which decides the values it may be compared with. */
    public enum FieldType {
        /** Compared with quoted strings. */
        STRING,
        /** Compared with numbers. */
        NUMBER,
        /** Compared with {@code true} or {@code false}. */
        BOOLEAN,
        /** Compared with unquoted datetimes. */
        DATETIME
    }

    private record Field(FieldType type, Set<FilterOperator> operators) {
    }

    private final Map<String, Field> fields;

    private final boolean orAllowed;

    private final boolean notAllowed;

    private FilterSpec(Map<String, Field> fields, boolean orAllowed, boolean notAllowed) {
        this.fields = Map.copyOf(fields);
        this.orAllowed = orAllowed;
        this.notAllowed = notAllowed;
    }

    /** Starts a spec that allows nothing yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** The request's filter, parsed and checked; empty when the request has none. */
    public Optional<FilterExpression> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return Optional.empty();
        }
        FilterExpression expression = FilterParser.parse(filter);
        check(expression);
        return Optional.of(expression);
    }

    private void check(FilterExpression expression) {
        if (expression instanceof Comparison comparison) {
            check(comparison);
        }
        else if (expression instanceof And and) {
            and.operands().forEach(this::check);
        }
        else if (expression instanceof Or or) {
            if (!orAllowed) {
                throw invalid("'or' is not supported by this endpoint; combine filters with commas or and(…).");
            }
            or.operands().forEach(this::check);
        }
        else if (expression instanceof Not not) {
            if (!notAllowed) {
                throw invalid("'not' is not supported by this endpoint.");
            }
            check(not.operand());
        }
    }

    private void check(Comparison comparison) {
        Field field = fields.get(comparison.field());
        if (field == null) {
            throw invalid("'%s' is not an allowed filter field. Allowed fields: %s.".formatted(comparison.field(),
                    fields.isEmpty() ? "none" : String.join(", ", fields.keySet().stream().sorted().toList())));
        }
        if (!field.operators().contains(comparison.operator())) {
            throw invalid("'%s' is not an allowed operator for '%s'. Allowed operators: %s.".formatted(
                    comparison.operator(), comparison.field(),
                    field.operators().stream().map(FilterOperator::text).collect(Collectors.joining(", "))));
        }
        FilterValue value = comparison.value();
        if (comparison.operator().takesList()) {
            if (!(value instanceof ListValue list) || list.values().isEmpty()) {
                throw invalid("%s(%s,…) takes a non-empty list, such as [%s].".formatted(comparison.operator(),
                        comparison.field(), example(field.type())));
            }
            list.values().forEach(element -> checkScalar(comparison, field.type(), element, false));
        }
        else {
            checkScalar(comparison, field.type(), value, comparison.operator() == FilterOperator.EQUALS);
        }
    }

    private static void checkScalar(Comparison comparison, FieldType type, FilterValue value, boolean nullAllowed) {
        boolean ofType = switch (type) {
            case STRING -> value instanceof StringValue;
            case NUMBER -> value instanceof NumberValue;
            case BOOLEAN -> value instanceof BooleanValue;
            case DATETIME -> value instanceof DateTimeValue;
        };
        boolean fits = ofType || (nullAllowed && value instanceof NullValue);
        if (!fits) {
            String hint = type == FieldType.DATETIME && value instanceof StringValue
                    ? " Write datetimes without quotes." : "";
            throw invalid("'%s' is compared with a %s, such as %s(%s,%s).%s".formatted(comparison.field(),
                    type.name().toLowerCase(), comparison.operator(), comparison.field(), example(type), hint));
        }
    }

    private static String example(FieldType type) {
        return switch (type) {
            case STRING -> "\"text\"";
            case NUMBER -> "25";
            case BOOLEAN -> "true";
            case DATETIME -> "2024-01-01T00:00:00Z";
        };
    }

    private static ApiException invalid(String detail) {
        return ApiException.invalidParameter(FilterParser.PARAMETER, detail);
    }

    /** Collects the fields and operators an endpoint allows. */
    public static final class Builder {

        private final Map<String, Field> fields = new LinkedHashMap<>();

        private boolean orAllowed;

        private boolean notAllowed;

        private Builder() {
        }

        /** Allows filtering {@code name}, of {@code type}, with {@code operators}. */
        public Builder field(String name, FieldType type, FilterOperator... operators) {
            if (operators.length == 0) {
                throw new IllegalArgumentException("A filterable field needs at least one operator: " + name);
            }
            EnumSet<FilterOperator> allowed = EnumSet.noneOf(FilterOperator.class);
            allowed.addAll(Arrays.asList(operators));
            fields.put(name, new Field(type, allowed));
            return this;
        }

        /** Allows {@code or(…)}. */
        public Builder allowOr() {
            orAllowed = true;
            return this;
        }

        /** Allows {@code not(…)}. */
        public Builder allowNot() {
            notAllowed = true;
            return this;
        }

        /** The spec. */
        public FilterSpec build() {
            return new FilterSpec(fields, orAllowed, notAllowed);
        }
    }
}
