package dev.magpie.imports.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the start of an uploaded file as spreadsheets save them. */
class CsvSampleTests {

    @TempDir
    Path directory;

    @Test
    void excelsByteOrderMarkAndSemicolonsAreHandled() throws IOException {
        Path file = write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
                "Email;Name;\"Note; with semicolon\"\r\nana@example.com;Ana;\"x; y\"\r\n");

        CsvSample sample = CsvSample.read(file, 100);

        assertThat(sample.delimiter()).isEqualTo(';');
        assertThat(sample.headers()).containsExactly("Email", "Name", "Note; with semicolon");
        assertThat(sample.rows()).containsExactly(java.util.List.of("ana@example.com", "Ana", "x; y"));
    }

    @Test
    void tabsAreFoundAndOnlyTheRequestedRowsAreRead() throws IOException {
        StringBuilder csv = new StringBuilder("email\tname\n");
        for (int i = 0; i < 500; i++) {
            csv.append("p").append(i).append("@example.com\tP").append(i).append('\n');
        }

        CsvSample sample = CsvSample.read(write(new byte[0], csv.toString()), 100);

        assertThat(sample.delimiter()).isEqualTo('\t');
        assertThat(sample.rows()).hasSize(100);
    }

    @Test
    void emptyFilesAndFilesWithoutHeaderAreRefused() throws IOException {
        assertThatThrownBy(() -> CsvSample.read(write(new byte[0], ""), 10))
            .isInstanceOfSatisfying(CsvSample.UnreadableCsv.class,
                    refused -> assertThat(refused.messageCode()).isEqualTo("imports.error.empty-file"));
        assertThatThrownBy(() -> CsvSample.read(write(new byte[0], ",,\na,b,c\n"), 10))
            .isInstanceOfSatisfying(CsvSample.UnreadableCsv.class,
                    refused -> assertThat(refused.messageCode()).isEqualTo("imports.error.no-header"));
    }

    private Path write(byte[] prefix, String text) throws IOException {
        Path file = Files.createTempFile(directory, "upload", ".csv");
        Files.write(file, prefix);
        Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        return file;
    }
}
