package dev.magpie.imports.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.magpie.imports.internal.RowConverter.Converted;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.ProfileAttributes;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The rows of an uploaded CSV file, streamed record by record and converted through the job's mapping. */
final class CsvImportSource implements ImportSource {

    private final Path file;

    private final ImportMapping mapping;

    private final RowConverter converter;

    private final Clock clock;

    private CSVParser parser;

    private Iterator<CSVRecord> records;

    private int position;

    CsvImportSource(Path file, ImportMapping mapping, String fileName, Clock clock) {
        this.file = file;
        this.mapping = mapping;
        this.converter = new RowConverter(mapping, fileName);
        this.clock = clock;
    }

    @Override
    public int count() {
        try (CSVParser counting = CsvFiles.parse(file, mapping.delimiter())) {
            long count = 0;
            for (Iterator<CSVRecord> all = counting.iterator(); all.hasNext(); all.next()) {
                count++;
            }
            return (int) Math.max(0, count - 1);
        }
        catch (IOException | UncheckedIOException | IllegalStateException unreadable) {
            throw new UnreadableSource("The file could not be read: " + reason(unreadable), unreadable);
        }
    }

    @Override
    public void skip(int rows) {
        open();
        while (position < rows && hasNext()) {
            records.next();
            position++;
        }
    }

    @Override
    public List<ImportRow> next(int max) {
        open();
        List<ImportRow> rows = new ArrayList<>(max);
        while (rows.size() < max && hasNext()) {
            CSVRecord record = records.next();
            position++;
            rows.add(row(position, record.toList()));
        }
        return rows;
    }

    private ImportRow row(int position, List<String> values) {
        // The header is the spreadsheet's row 1, so the first row under it is row 2
        int rowNumber = position + 1;
        Converted converted = converter.convert(values, clock.instant());
        return new ImportRow() {

            @Override
            public int position() {
                return position;
            }

            @Override
            public ProfileAttributes attributes() {
                return converted instanceof Converted.Valid valid ? valid.attributes() : null;
            }

            @Override
            public RowFailure refusal() {
                return converted instanceof Converted.Invalid invalid
                        ? new RowFailure(rowNumber, invalid.column(), invalid.value(), invalid.message(), original())
                        : null;
            }

            @Override
            public RowFailure refusedBy(InvalidProfileException refused) {
                String column = converter.columnOf(refused.field());
                return new RowFailure(rowNumber, column, converter.valueOf(column, values), refused.getMessage(),
                        original());
            }

            private String original() {
                return CSVFormat.DEFAULT.format(values.toArray());
            }
        };
    }

    private boolean hasNext() {
        try {
            return records.hasNext();
        }
        catch (UncheckedIOException | IllegalStateException unreadable) {
            throw new UnreadableSource("The file could not be read after row %d: %s".formatted(position + 1,
                    reason(unreadable)), unreadable);
        }
    }

    private void open() {
        if (parser != null) {
            return;
        }
        try {
            parser = CsvFiles.parse(file, mapping.delimiter());
        }
        catch (IOException unreadable) {
            throw new UnreadableSource("The file could not be opened: " + reason(unreadable), unreadable);
        }
        records = parser.iterator();
        if (hasNext()) {
            records.next();
        }
    }

    private static String reason(Exception failure) {
        Throwable cause = failure instanceof UncheckedIOException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause.getMessage();
    }

    @Override
    public void close() {
        if (parser != null) {
            try {
                parser.close();
            }
            catch (IOException ignored) {
                // only read from
            }
        }
    }
}
