package dev.magpie.imports.internal;

import java.util.Arrays;
import java.util.List;

/** What a CSV column becomes on the profile: one of Klaviyo's standard fields, a custom property, or nothing. */
enum ColumnTarget {

    SKIP(null, false),
    PROPERTY(null, false),
    EMAIL("email", true),
    PHONE_NUMBER("phone_number", true),
    EXTERNAL_ID("external_id", true),
    FIRST_NAME("first_name", false),
    LAST_NAME("last_name", false),
    ORGANIZATION("organization", false),
    TITLE("title", false),
    IMAGE("image", false),
    ADDRESS1("address1", false),
    ADDRESS2("address2", false),
    CITY("city", false),
    REGION("region", false),
    COUNTRY("country", false),
    ZIP("zip", false),
    TIMEZONE("timezone", false),
    LATITUDE("latitude", false),
    LONGITUDE("longitude", false);

    private final String field;

    private final boolean identifier;

    ColumnTarget(String field, boolean identifier) {
        this.field = field;
        this.identifier = identifier;
    }

    /** The profile attribute in Klaviyo's spelling ({@code phone_number}, {@code city}); none for skip and property. */
    String field() {
        return field;
    }

    /** Whether the column names the profile (email, phone number, external id). */
    boolean isIdentifier() {
        return identifier;
    }

    /** Whether the column sets a standard field, which at most one column may do. */
    boolean isStandardField() {
        return field != null;
    }

    /** The standard fields, in the order the mapping page offers them. */
    static List<ColumnTarget> standardFields() {
        return Arrays.stream(values()).filter(ColumnTarget::isStandardField).toList();
    }
}
