package dev.magpie.activity.internal;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.magpie.activity.internal.ApiStores.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Klaviyo's "Bulk Create Events": a job is checked whole and answered 202 at once, its events are recorded by a
 * worker, and the job can be followed at the {@code Location} the 202 names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventBulkCreateJobsApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    ApiStores stores;

    @BeforeEach
    void stores() {
        stores = new ApiStores(jdbc, json, port);
    }

    @Test
    void aJobsEventsAreRecordedAndTheJobReportsWhatHappened() {
        Store store = stores.open("Fir Furniture");
        String key = stores.key(store, "events:write");
        List<String> items = new ArrayList<>();
        for (int person = 0; person < 20; person++) {
            List<String> events = new ArrayList<>();
            for (int n = 0; n < 10; n++) {
                events.add(Events.bulkEvent(n % 2 == 0 ? "Viewed Product" : "Added to Cart",
                        "2026-07-0%dT1%d:00:00Z".formatted(1 + n % 5, n), "p%d-e%d".formatted(person, n),
                        n % 2 == 0 ? null : "12.5", "{\"Position\": " + n + "}"));
            }
            items.add(Events.item("\"email\": \"" + EventsApiTests.unique("bulk" + person) + "\", \"first_name\": \"P"
                    + person + "\"", events));
        }

        HttpResponse<String> accepted = stores.post(key, "/api/event-bulk-create-jobs", Events.bulk(items));

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEmpty();
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(stores.url("/api/event-bulk-create-jobs/"));
        String jobPath = location.substring(stores.url("").length());
        JsonNode job = awaitComplete(key, jobPath);
        assertThat(job.at("/type").asString()).isEqualTo("event-bulk-create-job");
        assertThat(job.at("/attributes/total_count").asInt()).isEqualTo(200);
        assertThat(job.at("/attributes/completed_count").asInt()).isEqualTo(200);
        assertThat(job.at("/attributes/duplicate_count").asInt()).isZero();
        assertThat(job.at("/attributes/failed_count").asInt()).isZero();
        assertThat(count(key, "/api/events?page%5Bsize%5D=1000")).isEqualTo(200);

        // The same job again changes nothing: every event is recognised
        HttpResponse<String> again = stores.post(key, "/api/event-bulk-create-jobs", Events.bulk(items));
        JsonNode repeat = awaitComplete(key, again.headers().firstValue("Location").orElseThrow()
            .substring(stores.url("").length()));
        assertThat(repeat.at("/attributes/duplicate_count").asInt()).isEqualTo(200);
        assertThat(count(key, "/api/events?page%5Bsize%5D=1000")).isEqualTo(200);
    }

    @Test
    void anItemTheProfilesModuleRefusesFailsAloneAndTheJobSaysWhere() {
        Store store = stores.open("Gum Tree Toys");
        String key = stores.key(store, "events:write");
        String good = Events.item("\"email\": \"" + EventsApiTests.unique("good") + "\"",
                List.of(Events.bulkEvent("Viewed Product", "2026-07-01T10:00:00Z", null, null, "{}")));
        // Shaped like a phone number, but no country has it: only the profiles module can tell
        String refused = Events.item("\"phone_number\": \"+999 555 0100\"",
                List.of(Events.bulkEvent("Viewed Product", "2026-07-01T11:00:00Z", null, null, "{}")));

        HttpResponse<String> accepted = stores.post(key, "/api/event-bulk-create-jobs", Events.bulk(List.of(good,
                refused)));

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode job = awaitComplete(key, accepted.headers().firstValue("Location").orElseThrow()
            .substring(stores.url("").length()));
        assertThat(job.at("/attributes/completed_count").asInt()).isEqualTo(1);
        assertThat(job.at("/attributes/failed_count").asInt()).isEqualTo(1);
        assertThat(job.at("/attributes/errors/0/source/pointer").asString())
            .isEqualTo("/data/attributes/events-bulk-create/data/1/attributes/profile/data/attributes/phone_number");
        assertThat(count(key, "/api/events")).isEqualTo(1);
    }

    @Test
    void anInvalidJobIsRejectedWholeNamingTheItem() {
        Store store = stores.open("Hazel Home");
        String key = stores.key(store, "events:write");
        String good = Events.item("\"email\": \"" + EventsApiTests.unique("fine") + "\"",
                List.of(Events.bulkEvent("Viewed Product", "2026-07-01T10:00:00Z", null, null, "{}")));
        String noName = Events.item("\"email\": \"" + EventsApiTests.unique("other") + "\"",
                List.of(Events.bulkEvent("Viewed Product", null, null, null, "{}"),
                        Events.bulkEvent("", null, null, null, "{}")));

        HttpResponse<String> rejected = stores.post(key, "/api/event-bulk-create-jobs",
                Events.bulk(List.of(good, noName)));

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(stores.error(rejected).at("/source/pointer").asString()).isEqualTo(
                "/data/attributes/events-bulk-create/data/1/attributes/events/data/1/attributes/metric/data/attributes/name");
        HttpResponse<String> badEmail = stores.post(key, "/api/event-bulk-create-jobs", Events.bulk(List.of(good,
                Events.item("\"email\": \"nobody at example.com\"",
                        List.of(Events.bulkEvent("Viewed Product", null, null, null, "{}"))))));
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(stores.error(badEmail).at("/source/pointer").asString())
            .isEqualTo("/data/attributes/events-bulk-create/data/1/attributes/profile/data/attributes/email");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Events.bulkEvent("Viewed Product", null, "u" + i, null, "{}"));
        }
        HttpResponse<String> overLimit = stores.post(key, "/api/event-bulk-create-jobs", Events.bulk(List.of(
                Events.item("\"email\": \"" + EventsApiTests.unique("many") + "\"", tooMany))));
        assertThat(overLimit.statusCode()).isEqualTo(400);
        assertThat(stores.error(overLimit).at("/source/pointer").asString())
            .isEqualTo("/data/attributes/events-bulk-create/data");
        HttpResponse<String> tooLarge = stores.post(key, "/api/event-bulk-create-jobs", Events.bulk(List.of(
                Events.item("\"email\": \"" + EventsApiTests.unique("large") + "\"", List.of(Events.bulkEvent(
                        "Viewed Product", null, null, null, "{\"Blob\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}"))))));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(stores.post(key, "/api/event-bulk-create-jobs", "{\"data\": {\"type\": "
                + "\"event-bulk-create-job\", \"attributes\": {\"events-bulk-create\": {\"data\": []}}}}").statusCode())
            .isEqualTo(400);

        assertThat(count(key, "/api/events")).isZero();
    }

    @Test
    void aJobOfAnotherAccountIsNotFound() {
        Store a = stores.open("Ivy Interiors");
        Store b = stores.open("Juniper Jewels");
        String aKey = stores.key(a, "events:write");
        String bKey = stores.key(b, "events:write");
        HttpResponse<String> accepted = stores.post(bKey, "/api/event-bulk-create-jobs", Events.bulk(List.of(
                Events.item("\"email\": \"" + EventsApiTests.unique("juniper") + "\"",
                        List.of(Events.bulkEvent("Viewed Product", null, null, null, "{}"))))));
        String jobPath = accepted.headers().firstValue("Location").orElseThrow().substring(stores.url("").length());
        awaitComplete(bKey, jobPath);

        HttpResponse<String> seenByA = stores.get(aKey, jobPath);

        assertThat(seenByA.statusCode()).isEqualTo(404);
        assertThat(stores.error(seenByA).at("/code").asString()).isEqualTo("not_found");
        assertThat(count(aKey, "/api/events")).isZero();
        assertThat(count(bKey, "/api/events")).isEqualTo(1);
        assertThat(stores.post(stores.key(a, "events:read"), "/api/event-bulk-create-jobs", Events.bulk(List.of()))
            .statusCode()).isEqualTo(403);
    }

    private JsonNode awaitComplete(String key, String jobPath) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = stores.get(key, jobPath);
            assertThat(response.statusCode()).isEqualTo(200);
            return stores.body(response).at("/data");
        }, job -> job.at("/attributes/status").asString().equals("complete"));
    }

    private int count(String key, String path) {
        return stores.body(stores.get(key, path)).at("/data").size();
    }
}
