package dev.magpie.imports.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.audiences.UnknownListException;
import dev.magpie.imports.internal.ImportSource.UnreadableSource;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.profiles.UpsertOutcome;
import dev.magpie.tenancy.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one claimed import job to its end: reads its rows batch by batch (resuming after the last recorded row),
 * upserts each batch's profiles in parallel, and records every batch's counts and failures before reading the
 * next. A crash therefore repeats at most one batch, which upserting again makes harmless.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    /** Tries of one upsert that fails for a reason no row causes (a timeout, say) before the batch gives up. */
    private static final int UPSERT_TRIES = 3;

    private final Profiles profiles;

    private final ImportLedger ledger;

    private final ImportFiles files;

    private final ImportsProperties properties;

    private final JsonMapper json;

    private final Clock clock;

    private final ListDirectory lists;

    ImportRunner(Profiles profiles, ImportLedger ledger, ImportFiles files, ImportsProperties properties,
            JsonMapper json, Clock clock, ListDirectory lists) {
        this.profiles = profiles;
        this.ledger = ledger;
        this.files = files;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.lists = lists;
    }

    /** Runs {@code job} for {@code owner} (this instance) until it ends, is cancelled or is taken away. */
    void run(ClaimedJob job, String owner) {
        long started = System.nanoTime();
        ExecutorService upserts = Executors.newFixedThreadPool(properties.parallelism(), threads(job));
        Outcome outcome;
        try (ImportSource source = open(job)) {
            outcome = importRows(job, owner, source, upserts);
        }
        catch (UnreadableSource unreadable) {
            log.warn("Import {} of account {} failed: {}", job.id(), job.accountId(), unreadable.getMessage());
            ledger.fail(job, owner, unreadable.getMessage(), clock.instant());
            outcome = Outcome.ENDED;
        }
        catch (InterruptedException interrupted) {
            // This instance is stopping: leave the job for whichever instance claims it next
            ledger.release(job, owner, clock.instant(), false);
            Thread.currentThread().interrupt();
            outcome = Outcome.LEFT;
        }
        catch (RuntimeException failed) {
            outcome = retryLater(job, owner, failed);
        }
        finally {
            upserts.shutdownNow();
        }
        if (outcome == Outcome.ENDED) {
            files.delete(job.fileLocation());
        }
        log.info("Import {} of account {}: {} after {} ms", job.id(), job.accountId(), outcome,
                (System.nanoTime() - started) / 1_000_000);
    }

    private Outcome importRows(ClaimedJob job, String owner, ImportSource source, ExecutorService upserts)
            throws InterruptedException {
        if (job.totalCount() == null && !ledger.recordTotal(job, owner, source.count())) {
            return stoppedElsewhere(job);
        }
        source.skip(job.lastRow());
        int errorsStored = job.errorsStored();
        String listId = job.kind() == ImportKind.CSV ? json.readValue(job.mapping(), ImportMapping.class).listId()
                : null;
        List<ImportRow> rows;
        while (!(rows = source.next(properties.batchSize())).isEmpty()) {
            BatchOutcome batch = upsert(job.accountId(), rows, upserts, listId);
            int room = Math.max(0, properties.maxErrors() - errorsStored);
            List<RowFailure> kept = batch.failures().subList(0, Math.min(room, batch.failures().size()));
            if (!ledger.recordBatch(job, owner, batch, kept, clock.instant().plus(properties.lease()))) {
                return stoppedElsewhere(job);
            }
            errorsStored += kept.size();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return ledger.complete(job, owner, clock.instant()) ? Outcome.ENDED : stoppedElsewhere(job);
    }

    /**
     * Upserts a batch's rows in parallel and waits for all of them, then puts the batch's profiles on the job's
     * list, if it has one (a repeated batch adds nobody twice).
     */
    private BatchOutcome upsert(String accountId, List<ImportRow> rows, ExecutorService upserts, String listId)
            throws InterruptedException {
        List<String> imported = new ArrayList<>(rows.size());
        List<Future<UpsertOutcome>> pending = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            pending.add(row.attributes() == null ? null
                    : upserts.submit(() -> upsertWithRetries(accountId, row)));
        }
        int created = 0;
        int updated = 0;
        List<RowFailure> failures = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            if (pending.get(i) == null) {
                failures.add(row.refusal());
                continue;
            }
            try {
                UpsertOutcome outcome = pending.get(i).get();
                imported.add(outcome.profile().id());
                if (outcome.created()) {
                    created++;
                }
                else {
                    updated++;
                }
            }
            catch (ExecutionException failed) {
                if (failed.getCause() instanceof InvalidProfileException refused) {
                    failures.add(row.refusedBy(refused));
                }
                else if (failed.getCause() instanceof IllegalArgumentException refused) {
                    failures.add(row.refusedBy(new InvalidProfileException(null, refused.getMessage())));
                }
                else if (failed.getCause() instanceof RuntimeException unexpected) {
                    throw unexpected;
                }
                else {
                    throw new IllegalStateException(failed.getCause());
                }
            }
        }
        if (listId != null && !imported.isEmpty()) {
            try {
                lists.add(accountId, listId, imported);
            }
            catch (UnknownListException deleted) {
                // The list was deleted while the file was importing: the profiles are still worth having
                log.warn("Import to list {} of account {}: the list is gone", listId, accountId);
            }
        }
        return new BatchOutcome(rows.size(), created, updated, failures, rows.get(rows.size() - 1).position());
    }

    private UpsertOutcome upsertWithRetries(String accountId, ImportRow row) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return TenantContext.callInAccount(accountId,
                        () -> profiles.upsert(accountId, withoutResubscribing(accountId, row.attributes())));
            }
            catch (InvalidProfileException | IllegalArgumentException refused) {
                throw refused;
            }
            catch (RuntimeException failed) {
                if (attempt >= UPSERT_TRIES) {
                    throw failed;
                }
                Thread.sleep(200L * attempt);
            }
        }
    }

    /**
     * The attributes without their email marketing subscription when the email's profile has unsubscribed: an
     * import never subscribes again someone who said no, whatever the file says.
     */
    private ProfileAttributes withoutResubscribing(String accountId, ProfileAttributes attributes) {
        Consent subscription = attributes.consent() == null ? null : attributes.consent().get(Channel.EMAIL_MARKETING);
        String email = attributes.identifiers().email();
        if (subscription == null || subscription.state() != Consent.State.SUBSCRIBED || email == null) {
            return attributes;
        }
        boolean unsubscribed = profiles.findBy(accountId, IdentifierKind.EMAIL, email)
            .map(Profile::consent)
            .map(consent -> consent.get(Channel.EMAIL_MARKETING))
            .filter(consent -> consent.state() == Consent.State.UNSUBSCRIBED)
            .isPresent();
        if (!unsubscribed) {
            return attributes;
        }
        Map<Channel, Consent> others = new EnumMap<>(attributes.consent());
        others.remove(Channel.EMAIL_MARKETING);
        return new ProfileAttributes(attributes.identifiers(), attributes.firstName(), attributes.lastName(),
                attributes.organization(), attributes.title(), attributes.image(), attributes.location(),
                attributes.properties(), others.isEmpty() ? null : others);
    }

    /** A failure no row caused (Cassandra unavailable, say): try again later, up to magpie.imports.max-attempts. */
    private Outcome retryLater(ClaimedJob job, String owner, RuntimeException failed) {
        if (job.attempts() + 1 >= properties.maxAttempts()) {
            log.error("Import {} of account {} failed {} times; giving up", job.id(), job.accountId(),
                    job.attempts() + 1, failed);
            ledger.fail(job, owner, "Stopped after %d attempts: %s".formatted(job.attempts() + 1,
                    failed.getMessage()), clock.instant());
            return Outcome.ENDED;
        }
        log.warn("Import {} of account {} stopped; it resumes in {}", job.id(), job.accountId(),
                properties.retryDelay(), failed);
        ledger.release(job, owner, clock.instant().plus(properties.retryDelay()), true);
        return Outcome.LEFT;
    }

    private Outcome stoppedElsewhere(ClaimedJob job) {
        log.info("Import {} of account {} was cancelled or taken over; stopping", job.id(), job.accountId());
        // A cancelled job's file is not needed any more; a job another instance took over still needs it
        return ledger.isCancelled(job) ? Outcome.ENDED : Outcome.STOPPED;
    }

    private ImportSource open(ClaimedJob job) {
        if (!files.exists(job.fileLocation())) {
            throw new UnreadableSource("The file of this import is no longer at " + job.fileLocation()
                    + " (with several instances, magpie.imports.directory must be storage they share).", null);
        }
        return switch (job.kind()) {
            case CSV -> new CsvImportSource(files.resolve(job.fileLocation()),
                    json.readValue(job.mapping(), ImportMapping.class), job.fileName(), clock);
            case API -> new ApiImportSource(files.resolve(job.fileLocation()), json, job.totalCount());
        };
    }

    private static ThreadFactory threads(ClaimedJob job) {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, "import-" + job.id().substring(job.id().length() - 6) + "-"
                    + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** How a run ended for this instance. */
    enum Outcome {
        /** The job ended (complete or failed): its file can go. */
        ENDED,
        /** Put back for a later run, by this instance or another. */
        LEFT,
        /** Cancelled, or taken over by another instance. */
        STOPPED
    }
}
