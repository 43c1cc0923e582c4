package dev.magpie.imports.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a job's failed rows as a CSV file: the row, the column (or attribute) at fault, the refused value and
 * why, followed by the row as it was sent — for a CSV import its columns under the file's own headers, so the
 * report can be fixed and uploaded again once the first four columns are deleted.
 */
@Component
class ErrorReport {

    private static final int PAGE = 1000;

    private final ImportErrorRepository errors;

    private final JsonMapper json;

    ErrorReport(ImportErrorRepository errors, JsonMapper json) {
        this.errors = errors;
        this.json = json;
    }

    /** Writes the report of {@code job}, a job of the current account, to {@code out}, reading a page at a time. */
    void write(ImportJob job, Writer out) throws IOException {
        boolean csv = job.kind() == ImportKind.CSV;
        List<String> header = new ArrayList<>(List.of(csv ? "Row" : "Index", csv ? "Column" : "Field", "Value",
                "Error"));
        if (csv) {
            header.addAll(json.readValue(job.mapping(), ImportMapping.class).headers());
        }
        else {
            header.add("Profile");
        }
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT);
        printer.printRecord(header);
        int after = -1;
        List<ImportError> page;
        do {
            page = errors.page(job.id(), after, Limit.of(PAGE));
            for (ImportError error : page) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(error.rowNumber()), blank(error.field()),
                        blank(error.value()), error.message()));
                if (csv) {
                    row.addAll(originalValues(error.original()));
                }
                else {
                    row.add(blank(error.original()));
                }
                printer.printRecord(row);
                after = error.rowNumber();
            }
        }
        while (page.size() == PAGE);
        printer.flush();
    }

    private static List<String> originalValues(String line) {
        if (line == null || line.isEmpty()) {
            return List.of();
        }
        try (var parser = CSVFormat.DEFAULT.parse(new StringReader(line))) {
            List<CSVRecord> records = parser.getRecords();
            return records.isEmpty() ? List.of() : records.get(0).toList();
        }
        catch (IOException | RuntimeException unreadable) {
            return List.of(line);
        }
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
