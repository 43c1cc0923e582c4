package dev.magpie.imports.internal;

import java.util.List;

/**
 * How a CSV file's rows become profiles: one mapping per column, in the file's order, and what to do with
 * email marketing consent.
 *
 * @param delimiter the character between values (comma, semicolon or tab), as found in the header row
 * @param columns what each column becomes
 * @param subscribeEmails whether rows with an email are subscribed to email marketing (method "CSV import",
 * source the file's name); when false, consent is left as it is
 * @param listId the list every imported profile is added to (as a member, consent untouched), or {@code null}
 */
record ImportMapping(char delimiter, List<ColumnMapping> columns, boolean subscribeEmails, String listId) {

    ImportMapping {
        columns = List.copyOf(columns);
        listId = listId == null || listId.isBlank() ? null : listId;
    }

    /** A mapping that adds the profiles to no list. */
    ImportMapping(char delimiter, List<ColumnMapping> columns, boolean subscribeEmails) {
        this(delimiter, columns, subscribeEmails, null);
    }

    /** The headers of the file, in order. */
    List<String> headers() {
        return columns.stream().map(ColumnMapping::header).toList();
    }
}
