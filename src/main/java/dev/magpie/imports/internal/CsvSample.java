package dev.magpie.imports.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The start of a CSV file, for mapping and preview: its delimiter, its header row and the first rows under it.
 * Reads no further than it needs.
 *
 * @param delimiter the character between values
 * @param headers the first row
 * @param rows up to the requested number of rows under it, each as its values
 */
record CsvSample(char delimiter, List<String> headers, List<List<String>> rows) {

    /** Reads the header and up to {@code maxRows} rows; an unreadable or empty file is an {@link UnreadableCsv}. */
    static CsvSample read(Path file, int maxRows) {
        try {
            char delimiter = CsvFiles.detectDelimiter(file);
            try (CSVParser parser = CsvFiles.parse(file, delimiter)) {
                Iterator<CSVRecord> records = parser.iterator();
                if (!records.hasNext()) {
                    throw new UnreadableCsv("imports.error.empty-file");
                }
                List<String> headers = records.next().toList();
                if (headers.stream().allMatch(String::isBlank)) {
                    throw new UnreadableCsv("imports.error.no-header");
                }
                List<List<String>> rows = new ArrayList<>();
                while (rows.size() < maxRows && records.hasNext()) {
                    rows.add(records.next().toList());
                }
                return new CsvSample(delimiter, headers, rows);
            }
        }
        catch (IOException | UncheckedIOException | IllegalStateException unreadable) {
            throw new UnreadableCsv("imports.error.unreadable");
        }
    }

    /** A file that is not a CSV file Magpie can import; the message code says why. */
    static class UnreadableCsv extends RuntimeException {

        UnreadableCsv(String messageCode) {
            super(messageCode, null, false, false);
        }

        String messageCode() {
            return getMessage();
        }
    }
}
