package dev.magpie.activity.internal.demo;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** Follows accepted bulk jobs ({@code GET /api/event-bulk-create-jobs/{id}}) until each has completed or failed. */
final class BulkJobs {

    private final ApiClient api;

    BulkJobs(ApiClient api) {
        this.api = api;
    }

    /** How the jobs ended, and when the last of them completed (by the server's clock). */
    record Done(int complete, int failed, Instant lastCompleted) {
    }

    Done awaitAll(List<String> locations) throws IOException, InterruptedException {
        List<String> pending = new ArrayList<>(locations.stream().map(BulkJobs::path).toList());
        int complete = 0;
        int failed = 0;
        Instant last = Instant.EPOCH;
        while (!pending.isEmpty()) {
            List<String> still = new ArrayList<>();
            for (String job : pending) {
                JsonNode attributes = api.get(job).path("data").path("attributes");
                String status = attributes.path("status").asString("");
                if (status.equals("complete") || status.equals("failed")) {
                    if (status.equals("complete")) {
                        complete++;
                    }
                    else {
                        failed++;
                    }
                    Instant at = OffsetDateTime.parse(attributes.path("completed_at").asString()).toInstant();
                    last = at.isAfter(last) ? at : last;
                }
                else {
                    still.add(job);
                }
            }
            pending = still;
            if (!pending.isEmpty()) {
                Thread.sleep(250);
            }
        }
        return new Done(complete, failed, last);
    }

    private static String path(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath();
    }
}
