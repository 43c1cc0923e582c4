package dev.magpie.activity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.magpie.activity.NewEvent;
import dev.magpie.activity.internal.CassandraEventRecorder.Outcome;
import dev.magpie.activity.internal.CassandraEventRecorder.Submission;
import dev.magpie.activity.internal.EventBulkCreateJobMessage.Entry;
import dev.magpie.activity.internal.EventBulkCreateJobMessage.Item;
import dev.magpie.activity.internal.EventRequests.BulkItem;
import dev.magpie.engines.JobPublisher;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk event jobs: accepting one (a row to follow it by, then the job on RabbitMQ, so that the 202 is sent once
 * the broker holds the events and no crash can lose them), and working one off.
 *
 * <p>A job is checked whole before it is accepted: a malformed item rejects it all (400, nothing stored). The
 * only failures left for the worker are the ones only the profiles module can tell, such as a phone number that
 * no country has: such an item fails alone, and the job reports it (its pointer and why) while the other items'
 * events are stored.
 */
@Component
class EventBulkCreateJobs {

    /** The RabbitMQ queue of bulk event jobs. */
    static final String QUEUE = "magpie.activity.event-bulk-create";

    private static final Logger log = LoggerFactory.getLogger(EventBulkCreateJobs.class);

    private static final int MAX_ERRORS = 100;

    private final EventBulkCreateJobRepository jobs;

    private final TenantTransactions transactions;

    private final JobPublisher publisher;

    private final CassandraEventRecorder recorder;

    private final JsonMapper json;

    private final Clock clock;

    EventBulkCreateJobs(EventBulkCreateJobRepository jobs, TenantTransactions transactions, JobPublisher publisher,
            CassandraEventRecorder recorder, JsonMapper json, Clock clock) {
        this.jobs = jobs;
        this.transactions = transactions;
        this.publisher = publisher;
        this.recorder = recorder;
        this.json = json;
        this.clock = clock;
    }

    /** Queues the checked items as a job and returns its id once RabbitMQ holds it. */
    String accept(String accountId, List<BulkItem> items) {
        Instant now = clock.instant();
        String id = Ids.newId();
        int total = items.stream().mapToInt(item -> item.events().size()).sum();
        transactions.inAccount(accountId, () -> jobs.save(new EventBulkCreateJob(id, total, now)));
        List<Item> message = items.stream()
            .map(item -> new Item(item.pointer(), item.profileId(), item.profile(), item.events()
                .stream()
                .map(event -> new Entry(event.metricName(), event.source(), event.time(), event.value(),
                        event.valueCurrency(), event.properties(), event.uniqueId()))
                .toList()))
            .toList();
        try {
            publisher.publish(QUEUE, accountId, new EventBulkCreateJobMessage(id, accountId, now, message));
        }
        catch (RuntimeException notQueued) {
            markFailed(accountId, id, "The job could not be queued.");
            throw notQueued;
        }
        return id;
    }

    /** The account's job with this id. */
    Optional<EventBulkCreateJob> find(String accountId, String id) {
        return transactions.inAccount(accountId, () -> jobs.findById(id));
    }

    /** The errors a job reports, in request order. */
    List<ItemError> errors(EventBulkCreateJob job) {
        return job.errors() == null ? List.of() : List.of(json.readValue(job.errors(), ItemError[].class));
    }

    /**
     * Records a job's events: every item's profile is resolved (in parallel), its events stored, and the job's row
     * completed with what happened. Safe to run again after a failure: stored events are recognised as repeats.
     */
    void process(EventBulkCreateJobMessage job) {
        String accountId = job.accountId();
        transactions.inAccount(accountId, () -> {
            jobs.findById(job.jobId()).ifPresent(row -> row.start(clock.instant()));
            return null;
        });
        List<Submission> submissions = new ArrayList<>();
        List<String> pointers = new ArrayList<>();
        for (Item item : job.items()) {
            ProfileAttributes profile = item.profile();
            for (Entry entry : item.events()) {
                // Events without a time happened when the request arrived, not when the worker got to them
                submissions.add(new Submission(item.profileId(), new NewEvent(entry.metricName(), entry.source(),
                        profile, entry.time() != null ? entry.time() : job.receivedAt(), entry.value(),
                        entry.valueCurrency(), entry.properties(), entry.uniqueId())));
                pointers.add(item.pointer());
            }
        }
        List<Outcome> outcomes = recorder.recordAll(accountId, submissions);
        int completed = 0;
        int duplicates = 0;
        int failed = 0;
        Map<String, ItemError> errors = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.failure() != null) {
                failed++;
                if (errors.size() < MAX_ERRORS) {
                    errors.putIfAbsent(pointers.get(i), error(pointers.get(i), outcome.failure()));
                }
            }
            else {
                completed++;
                duplicates += outcome.isNew() ? 0 : 1;
            }
        }
        int done = completed;
        int repeated = duplicates;
        int refused = failed;
        String errorJson = errors.isEmpty() ? null : json.writeValueAsString(List.copyOf(errors.values()));
        transactions.inAccount(accountId, () -> {
            jobs.findById(job.jobId()).ifPresent(row -> row.complete(done, repeated, refused, errorJson, clock.instant()));
            return null;
        });
        log.debug("Bulk event job {} of account {}: {} recorded ({} repeats), {} failed", job.jobId(), accountId,
                completed, duplicates, failed);
    }

    /** Gives up on a job that could not be processed, after its retries. */
    void giveUp(EventBulkCreateJobMessage job) {
        markFailed(job.accountId(), job.jobId(), "The job could not be processed; operators can replay it from "
                + "the dead-letter queue.");
    }

    private void markFailed(String accountId, String id, String detail) {
        String errorJson = json.writeValueAsString(List.of(new ItemError("/data", detail)));
        transactions.inAccount(accountId, () -> {
            jobs.findById(id).ifPresent(row -> row.fail(errorJson, clock.instant()));
            return null;
        });
    }

    private static ItemError error(String itemPointer, RuntimeException failure) {
        if (failure instanceof InvalidProfileException invalid) {
            String field = invalid.field();
            String pointer = itemPointer + "/attributes/profile/data"
                    + ("id".equals(field) ? "/id" : "profile".equals(field) ? "" : "/attributes/" + field);
            return new ItemError(pointer, invalid.getMessage());
        }
        return new ItemError(itemPointer, "The item's events could not be recorded.");
    }

    /** Why an item of a job failed: where it is in the request, and what was wrong. */
    record ItemError(String pointer, String detail) {
    }
}
