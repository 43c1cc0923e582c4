package dev.magpie.imports.internal;

/**
 * A row that could not be imported.
 *
 * @param rowNumber the row as people number it: the spreadsheet row of a CSV file (the header is row 1), the
 * index of a profile in an API request (the first is 0)
 * @param field the CSV column's header or the API attribute at fault; {@code null} when the row as a whole is
 * @param value the refused value, if one is
 * @param message why, for the person who will fix it
 * @param original the row as it was sent: a CSV line, or the profile's JSON
 */
record RowFailure(int rowNumber, String field, String value, String message, String original) {
}
