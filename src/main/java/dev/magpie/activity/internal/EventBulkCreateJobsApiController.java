package dev.magpie.activity.internal;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.magpie.activity.internal.EventBulkCreateJobs.ItemError;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.JsonApi;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceDocument;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Klaviyo's "Bulk Create Events": up to 1,000 events for one or more profiles, at most 5 MB. The whole request is
 * checked first (400 naming the first bad member, nothing stored); a valid one is answered 202, as Klaviyo
 * does, once RabbitMQ holds it, and a worker records its events. Beyond Klaviyo, the 202 carries a
 * {@code Location} where the job can be followed ({@code GET /api/event-bulk-create-jobs/{id}}).
 */
@RestController
@RequestMapping("/api/event-bulk-create-jobs")
class EventBulkCreateJobsApiController {

    static final String TYPE = "event-bulk-create-job";

    private final RequestBodies bodies;

    private final EventRequests requests;

    private final EventBulkCreateJobs jobs;

    EventBulkCreateJobsApiController(RequestBodies bodies, EventRequests requests, EventBulkCreateJobs jobs) {
        this.bodies = bodies;
        this.requests = requests;
        this.jobs = jobs;
    }

    @PostMapping(consumes = { JsonApi.MEDIA_TYPE_VALUE, "application/json" })
    @RequiresScope("events:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<Void> create(HttpServletRequest request) {
        String accountId = TenantContext.requireAccountId();
        List<EventRequests.BulkItem> items = requests.bulk(bodies.read(request));
        String id;
        try {
            id = jobs.accept(accountId, items);
        }
        catch (RuntimeException failed) {
            throw Busy.isTransient(failed) ? Busy.retryLater(failed) : failed;
        }
        return ResponseEntity.accepted().location(URI.create(self(id))).build();
    }

    @GetMapping("/{id}")
    @RequiresScope("events:read")
    @RateLimited(RateLimitTier.L)
    ResourceDocument<JobAttributes> job(@PathVariable String id) {
        EventBulkCreateJob job = jobs.find(TenantContext.requireAccountId(), id)
            .orElseThrow(() -> ApiException.notFound("There is no bulk event job with id '%s'.".formatted(
                    id.length() > 40 ? id.substring(0, 40) + "…" : id)));
        return ResourceDocument.of(Resource.of(TYPE, job.id(), JobAttributes.of(job, jobs.errors(job)), self(id)));
    }

    private static String self(String id) {
        return ActivityResources.url("/api/event-bulk-create-jobs/" + id + "/");
    }

    /**
     * A job as its caller follows it: {@code status} is queued, processing, complete or failed; counts are of
     * events; {@code errors} name the items that failed alone.
     */
    record JobAttributes(String status, @JsonProperty("total_count") int totalCount,
            @JsonProperty("completed_count") int completedCount, @JsonProperty("duplicate_count") int duplicateCount,
            @JsonProperty("failed_count") int failedCount, @JsonProperty("created_at") String createdAt,
            @JsonProperty("started_at") String startedAt, @JsonProperty("completed_at") String completedAt,
            List<JobError> errors) {

        static JobAttributes of(EventBulkCreateJob job, List<ItemError> errors) {
            return new JobAttributes(job.status().name().toLowerCase(java.util.Locale.ROOT), job.totalCount(),
                    job.completedCount(), job.duplicateCount(), job.failedCount(),
                    ActivityResources.format(job.createdAt()), ActivityResources.format(job.startedAt()),
                    ActivityResources.format(job.completedAt()),
                    errors.stream().map(error -> new JobError(error.detail(), new JobError.Source(error.pointer())))
                        .toList());
        }
    }

    /** An item's error, shaped as a JSON:API error object's detail and source. */
    record JobError(String detail, Source source) {

        /** Where the failed item is in the job's request. */
        record Source(String pointer) {
        }
    }
}
