package dev.magpie.imports.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * Opens uploaded CSV files as streams of records: UTF-8 (a byte-order mark, as Excel writes, is skipped), values
 * trimmed, blank lines ignored, and the delimiter (comma, semicolon or tab) found in the header row, since
 * spreadsheets in many countries save with semicolons.
 */
final class CsvFiles {

    private static final char[] DELIMITERS = { ',', ';', '\t' };

    private static final int HEADER_LIMIT = 64 * 1024;

    private CsvFiles() {
    }

    /** The delimiter of the file's header row: the candidate that occurs most outside quotes; a comma on a tie. */
    static char detectDelimiter(Path file) throws IOException {
        try (Reader reader = reader(file)) {
            int[] counts = new int[DELIMITERS.length];
            boolean quoted = false;
            for (int read = 0, c; read < HEADER_LIMIT && (c = reader.read()) != -1; read++) {
                if (c == '"') {
                    quoted = !quoted;
                }
                else if (!quoted && (c == '\n' || c == '\r')) {
                    break;
                }
                else if (!quoted) {
                    for (int i = 0; i < DELIMITERS.length; i++) {
                        if (c == DELIMITERS[i]) {
                            counts[i]++;
                        }
                    }
                }
            }
            int best = 0;
            for (int i = 1; i < DELIMITERS.length; i++) {
                if (counts[i] > counts[best]) {
                    best = i;
                }
            }
            return DELIMITERS[best];
        }
    }

    /** A parser over the whole file, header row included, reading as it goes. */
    static CSVParser parse(Path file, char delimiter) throws IOException {
        return format(delimiter).parse(reader(file));
    }

    static CSVFormat format(char delimiter) {
        return CSVFormat.DEFAULT.builder()
            .setDelimiter(delimiter)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .setIgnoreSurroundingSpaces(true)
            .get();
    }

    private static Reader reader(Path file) throws IOException {
        InputStream in = new PushbackInputStream(Files.newInputStream(file), 3);
        skipByteOrderMark((PushbackInputStream) in);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
    }

    private static void skipByteOrderMark(PushbackInputStream in) throws IOException {
        byte[] start = new byte[3];
        int read = in.readNBytes(start, 0, 3);
        boolean bom = read == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF;
        if (!bom && read > 0) {
            in.unread(start, 0, read);
        }
    }
}
