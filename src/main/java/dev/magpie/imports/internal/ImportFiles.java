package dev.magpie.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * The files of imports, under {@code magpie.imports.directory}: {@code <account>/<job>.csv} for uploads and
 * {@code <account>/<job>.json} for API payloads. A file stays until its job finishes (or its draft is
 * abandoned); the job keeps only its location relative to the directory, so the directory can move.
 */
@Component
class ImportFiles {

    private static final Logger log = LoggerFactory.getLogger(ImportFiles.class);

    private final Path directory;

    ImportFiles(ImportsProperties properties) {
        this.directory = properties.directory().toAbsolutePath().normalize();
    }

    /**
     * Moves an upload into place. The servlet container has already written it to its own temporary file (Spring's
     * multipart threshold is 0), so this is a rename or a disk-to-disk copy: the file is never held in memory.
     */
    String storeUpload(MultipartFile upload, String accountId, String jobId) throws IOException {
        String location = accountId + "/" + jobId + ".csv";
        Path target = prepare(location);
        upload.transferTo(target);
        return location;
    }

    /** Writes an API job's payload into place. */
    String storePayload(InputStream payload, String accountId, String jobId) throws IOException {
        String location = accountId + "/" + jobId + ".json";
        Files.copy(payload, prepare(location), StandardCopyOption.REPLACE_EXISTING);
        return location;
    }

    /** Where a stored file is on this instance's disk. */
    Path resolve(String location) {
        Path path = directory.resolve(location).normalize();
        if (!path.startsWith(directory)) {
            throw new IllegalArgumentException("Not an import file: " + location);
        }
        return path;
    }

    /** Whether the file of a job is (still) there. */
    boolean exists(String location) {
        return Files.isRegularFile(resolve(location));
    }

    /** Deletes a job's file, if it is still there; a failure is logged, never thrown. */
    void delete(String location) {
        try {
            Files.deleteIfExists(resolve(location));
        }
        catch (IOException | RuntimeException failed) {
            log.warn("Could not delete import file {}", location, failed);
        }
    }

    private Path prepare(String location) {
        Path target = resolve(location);
        try {
            Files.createDirectories(target.getParent());
        }
        catch (IOException failed) {
            throw new UncheckedIOException("Cannot create the imports directory " + target.getParent()
                    + "; set magpie.imports.directory to a writable directory", failed);
        }
        return target;
    }
}
