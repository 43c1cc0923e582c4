package dev.magpie.imports.internal;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.ProfileAttributes;

/**
 * Turns one CSV row into what the profile should become, following the file's mapping: empty cells change
 * nothing, custom properties are read as their type, and a row that names no profile, or holds a value its
 * column's type cannot read, is refused with the column and the reason. Whether an email or a phone number is
 * valid is the profiles module's call, made when the row is upserted.
 */
final class RowConverter {

    /** How imported emails are subscribed when the mapping asks for it. */
    static final String CONSENT_METHOD = "CSV import";

    private final ImportMapping mapping;

    private final String fileName;

    RowConverter(ImportMapping mapping, String fileName) {
        this.mapping = mapping;
        this.fileName = fileName;
    }

    /** The profile {@code values} (one per column, in the file's order) describe, or why they cannot be imported. */
    Converted convert(List<String> values, Instant now) {
        List<ColumnMapping> columns = mapping.columns();
        for (int i = columns.size(); i < values.size(); i++) {
            if (!values.get(i).isBlank()) {
                return new Converted.Invalid(null, values.get(i),
                        "The row has %d values but the header names %d columns; is a value with a %s missing its quotes?"
                            .formatted(values.size(), columns.size(), describe(mapping.delimiter())));
            }
        }
        Map<ColumnTarget, String> fields = new EnumMap<>(ColumnTarget.class);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < columns.size() && i < values.size(); i++) {
            ColumnMapping column = columns.get(i);
            String value = values.get(i).trim();
            if (value.isEmpty() || column.target() == ColumnTarget.SKIP) {
                continue;
            }
            if (column.target() == ColumnTarget.PROPERTY) {
                Optional<Object> typed = typed(value, column.type());
                if (typed.isEmpty()) {
                    return new Converted.Invalid(column.header(), value, "'%s' is not %s.".formatted(value,
                            switch (column.type()) {
                                case NUMBER -> "a number";
                                case BOOLEAN -> "true or false (or yes or no)";
                                case DATE -> "a date such as 2026-05-31";
                                case TEXT -> "text";
                            }));
                }
                properties.put(column.property(), typed.get());
            }
            else {
                fields.put(column.target(), value);
            }
        }
        Double latitude = coordinate(fields.get(ColumnTarget.LATITUDE));
        Double longitude = coordinate(fields.get(ColumnTarget.LONGITUDE));
        if (fields.containsKey(ColumnTarget.LATITUDE) && latitude == null) {
            return invalidCoordinate(ColumnTarget.LATITUDE, fields);
        }
        if (fields.containsKey(ColumnTarget.LONGITUDE) && longitude == null) {
            return invalidCoordinate(ColumnTarget.LONGITUDE, fields);
        }
        Identifiers identifiers = new Identifiers(fields.get(ColumnTarget.EMAIL), fields.get(ColumnTarget.PHONE_NUMBER),
                fields.get(ColumnTarget.EXTERNAL_ID), null);
        if (identifiers.isEmpty()) {
            return new Converted.Invalid(null, null, "The row has no email, phone number or external id.");
        }
        Location location = null;
        if (fields.keySet().stream().anyMatch(RowConverter::isLocation)) {
            location = new Location(fields.get(ColumnTarget.ADDRESS1), fields.get(ColumnTarget.ADDRESS2),
                    fields.get(ColumnTarget.CITY), fields.get(ColumnTarget.COUNTRY), fields.get(ColumnTarget.REGION),
                    fields.get(ColumnTarget.ZIP), fields.get(ColumnTarget.TIMEZONE), latitude, longitude);
        }
        Map<Channel, Consent> consent = null;
        if (mapping.subscribeEmails() && identifiers.email() != null) {
            consent = Map.of(Channel.EMAIL_MARKETING,
                    new Consent(Consent.State.SUBSCRIBED, now, CONSENT_METHOD, fileName));
        }
        return new Converted.Valid(new ProfileAttributes(identifiers, fields.get(ColumnTarget.FIRST_NAME),
                fields.get(ColumnTarget.LAST_NAME), fields.get(ColumnTarget.ORGANIZATION),
                fields.get(ColumnTarget.TITLE), fields.get(ColumnTarget.IMAGE), location,
                properties.isEmpty() ? null : properties, consent));
    }

    /**
     * The header of the column that feeds a profile field named as the profiles module names it
     * ({@code phone_number}, {@code location/city}), or the field itself when no column does; {@code null} for
     * the row as a whole.
     */
    String columnOf(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        String name = field.startsWith("location/") ? field.substring("location/".length()) : field;
        for (ColumnMapping column : mapping.columns()) {
            if (name.equals(column.target().field())) {
                return column.header();
            }
        }
        return field;
    }

    /** The value of the column with this header in {@code values}, if there is one. */
    String valueOf(String header, List<String> values) {
        List<String> headers = mapping.headers();
        for (int i = 0; i < headers.size() && i < values.size(); i++) {
            if (headers.get(i).equals(header)) {
                return values.get(i);
            }
        }
        return null;
    }

    static Optional<Object> typed(String value, ValueType type) {
        return switch (type) {
            case TEXT -> Optional.of(value);
            case NUMBER -> ValueParsers.number(value);
            case BOOLEAN -> ValueParsers.bool(value).map(Object.class::cast);
            case DATE -> ValueParsers.date(value).map(Object.class::cast);
        };
    }

    private Converted invalidCoordinate(ColumnTarget target, Map<ColumnTarget, String> fields) {
        String header = columnOf(target.field());
        String value = fields.get(target);
        return new Converted.Invalid(header, value, "'%s' is not a %s in degrees.".formatted(value, target.field()));
    }

    private static Double coordinate(String value) {
        if (value == null) {
            return null;
        }
        return ValueParsers.number(value).map(number -> ((Number) number).doubleValue()).orElse(null);
    }

    private static boolean isLocation(ColumnTarget target) {
        return switch (target) {
            case ADDRESS1, ADDRESS2, CITY, REGION, COUNTRY, ZIP, TIMEZONE, LATITUDE, LONGITUDE -> true;
            default -> false;
        };
    }

    private static String describe(char delimiter) {
        return switch (delimiter) {
            case ';' -> "semicolon";
            case '\t' -> "tab";
            default -> "comma";
        };
    }

    /** A converted row: the profile it describes, or why it cannot be imported. */
    sealed interface Converted {

        /** A row that can be upserted. */
        record Valid(ProfileAttributes attributes) implements Converted {
        }

        /**
         * A row that cannot be imported.
         *
         * @param column the header of the column at fault, or {@code null} when the row as a whole is
         * @param value the refused value, if one is
         * @param message why, for the person who will fix the file
         */
        record Invalid(String column, String value, String message) implements Converted {
        }
    }
}
