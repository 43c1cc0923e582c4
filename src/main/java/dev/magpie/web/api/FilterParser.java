package dev.magpie.web.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Reads Klaviyo's {@code filter=} syntax into a {@link FilterExpression}; says nothing yet about whether the
 * endpoint allows it ({@link FilterSpec} does). Whitespace between tokens is ignored, as Klaviyo's SDKs put
 * spaces after commas. Mistakes are answered with 400 {@code invalid} on the {@code filter} parameter.
 */
final class FilterParser {

    /** The query parameter holding the filter. */
    static final String PARAMETER = "filter";

    private static final Pattern FIELD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_.$-]*");

    private static final Pattern OPERATION = Pattern.compile("[a-z][a-z-]*");

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    /** A date, or a date-time; a space may stand for the '+' of an offset that was not URL-encoded. */
    private static final Pattern DATE_TIME = Pattern
        .compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+\\- ]\\d{2}:?\\d{2})?)?");

    private final String text;

    private int position;

    private FilterParser(String text) {
        this.text = text;
    }

    /** The expression {@code text} writes; top-level commas combine with {@code and}. */
    static FilterExpression parse(String text) {
        return new FilterParser(text).filter();
    }

    private FilterExpression filter() {
        List<FilterExpression> terms = new ArrayList<>();
        skipSpace();
        if (atEnd()) {
            throw invalid("The filter is empty.");
        }
        terms.add(expression());
        skipSpace();
        while (!atEnd()) {
            if (peek() == ',') {
                position++;
                terms.add(expression());
                skipSpace();
            }
            else if (peek() == ')') {
                throw unbalanced();
            }
            else {
                throw unexpected("',' between filters");
            }
        }
        return terms.size() == 1 ? terms.get(0) : new And(terms);
    }

    private FilterExpression expression() {
        skipSpace();
        int start = position;
        String name = match(OPERATION);
        if (name == null) {
            throw unexpected("an operation such as equals(…)");
        }
        skipSpace();
        expect('(');
        FilterExpression expression = switch (name) {
            case "and" -> new And(operands());
            case "or" -> new Or(operands());
            case "not" -> {
                FilterExpression operand = expression();
                skipSpace();
                if (!atEnd() && peek() == ',') {
                    throw invalid("not(…) takes one expression (position %d).".formatted(start + 1));
                }
                yield new Not(operand);
            }
            default -> comparison(name, start);
        };
        skipSpace();
        expect(')');
        return expression;
    }

    private List<FilterExpression> operands() {
        List<FilterExpression> operands = new ArrayList<>();
        operands.add(expression());
        skipSpace();
        while (!atEnd() && peek() == ',') {
            position++;
            operands.add(expression());
            skipSpace();
        }
        return operands;
    }

    private Comparison comparison(String name, int start) {
        FilterOperator operator = FilterOperator.named(name)
            .orElseThrow(() -> invalid("Unknown filter operation '%s' at position %d.".formatted(name, start + 1)));
        skipSpace();
        String field = match(FIELD);
        if (field == null) {
            throw unexpected("a field name");
        }
        skipSpace();
        expect(',');
        FilterValue value = value(true);
        return new Comparison(operator, field, value);
    }

    private FilterValue value(boolean listAllowed) {
        skipSpace();
        if (atEnd()) {
            throw unbalanced();
        }
        char first = peek();
        if (first == '"' || first == '\'') {
            return new StringValue(string(first));
        }
        if (first == '[') {
            if (!listAllowed) {
                throw invalid("Lists cannot hold lists (position %d).".formatted(position + 1));
            }
            return list();
        }
        int start = position;
        String dateTime = match(DATE_TIME);
        if (dateTime != null && endsValue()) {
            return new DateTimeValue(instant(dateTime, start), dateTime.replace(' ', '+'));
        }
        position = start;
        String number = match(NUMBER);
        if (number != null && endsValue()) {
            return new NumberValue(new BigDecimal(number));
        }
        position = start;
        String word = bareWord();
        return switch (word) {
            case "true" -> new BooleanValue(true);
            case "false" -> new BooleanValue(false);
            case "null" -> new NullValue();
            case "" -> throw unexpected("a value");
            default -> throw invalid(("Unexpected value '%s' at position %d: write strings in quotes, such as \"%s\","
                    + " and datetimes without quotes, such as 2024-01-01T00:00:00Z.").formatted(word, start + 1, word));
        };
    }

    private ListValue list() {
        expect('[');
        List<FilterValue> values = new ArrayList<>();
        skipSpace();
        if (!atEnd() && peek() == ']') {
            position++;
            return new ListValue(values);
        }
        values.add(value(false));
        skipSpace();
        while (!atEnd() && peek() == ',') {
            position++;
            values.add(value(false));
            skipSpace();
        }
        if (atEnd()) {
            throw invalid("Unterminated list: expected ']' at the end of the filter.");
        }
        expect(']');
        return new ListValue(values);
    }

    private String string(char quote) {
        int start = position;
        position++;
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(position++);
            if (c == quote) {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (atEnd()) {
                break;
            }
            char escaped = text.charAt(position++);
            switch (escaped) {
                case '"', '\'', '\\', '/' -> value.append(escaped);
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case 'u' -> value.append(unicode());
                default -> throw invalid("Unknown escape '\\%s' at position %d.".formatted(escaped, position - 1));
            }
        }
        throw invalid("Unterminated string starting at position %d.".formatted(start + 1));
    }

    private char unicode() {
        if (position + 4 > text.length()) {
            throw invalid("Incomplete \\u escape at position %d.".formatted(position - 1));
        }
        String hex = text.substring(position, position + 4);
        try {
            position += 4;
            return (char) Integer.parseInt(hex, 16);
        }
        catch (NumberFormatException notHex) {
            throw invalid("Invalid \\u escape '%s' at position %d.".formatted(hex, position - 5));
        }
    }

    private static Instant instant(String text, int start) {
        String normalized = text.replace(' ', '+');
        try {
            if (normalized.indexOf('T') < 0) {
                return LocalDate.parse(normalized).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (normalized.endsWith("Z") || normalized.lastIndexOf('+') > 0 || normalized.lastIndexOf('-') > 9) {
                return OffsetDateTime.parse(withColonInOffset(normalized)).toInstant();
            }
            return LocalDateTime.parse(normalized).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException notADate) {
            throw invalid("'%s' at position %d is not a valid datetime.".formatted(text, start + 1));
        }
    }

    /** {@code +0200} as {@code +02:00}, which is what ISO parsing expects. */
    private static String withColonInOffset(String text) {
        return text.matches(".*[+-]\\d{4}$") ? text.substring(0, text.length() - 2) + ":" + text.substring(
                text.length() - 2) : text;
    }

    private String bareWord() {
        int start = position;
        while (!atEnd() && !endsValue()) {
            position++;
        }
        return text.substring(start, position);
    }

    private boolean endsValue() {
        return atEnd() || peek() == ',' || peek() == ')' || peek() == ']' || Character.isWhitespace(peek());
    }

    private String match(Pattern pattern) {
        Matcher matcher = pattern.matcher(text).region(position, text.length());
        if (!matcher.lookingAt()) {
            return null;
        }
        position = matcher.end();
        return matcher.group();
    }

    private void expect(char expected) {
        skipSpace();
        if (atEnd()) {
            throw unbalanced();
        }
        if (peek() != expected) {
            throw unexpected("'" + expected + "'");
        }
        position++;
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return text.charAt(position);
    }

    private ApiException unexpected(String expected) {
        if (atEnd()) {
            return unbalanced();
        }
        return invalid("Unexpected '%s' at position %d: expected %s.".formatted(peek(), position + 1, expected));
    }

    private static ApiException unbalanced() {
        return invalid("Invalid filter provided. Verify your parentheses match.");
    }

    private static ApiException invalid(String detail) {
        return ApiException.invalidParameter(PARAMETER, detail);
    }
}
