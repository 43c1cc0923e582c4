package dev.magpie.imports.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

import dev.magpie.tenancy.TenantTransactions;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bulk import jobs sent to the API: stored as they came, queued at once. */
@Service
class ApiImports {

    private final ImportJobRepository jobs;

    private final ImportFiles files;

    private final ImportWorker worker;

    private final TenantTransactions transactions;

    private final JsonMapper json;

    private final Clock clock;

    ApiImports(ImportJobRepository jobs, ImportFiles files, ImportWorker worker, TenantTransactions transactions,
            JsonMapper json, Clock clock) {
        this.jobs = jobs;
        this.files = files;
        this.worker = worker;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** Queues the profile objects of {@code profiles} (a JSON array, already checked) as a job of {@code accountId}. */
    ImportJob create(String accountId, JsonNode profiles, String createdBy) {
        String id = ImportJob.newId();
        byte[] payload = json.writeValueAsBytes(profiles);
        String location;
        try {
            location = files.storePayload(new ByteArrayInputStream(payload), accountId, id);
        }
        catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        ImportJob job = transactions.inAccount(accountId, () -> jobs.save(
                ImportJob.apiJob(id, location, payload.length, profiles.size(), createdBy, clock.instant())));
        worker.wakeUp();
        return job;
    }
}
