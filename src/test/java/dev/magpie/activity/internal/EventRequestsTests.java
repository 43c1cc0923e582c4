package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.activity.internal.CassandraEventRecorder.Submission;
import dev.magpie.activity.internal.EventRequests.BulkItem;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.web.api.ApiException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading Klaviyo's event documents: what they say, and the pointer of the first thing wrong with them. */
class EventRequestsTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private final EventRequests requests = new EventRequests(json,
            Clock.fixed(Instant.parse("2026-07-15T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void readsKlaviyosCreateEventDocument() {
        Submission submission = requests.event(tree("""
                {"data": {"type": "event", "attributes": {
                  "properties": {"Brand": "Kids Book", "ProductID": 1111, "Price": 9.99, "Tags": ["a", "b"]},
                  "time": "2026-07-14T08:00:00+02:00", "value": 9.99, "value_currency": "usd", "unique_id": "u-1",
                  "metric": {"data": {"type": "metric", "attributes": {"name": " Viewed Product ", "service": "shopify"}}},
                  "profile": {"data": {"type": "profile", "attributes": {"email": "sarah.mason@klaviyo-demo.com",
                    "first_name": "Sarah", "location": {"city": "Boston", "latitude": "42.36", "longitude": -71.06},
                    "properties": {"Pseudonym": "Dr. Octopus"}}}}}}}"""));

        NewEvent event = submission.event();
        assertThat(submission.profileId()).isNull();
        assertThat(event.metricName()).isEqualTo("Viewed Product");
        assertThat(event.source()).isEqualTo(MetricSource.SHOPIFY);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-07-14T06:00:00Z"));
        assertThat(event.value()).isEqualTo(new BigDecimal("9.99"));
        assertThat(event.valueCurrency()).isEqualTo("USD");
        assertThat(event.uniqueId()).isEqualTo("u-1");
        assertThat(event.properties()).containsEntry("Brand", "Kids Book").containsEntry("ProductID", 1111)
            .containsEntry("Price", new BigDecimal("9.99")).containsEntry("Tags", List.of("a", "b"));
        ProfileAttributes profile = event.profile();
        assertThat(profile.identifiers().email()).isEqualTo("sarah.mason@klaviyo-demo.com");
        assertThat(profile.firstName()).isEqualTo("Sarah");
        assertThat(profile.location().city()).isEqualTo("Boston");
        assertThat(profile.location().latitude()).isEqualTo(42.36);
        assertThat(profile.location().longitude()).isEqualTo(-71.06);
        assertThat(profile.properties()).containsEntry("Pseudonym", "Dr. Octopus");
    }

    @Test
    void anEventWithOnlyAnIdentifierNamesItsProfileByIdentifiersAlone() {
        Submission byEmail = requests.event(tree(event("\"email\": \"a@b.co\"", "")));
        Submission byId = requests.event(tree("""
                {"data": {"type": "event", "attributes": {"properties": {},
                  "metric": {"data": {"type": "metric", "attributes": {"name": "Opened App"}}},
                  "profile": {"data": {"type": "profile", "id": "01J0000000000000000000000A"}}}}}"""));

        assertThat(byEmail.event().profile()).isEqualTo(ProfileAttributes.of(byEmail.event().profile().identifiers()));
        assertThat(byEmail.event().time()).isNull();
        assertThat(byId.profileId()).isEqualTo("01J0000000000000000000000A");
    }

    @Test
    void namesTheFirstMistakeByPointer() {
        assertPointer(requests, "{}", "/data");
        assertPointer(requests, "{\"data\": {\"type\": \"events\"}}", "/data/type");
        assertPointer(requests, event("\"email\": \"a@b.co\"", ", \"time\": 1720000000"), "/data/attributes/time");
        assertPointer(requests, event("\"email\": \"a@b.co\"", ", \"time\": \"2028-01-01T00:00:00Z\""),
                "/data/attributes/time");
        assertPointer(requests, event("\"email\": \"a@b.co\"", ", \"unique_id\": 7"), "/data/attributes/unique_id");
        assertPointer(requests, event("\"email\": 7", ""), "/data/attributes/profile/data/attributes/email");
        assertPointer(requests, event("\"location\": {\"latitude\": \"north\"}, \"email\": \"a@b.co\"", ""),
                "/data/attributes/profile/data/attributes/location/latitude");
        assertPointer(requests, event("\"first_name\": \"Ann\"", ""), "/data/attributes/profile/data/attributes");
        assertPointer(requests, event("\"email\": \"a@b.co\"", "").replace("Opened App", "x".repeat(128)),
                "/data/attributes/metric/data/attributes/name");
        StringBuilder many = new StringBuilder("\"p0\": 0");
        for (int i = 1; i <= 400; i++) {
            many.append(", \"p").append(i).append("\": ").append(i);
        }
        assertPointer(requests, event("\"email\": \"a@b.co\"", "").replace("\"properties\": {}",
                "\"properties\": {" + many + "}"), "/data/attributes/properties");
        assertPointer(requests, event("\"email\": \"a@b.co\"", "").replace("\"properties\": {}",
                "\"properties\": {\"a/b\": [\"" + "é".repeat(60 * 1024) + "\"]}"), "/data/attributes/properties/a~1b/0");
    }

    @Test
    void readsABulkJobItemByItemAndKeepsEachItemsProfileForItsEvents() {
        List<BulkItem> items = requests.bulk(tree(Events.bulk(List.of(
                Events.item("\"email\": \"a@b.co\"", List.of(Events.bulkEvent("Viewed Product", null, null, null, "{}"),
                        Events.bulkEvent("Placed Order", "2026-07-01T00:00:00Z", "o-1", "5", "{}"))),
                Events.item("\"phone_number\": \"+14155550123\"",
                        List.of(Events.bulkEvent("Viewed Product", null, null, null, "{}")))))));

        assertThat(items).hasSize(2);
        assertThat(items.get(0).pointer()).isEqualTo("/data/attributes/events-bulk-create/data/0");
        assertThat(items.get(0).events()).extracting(NewEvent::metricName)
            .containsExactly("Viewed Product", "Placed Order");
        assertThat(items.get(0).events()).allSatisfy(event -> assertThat(event.profile()).isSameAs(
                items.get(0).profile()));
        assertThat(items.get(1).profile().identifiers().phoneNumber()).isEqualTo("+14155550123");
        assertPointerBulk(Events.bulk(List.of(Events.item("\"email\": \"a@b.co\"",
                List.of("{\"type\": \"event\", \"attributes\": {\"properties\": {}, \"metric\": {\"data\": {\"type\": "
                        + "\"metric\", \"attributes\": {\"name\": \"X\"}}}, \"profile\": {}}}")))),
                "/data/attributes/events-bulk-create/data/0/attributes/events/data/0/attributes/profile");
        assertPointerBulk(Events.bulk(List.of(Events.item("\"email\": \"a@b.co\"", List.of()))),
                "/data/attributes/events-bulk-create/data/0/attributes/events/data");
        assertPointerBulk(Events.bulk(List.of(Events.item("\"phone_number\": \"call me\"",
                List.of(Events.bulkEvent("X", null, null, null, "{}"))))),
                "/data/attributes/events-bulk-create/data/0/attributes/profile/data/attributes/phone_number");
    }

    private JsonNode tree(String text) {
        return json.readerFor(JsonNode.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readValue(text);
    }

    private static String event(String profileAttributes, String moreAttributes) {
        return """
                {"data": {"type": "event", "attributes": {"properties": {}%s,
                  "metric": {"data": {"type": "metric", "attributes": {"name": "Opened App"}}},
                  "profile": {"data": {"type": "profile", "attributes": {%s}}}}}}""".formatted(moreAttributes,
                profileAttributes);
    }

    private void assertPointer(EventRequests requests, String document, String pointer) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> requests.event(tree(document)));
        assertThat(refused).as(document.length() > 300 ? document.substring(0, 300) : document).isNotNull();
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.errors().get(0).source().pointer()).isEqualTo(pointer);
    }

    private void assertPointerBulk(String document, String pointer) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> requests.bulk(tree(document)));
        assertThat(refused).isNotNull();
        assertThat(refused.errors().get(0).source().pointer()).isEqualTo(pointer);
    }
}
