package dev.magpie.imports.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The mapping a file's headers and first rows suggest: a column whose header names a standard field (in the ways
 * stores and spreadsheets name them) sets that field, any other becomes a custom property named as its header,
 * typed by what its sample values look like.
 */
final class ColumnGuesser {

    /** Header spellings, lower-cased with everything but letters and digits removed. */
    private static final Map<String, ColumnTarget> HEADERS = Map.ofEntries(
            Map.entry("email", ColumnTarget.EMAIL), Map.entry("emailaddress", ColumnTarget.EMAIL),
            Map.entry("mail", ColumnTarget.EMAIL),
            Map.entry("phone", ColumnTarget.PHONE_NUMBER), Map.entry("phonenumber", ColumnTarget.PHONE_NUMBER),
            Map.entry("mobile", ColumnTarget.PHONE_NUMBER), Map.entry("mobilephone", ColumnTarget.PHONE_NUMBER),
            Map.entry("mobilenumber", ColumnTarget.PHONE_NUMBER), Map.entry("cell", ColumnTarget.PHONE_NUMBER),
            Map.entry("sms", ColumnTarget.PHONE_NUMBER),
            Map.entry("externalid", ColumnTarget.EXTERNAL_ID), Map.entry("customerid", ColumnTarget.EXTERNAL_ID),
            Map.entry("firstname", ColumnTarget.FIRST_NAME), Map.entry("first", ColumnTarget.FIRST_NAME),
            Map.entry("givenname", ColumnTarget.FIRST_NAME), Map.entry("forename", ColumnTarget.FIRST_NAME),
            Map.entry("lastname", ColumnTarget.LAST_NAME), Map.entry("last", ColumnTarget.LAST_NAME),
            Map.entry("surname", ColumnTarget.LAST_NAME), Map.entry("familyname", ColumnTarget.LAST_NAME),
            Map.entry("organization", ColumnTarget.ORGANIZATION), Map.entry("organisation", ColumnTarget.ORGANIZATION),
            Map.entry("company", ColumnTarget.ORGANIZATION), Map.entry("companyname", ColumnTarget.ORGANIZATION),
            Map.entry("title", ColumnTarget.TITLE), Map.entry("jobtitle", ColumnTarget.TITLE),
            Map.entry("image", ColumnTarget.IMAGE), Map.entry("imageurl", ColumnTarget.IMAGE),
            Map.entry("address", ColumnTarget.ADDRESS1), Map.entry("address1", ColumnTarget.ADDRESS1),
            Map.entry("addressline1", ColumnTarget.ADDRESS1), Map.entry("street", ColumnTarget.ADDRESS1),
            Map.entry("address2", ColumnTarget.ADDRESS2), Map.entry("addressline2", ColumnTarget.ADDRESS2),
            Map.entry("city", ColumnTarget.CITY), Map.entry("town", ColumnTarget.CITY),
            Map.entry("region", ColumnTarget.REGION), Map.entry("state", ColumnTarget.REGION),
            Map.entry("province", ColumnTarget.REGION), Map.entry("stateprovince", ColumnTarget.REGION),
            Map.entry("country", ColumnTarget.COUNTRY), Map.entry("countrycode", ColumnTarget.COUNTRY),
            Map.entry("zip", ColumnTarget.ZIP), Map.entry("zipcode", ColumnTarget.ZIP),
            Map.entry("postalcode", ColumnTarget.ZIP), Map.entry("postcode", ColumnTarget.ZIP),
            Map.entry("timezone", ColumnTarget.TIMEZONE),
            Map.entry("latitude", ColumnTarget.LATITUDE), Map.entry("lat", ColumnTarget.LATITUDE),
            Map.entry("longitude", ColumnTarget.LONGITUDE), Map.entry("lng", ColumnTarget.LONGITUDE),
            Map.entry("lon", ColumnTarget.LONGITUDE));

    private ColumnGuesser() {
    }

    /**
     * One mapping per header. A standard field goes to the first column that names it; a later column naming it
     * again becomes a custom property. Columns without a header are skipped.
     */
    static List<ColumnMapping> guess(List<String> headers, List<List<String>> sampleRows) {
        List<ColumnMapping> columns = new ArrayList<>();
        Set<ColumnTarget> taken = new HashSet<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            ValueType type = guessType(column(sampleRows, i));
            ColumnTarget target = HEADERS.get(normalize(header));
            if (header.isBlank()) {
                columns.add(new ColumnMapping(header, ColumnTarget.SKIP, null, type));
            }
            else if (target != null && taken.add(target)) {
                columns.add(new ColumnMapping(header, target, null, type));
            }
            else {
                columns.add(new ColumnMapping(header, ColumnTarget.PROPERTY, header.trim(), type));
            }
        }
        return columns;
    }

    /**
     * The type every non-empty sample value fits: boolean words, then numbers (without leading zeros, which
     * belong to codes such as zips), then dates; text when they are mixed or there are none.
     */
    static ValueType guessType(List<String> values) {
        List<String> present = values.stream().map(String::trim).filter(value -> !value.isEmpty()).toList();
        if (present.isEmpty()) {
            return ValueType.TEXT;
        }
        if (present.stream().allMatch(ValueParsers::isBooleanWord)) {
            return ValueType.BOOLEAN;
        }
        if (present.stream().allMatch(value -> !hasLeadingZero(value) && ValueParsers.number(value).isPresent())) {
            return ValueType.NUMBER;
        }
        if (present.stream().allMatch(value -> ValueParsers.date(value).isPresent())) {
            return ValueType.DATE;
        }
        return ValueType.TEXT;
    }

    private static boolean hasLeadingZero(String value) {
        String digits = value.startsWith("-") || value.startsWith("+") ? value.substring(1) : value;
        return digits.length() > 1 && digits.charAt(0) == '0' && digits.charAt(1) != '.';
    }

    private static List<String> column(List<List<String>> rows, int index) {
        return rows.stream().map(row -> index < row.size() ? row.get(index) : "").toList();
    }

    private static String normalize(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
