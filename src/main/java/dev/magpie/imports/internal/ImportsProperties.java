package dev.magpie.imports.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How profile imports run (prefix {@code magpie.imports}).
 *
 * @param directory where uploaded CSV files and API job payloads wait until their job is done; empty for
 * {@code magpie-imports} under the system's temporary directory. With several instances of Magpie this must be
 * storage every instance mounts (NFS, EFS, a Kubernetes ReadWriteMany volume): whichever instance claims a job
 * reads its file from here
 * @param batchSize rows upserted between two progress records; a crash repeats at most one batch
 * @param parallelism upserts one job keeps in flight at once
 * @param workers jobs one instance runs at once
 * @param pollInterval how often an idle instance looks for queued jobs
 * @param lease how long a claimed job stays with its instance without a sign of life; after that another
 * instance takes it over and resumes where it stopped
 * @param maxAttempts how many times a job is resumed after failures it cannot get past (such as Cassandra
 * being unavailable) before it is marked failed
 * @param retryDelay how long a job waits before it is resumed after such a failure
 * @param maxErrors failed rows kept per job for the error report; rows beyond are counted, not kept
 * @param draftRetention how long an uploaded file waits for its columns to be mapped before it is deleted
 * @param maxUploadSize the largest CSV file accepted; keep {@code spring.servlet.multipart.max-file-size} and
 * {@code max-request-size} at least as large
 */
@ConfigurationProperties("magpie.imports")
record ImportsProperties(Path directory, @DefaultValue("500") int batchSize, @DefaultValue("16") int parallelism,
        @DefaultValue("2") int workers, @DefaultValue("1s") Duration pollInterval, @DefaultValue("1m") Duration lease,
        @DefaultValue("5") int maxAttempts, @DefaultValue("30s") Duration retryDelay,
        @DefaultValue("10000") int maxErrors, @DefaultValue("1d") Duration draftRetention,
        @DefaultValue("1GB") DataSize maxUploadSize) {

    ImportsProperties {
        if (directory == null) {
            directory = Path.of(System.getProperty("java.io.tmpdir"), "magpie-imports");
        }
        if (batchSize < 1 || parallelism < 1 || workers < 1 || maxAttempts < 1 || maxErrors < 0) {
            throw new IllegalArgumentException(
                    "magpie.imports.batch-size, parallelism, workers and max-attempts must be at least 1");
        }
    }
}
