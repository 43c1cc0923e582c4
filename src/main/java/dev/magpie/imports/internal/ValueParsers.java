package dev.magpie.imports.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the text of a CSV cell as a number, a boolean or a date, as spreadsheets write them. */
final class ValueParsers {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private static final Pattern GROUPED_NUMBER = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    private static final List<String> TRUE = List.of("true", "yes", "y", "1");

    private static final List<String> FALSE = List.of("false", "no", "n", "0");

    /** US month-first dates come first: a day above 12 still reads as day-first. */
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            strict("uuuu/M/d"), strict("M/d/uuuu"), strict("d/M/uuuu"), strict("d.M.uuuu"));

    private static final List<DateTimeFormatter> LOCAL_DATE_TIMES = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            strict("uuuu-MM-dd HH:mm[:ss]"), strict("M/d/uuuu H:mm[:ss]"), strict("d.M.uuuu H:mm[:ss]"));

    private ValueParsers() {
    }

    /** A whole number (as a Long when it fits) or a decimal (as a Double); thousands separators are dropped. */
    static Optional<Object> number(String text) {
        String value = text.trim();
        if (GROUPED_NUMBER.matcher(value).matches()) {
            value = value.replace(",", "");
        }
        if (!PLAIN_NUMBER.matcher(value).matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
        if (number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0) {
            try {
                return Optional.of(number.longValueExact());
            }
            catch (ArithmeticException tooLarge) {
                // stored as a decimal below
            }
        }
        return Optional.of(number.doubleValue());
    }

    /** true/false, yes/no, y/n or 1/0, in any case. */
    static Optional<Boolean> bool(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(value)) {
            return Optional.of(Boolean.TRUE);
        }
        if (FALSE.contains(value)) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    /** Whether the text is a boolean spelled as a word, which type guessing requires (1 and 0 look like numbers). */
    static boolean isBooleanWord(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        return !value.equals("1") && !value.equals("0") && bool(value).isPresent();
    }

    /**
     * A date as ISO-8601 text: {@code 2026-05-31} for a date, {@code 2026-05-31T14:00:00Z} for a date-time (in UTC
     * when the text names no offset).
     */
    static Optional<String> date(String text) {
        String value = text.trim();
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(LocalDate.parse(value, format).toString());
            }
            catch (DateTimeParseException notThisOne) {
                // next format
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant().toString());
        }
        catch (DateTimeParseException notThisOne) {
            // next format
        }
        try {
            return Optional.of(Instant.parse(value).toString());
        }
        catch (DateTimeParseException notThisOne) {
            // next format
        }
        for (DateTimeFormatter format : LOCAL_DATE_TIMES) {
            try {
                return Optional.of(LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC).toString());
            }
            catch (DateTimeParseException notThisOne) {
                // next format
            }
        }
        return Optional.empty();
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }
}
