package dev.magpie.activity.internal;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

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

/**
 * Klaviyo's Events API against the real engines, called the way Klaviyo's SDKs call it: events go in with
 * "Create Event" and come back with "Get Events" and "Get Event", once each however often they are sent, and
 * no key ever sees another account's events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventsApiTests {

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
    void anEventSentIsAcceptedAndReadBackAsKlaviyoShowsIt() {
        Store store = stores.open("Acme Outdoor");
        String key = stores.key(store, "events:write", "metrics:read", "profiles:read");
        String email = unique("sarah.mason");

        HttpResponse<String> created = stores.post(key, "/api/events", Events.event("Placed Order", email,
                "2026-07-01T10:15:30+00:00", "order-1001", "29.99",
                "{\"OrderId\": \"1001\", \"Items\": [{\"ProductName\": \"Tent\", \"Quantity\": 1}]}"));

        assertThat(created.statusCode()).isEqualTo(202);
        assertThat(created.body()).isEmpty();
        HttpResponse<String> listed = stores.get(key, "/api/events");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.headers().firstValue("Content-Type")).contains("application/vnd.api+json");
        JsonNode events = stores.body(listed).at("/data");
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.at("/type").asString()).isEqualTo("event");
        assertThat(event.at("/attributes/datetime").asString()).isEqualTo("2026-07-01T10:15:30+00:00");
        assertThat(event.at("/attributes/timestamp").asLong())
            .isEqualTo(Instant.parse("2026-07-01T10:15:30Z").getEpochSecond());
        assertThat(event.at("/attributes/uuid").asString()).hasSize(36);
        JsonNode properties = event.at("/attributes/event_properties");
        assertThat(properties.at("/OrderId").asString()).isEqualTo("1001");
        assertThat(properties.at("/Items/0/ProductName").asString()).isEqualTo("Tent");
        assertThat(properties.at("/$value").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(properties.at("/$value_currency").asString()).isEqualTo("USD");
        assertThat(properties.at("/$event_id").asString()).isEqualTo("order-1001");
        String id = event.at("/id").asString();
        assertThat(event.at("/links/self").asString()).isEqualTo(stores.url("/api/events/" + id + "/"));
        assertThat(event.at("/relationships/metric/data/type").asString()).isEqualTo("metric");
        assertThat(event.at("/relationships/metric/links/related").asString())
            .isEqualTo(stores.url("/api/events/" + id + "/metric/"));
        String profileId = event.at("/relationships/profile/data/id").asString();
        String metricId = event.at("/relationships/metric/data/id").asString();

        JsonNode one = stores.body(stores.get(key, "/api/events/" + id + "?include=metric,profile"));
        assertThat(one.at("/data/id").asString()).isEqualTo(id);
        assertThat(one.at("/included")).hasSize(2);
        assertThat(one.at("/included/0/type").asString()).isEqualTo("metric");
        assertThat(one.at("/included/0/attributes/name").asString()).isEqualTo("Placed Order");
        assertThat(one.at("/included/0/attributes/integration/name").asString()).isEqualTo("API");
        assertThat(one.at("/included/1/id").asString()).isEqualTo(profileId);
        assertThat(one.at("/included/1/attributes/email").asString()).isEqualTo(email);

        JsonNode metric = stores.body(stores.get(key, "/api/events/" + id + "/metric"));
        assertThat(metric.at("/data/id").asString()).isEqualTo(metricId);
        assertThat(metric.at("/data/attributes/name").asString()).isEqualTo("Placed Order");
        JsonNode metricLink = stores.body(stores.get(key, "/api/events/" + id + "/relationships/metric"));
        assertThat(metricLink.at("/data/type").asString()).isEqualTo("metric");
        assertThat(metricLink.at("/data/id").asString()).isEqualTo(metricId);
        JsonNode profile = stores.body(stores.get(key, "/api/events/" + id + "/profile"));
        assertThat(profile.at("/data/attributes/email").asString()).isEqualTo(email);
        JsonNode profileLink = stores.body(stores.get(key, "/api/events/" + id + "/relationships/profile"));
        assertThat(profileLink.at("/data/id").asString()).isEqualTo(profileId);
    }

    @Test
    void theSameEventSentAgainIsStoredOnce() {
        Store store = stores.open("Birch & Co");
        String key = stores.key(store, "events:write");
        String email = unique("repeat");
        String withTime = Events.event("Placed Order", email, "2026-07-02T08:00:00Z", "order-7", "10", "{}");
        // Without a time, Magpie uses the time it receives the event: a retry a second later is still the same event
        String withoutTime = Events.event("Started Checkout", email, null, "checkout-7", null, "{}");
        String withoutUniqueId = Events.event("Viewed Product", email, "2026-07-02T09:00:00Z", null, null,
                "{\"ProductName\": \"Mug\"}");

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(stores.post(key, "/api/events", withTime).statusCode()).isEqualTo(202);
            assertThat(stores.post(key, "/api/events", withoutTime).statusCode()).isEqualTo(202);
            assertThat(stores.post(key, "/api/events", withoutUniqueId).statusCode()).isEqualTo(202);
            sleep(600);
        }

        JsonNode events = stores.body(stores.get(key, "/api/events")).at("/data");
        assertThat(names(events, key)).containsExactlyInAnyOrder("Placed Order", "Started Checkout", "Viewed Product");
    }

    @Test
    void eventsAreFilteredByMetricProfileAndTimeAndPagedWithCursors() {
        Store store = stores.open("Cedar Books");
        String key = stores.key(store, "events:write");
        String ann = unique("ann");
        String bob = unique("bob");
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        for (int day = 0; day < 5; day++) {
            stores.post(key, "/api/events", Events.event("Viewed Product", ann, start.plus(day, ChronoUnit.DAYS)
                .toString(), null, null, "{\"Day\": " + day + "}"));
        }
        stores.post(key, "/api/events", Events.event("Placed Order", ann, "2026-06-03T12:00:00Z", "o-1", "5", "{}"));
        stores.post(key, "/api/events", Events.event("Viewed Product", bob, "2026-06-02T12:00:00Z", null, null, "{}"));

        List<JsonNode> all = allPages(key, "/api/events?page%5Bsize%5D=3");
        assertThat(all).hasSize(7);
        assertThat(all).extracting(event -> event.at("/attributes/datetime").asString()).isSortedAccordingTo(
                (a, b) -> b.compareTo(a));
        String annId = profileOf(all, "Placed Order");
        String viewedId = metricOf(all, "Viewed Product", key);

        assertThat(allPages(key, "/api/events?filter=" + encode("equals(profile_id,\"" + annId + "\")")))
            .hasSize(6);
        assertThat(allPages(key, "/api/events?filter=" + encode("equals(metric_id,\"" + viewedId + "\")")))
            .hasSize(6);
        assertThat(allPages(key, "/api/events?page%5Bsize%5D=2&filter=" + encode("equals(metric_id,\"" + viewedId
                + "\"),equals(profile_id,\"" + annId + "\")"))).hasSize(5);
        List<JsonNode> between = allPages(key, "/api/events?sort=datetime&page%5Bsize%5D=2&filter="
                + encode("greater-or-equal(datetime,2026-06-02T00:00:00Z),less-than(datetime,2026-06-04T00:00:00Z)"));
        assertThat(between).extracting(event -> event.at("/attributes/datetime").asString())
            .containsExactly("2026-06-02T00:00:00+00:00", "2026-06-02T12:00:00+00:00", "2026-06-03T00:00:00+00:00",
                    "2026-06-03T12:00:00+00:00");
        List<JsonNode> annsLatest = allPages(key, "/api/events?filter=" + encode("equals(profile_id,\"" + annId
                + "\"),greater-than(timestamp,2026-06-03T00:00:00Z)"));
        assertThat(annsLatest).extracting(event -> event.at("/attributes/datetime").asString())
            .containsExactly("2026-06-05T00:00:00+00:00", "2026-06-04T00:00:00+00:00", "2026-06-03T12:00:00+00:00");
    }

    @Test
    void badInputIsA400NamingTheMemberAndStoresNothing() {
        Store store = stores.open("Dogwood Tea");
        String key = stores.key(store, "events:write");
        String email = unique("bad");
        String good = Events.event("Viewed Product", email, "2026-07-01T00:00:00Z", null, null, "{}");

        assertInvalid(key, good.replace("\"name\": \"Viewed Product\"", "\"name\": \"\""),
                "/data/attributes/metric/data/attributes/name");
        assertInvalid(key, good.replace("\"2026-07-01T00:00:00Z\"", "\"yesterday\""), "/data/attributes/time");
        assertInvalid(key, good.replace("\"2026-07-01T00:00:00Z\"", "\"1999-12-31T23:59:59Z\""),
                "/data/attributes/time");
        assertInvalid(key, good.replace("\"properties\": {}", "\"properties\": []"), "/data/attributes/properties");
        assertInvalid(key, good.replace("\"properties\": {}", "\"properties\": {}, \"value\": \"lots\""),
                "/data/attributes/value");
        assertInvalid(key, good.replace("\"properties\": {}", "\"properties\": {}, \"value_currency\": \"XYZ\""),
                "/data/attributes/value_currency");
        assertInvalid(key, good.replace("\"type\": \"event\"", "\"type\": \"events\""), "/data/type");
        assertInvalid(key, good.replace("\"" + email + "\"", "\"not-an-email\""),
                "/data/attributes/profile/data/attributes/email");
        assertInvalid(key, good.replace("{\"email\": \"" + email + "\"}", "{}"),
                "/data/attributes/profile/data/attributes");
        assertInvalid(key, good.replace("\"properties\": {}",
                "\"properties\": {\"Note\": \"" + "x".repeat(100 * 1024 + 1) + "\"}"),
                "/data/attributes/properties/Note");
        HttpResponse<String> notJson = stores.post(key, "/api/events", "{\"data\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);

        HttpResponse<String> badFilter = stores.get(key, "/api/events?filter=" + encode("equals(email,\"a@b.c\")"));
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(stores.error(badFilter).at("/source/parameter").asString()).isEqualTo("filter");
        assertThat(stores.get(key, "/api/events?sort=name").statusCode()).isEqualTo(400);
        assertThat(stores.get(key, "/api/events?page%5Bsize%5D=1001").statusCode()).isEqualTo(400);
        assertThat(stores.get(key, "/api/events?include=lists").statusCode()).isEqualTo(400);

        assertThat(stores.body(stores.get(key, "/api/events")).at("/data")).isEmpty();
        assertThat(stores.body(stores.get(stores.key(store, "metrics:read"), "/api/metrics")).at("/data")).isEmpty();
    }

    @Test
    void aKeyWithoutTheEventsScopesIsDenied() {
        Store store = stores.open("Elm Street Shoes");
        String readOnly = stores.key(store, "events:read");
        String profilesOnly = stores.key(store, "profiles:write");

        HttpResponse<String> write = stores.post(readOnly, "/api/events",
                Events.event("Viewed Product", unique("x"), null, null, null, "{}"));
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(stores.error(write).at("/code").asString()).isEqualTo("permission_denied");
        assertThat(stores.get(profilesOnly, "/api/events").statusCode()).isEqualTo(403);
    }

    @Test
    void noKeySeesAnotherAccountsEvents() {
        Store a = stores.open("Alder Goods");
        Store b = stores.open("Beech Supplies");
        String aKey = stores.key(a, "events:write", "metrics:read", "profiles:read");
        String bKey = stores.key(b, "events:write", "metrics:read", "profiles:read");
        String bEmail = unique("beech-customer");
        assertThat(stores.post(bKey, "/api/events", Events.event("Placed Order", bEmail, "2026-07-03T10:00:00Z",
                "b-1", "99", "{\"Secret\": \"beech\"}")).statusCode()).isEqualTo(202);
        JsonNode bEvent = stores.body(stores.get(bKey, "/api/events")).at("/data/0");
        String eventId = bEvent.at("/id").asString();
        String profileId = bEvent.at("/relationships/profile/data/id").asString();
        String metricId = bEvent.at("/relationships/metric/data/id").asString();

        for (String path : List.of("/api/events/" + eventId, "/api/events/" + eventId + "/metric",
                "/api/events/" + eventId + "/relationships/metric", "/api/events/" + eventId + "/profile",
                "/api/events/" + eventId + "/relationships/profile", "/api/metrics/" + metricId,
                "/api/events/" + eventId.toLowerCase(Locale.ROOT))) {
            HttpResponse<String> response = stores.get(aKey, path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(stores.error(response).at("/code").asString()).isEqualTo("not_found");
            assertThat(response.body()).doesNotContain("beech");
        }
        assertThat(stores.body(stores.get(aKey, "/api/events?filter=" + encode("equals(profile_id,\"" + profileId
                + "\")"))).at("/data")).isEmpty();
        assertThat(stores.body(stores.get(aKey, "/api/events?filter=" + encode("equals(metric_id,\"" + metricId
                + "\")"))).at("/data")).isEmpty();
        assertThat(stores.body(stores.get(aKey, "/api/events")).at("/data")).isEmpty();
        assertThat(stores.body(stores.get(aKey, "/api/metrics")).at("/data")).isEmpty();

        // A naming B's profile by id finds no such profile
        HttpResponse<String> byId = stores.post(aKey, "/api/events", """
                {"data": {"type": "event", "attributes": {"properties": {}, "metric": {"data": {"type": "metric",
                 "attributes": {"name": "Placed Order"}}}, "profile": {"data": {"type": "profile", "id": "%s"}}}}}"""
            .formatted(profileId));
        assertThat(byId.statusCode()).isEqualTo(400);
        assertThat(stores.error(byId).at("/source/pointer").asString()).isEqualTo("/data/attributes/profile/data/id");
        // A sending the very same event names its own profile and metric: B's stay as they were
        assertThat(stores.post(aKey, "/api/events", Events.event("Placed Order", bEmail, "2026-07-03T10:00:00Z",
                "b-1", "1", "{}")).statusCode()).isEqualTo(202);
        JsonNode aEvent = stores.body(stores.get(aKey, "/api/events")).at("/data/0");
        assertThat(aEvent.at("/id").asString()).isNotEqualTo(eventId);
        assertThat(aEvent.at("/relationships/profile/data/id").asString()).isNotEqualTo(profileId);
        JsonNode bAfter = stores.body(stores.get(bKey, "/api/events/" + eventId)).at("/data");
        assertThat(bAfter.at("/attributes/event_properties/Secret").asString()).isEqualTo("beech");
        assertThat(bAfter.at("/attributes/event_properties/$value").decimalValue()).isEqualByComparingTo("99");
        assertThat(stores.body(stores.get(bKey, "/api/events")).at("/data")).hasSize(1);
    }

    private void assertInvalid(String key, String body, String pointer) {
        HttpResponse<String> response = stores.post(key, "/api/events", body);
        assertThat(response.statusCode()).as(pointer).isEqualTo(400);
        JsonNode error = stores.error(response);
        assertThat(error.at("/code").asString()).isEqualTo("invalid");
        assertThat(error.at("/source/pointer").asString()).isEqualTo(pointer);
    }

    private List<JsonNode> allPages(String key, String path) {
        List<JsonNode> events = new ArrayList<>();
        String next = stores.url(path);
        for (int page = 0; next != null && !next.isBlank(); page++) {
            assertThat(page).as("pages of " + path).isLessThan(50);
            HttpResponse<String> response = stores.get(key, next.substring(stores.url("").length()));
            assertThat(response.statusCode()).as(next).isEqualTo(200);
            JsonNode body = stores.body(response);
            body.at("/data").forEach(events::add);
            JsonNode link = body.at("/links/next");
            next = link.isNull() || link.isMissingNode() ? null : link.asString();
        }
        assertThat(events.stream().map(event -> event.at("/id").asString()).distinct()).hasSize(events.size());
        return events;
    }

    private List<String> names(JsonNode events, String key) {
        List<String> names = new ArrayList<>();
        for (JsonNode event : events) {
            names.add(stores.body(stores.get(key, "/api/events/" + event.at("/id").asString() + "?include=metric"))
                .at("/included/0/attributes/name")
                .asString());
        }
        return names;
    }

    private static String profileOf(List<JsonNode> events, String metricName) {
        return events.stream()
            .filter(event -> event.at("/attributes/event_properties/$event_id").asString("").startsWith("o-"))
            .findFirst()
            .orElseThrow()
            .at("/relationships/profile/data/id")
            .asString();
    }

    private String metricOf(List<JsonNode> events, String metricName, String key) {
        return events.stream()
            .filter(event -> event.at("/attributes/event_properties/Day").isNumber())
            .findFirst()
            .orElseThrow()
            .at("/relationships/metric/data/id")
            .asString();
    }

    @Test
    void aProfileShowsTheTimeOfItsLastEventAndOneWithoutEventsNone() {
        Store store = stores.open("Last Word Books");
        String key = stores.key(store, "events:write", "profiles:read", "profiles:write");
        String reader = unique("reader");
        for (String time : List.of("2026-07-03T09:30:00Z", "2026-07-01T10:00:00Z")) {
            assertThat(stores.post(key, "/api/events", Events.event("Viewed Product", reader, time, null, null, "{}"))
                .statusCode()).isEqualTo(202);
        }
        String browser = unique("browser");
        assertThat(stores.post(key, "/api/profiles", """
                {"data": {"type": "profile", "attributes": {"email": "%s"}}}""".formatted(browser)).statusCode())
            .isEqualTo(201);

        JsonNode found = stores.body(stores.get(key, "/api/profiles?filter="
                + encode("any(email,[\"" + reader + "\",\"" + browser + "\"])")));
        assertThat(found.at("/data")).hasSize(2);
        for (JsonNode profile : found.at("/data")) {
            String expected = profile.at("/attributes/email").asString().equals(reader)
                    ? "2026-07-03T09:30:00.000+00:00" : null;
            assertThat(profile.at("/attributes/last_event_date").isNull() ? null
                    : profile.at("/attributes/last_event_date").asString()).isEqualTo(expected);
        }
        String readerId = stores.body(stores.get(key, "/api/profiles?filter=" + encode("equals(email,\"" + reader
                + "\")"))).at("/data/0/id").asString();
        assertThat(stores.body(stores.get(key, "/api/profiles/" + readerId)).at("/data/attributes/last_event_date")
            .asString()).isEqualTo("2026-07-03T09:30:00.000+00:00");
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
