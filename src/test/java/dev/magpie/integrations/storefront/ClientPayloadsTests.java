package dev.magpie.integrations.storefront;

import java.time.Instant;

import dev.magpie.activity.NewEvent;
import dev.magpie.integrations.internal.Ingestion;
import dev.magpie.integrations.internal.PayloadException;
import dev.magpie.profiles.ProfileAttributes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bodies of Klaviyo's Create Client Event and Create Client Profile. */
class ClientPayloadsTests {

    private static final Instant RECEIVED = Instant.parse("2026-07-15T10:00:00Z");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aClientEventAsKlaviyosReferenceShowsIt() {
        JsonNode body = json.readTree("""
                {"data": {"type": "event", "attributes": {
                  "properties": {"ProductName": "Winter Jacket", "ProductID": "1111", "Categories": ["Coats"]},
                  "time": "2026-07-15T09:00:00Z", "value": 89.0, "value_currency": "USD", "unique_id": "view-1",
                  "metric": {"data": {"type": "metric", "attributes": {"name": "Viewed Product"}}},
                  "profile": {"data": {"type": "profile", "attributes": {"email": "Sarah.Mason@klaviyo-demo.com",
                    "anonymous_id": "a-1", "properties": {"Newsletter": true}}}}}}}""");

        NewEvent event = ((Ingestion.RecordEvent) ClientPayloads.event(body, RECEIVED).get(0)).event();

        assertThat(event.metricName()).isEqualTo("Viewed Product");
        assertThat(event.value()).isEqualByComparingTo("89.0");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-07-15T09:00:00Z"));
        assertThat(event.uniqueId()).isEqualTo("view-1");
        assertThat(event.profile().identifiers().email()).isEqualTo("sarah.mason@klaviyo-demo.com");
        assertThat(event.profile().identifiers().anonymousId()).isEqualTo("a-1");
        assertThat(event.profile().properties()).containsEntry("Newsletter", true);
        assertThat(event.profile().consent()).as("browsers never change consent").isNull();
        assertThat(event.properties()).containsEntry("ProductName", "Winter Jacket");
    }

    @Test
    void anEventWithoutTimeHappensWhenReceived() {
        JsonNode body = json.readTree("""
                {"data": {"type": "event", "attributes": {
                  "metric": {"data": {"type": "metric", "attributes": {"name": "Active on Site"}}},
                  "profile": {"data": {"type": "profile", "attributes": {"anonymous_id": "a-2"}}}}}}""");

        assertThat(((Ingestion.RecordEvent) ClientPayloads.event(body, RECEIVED).get(0)).event().time())
            .isEqualTo(RECEIVED);
    }

    @Test
    void wrongInputNamesTheFieldAtFault() {
        assertPointer("{}", "/data");
        assertPointer("{\"data\": {\"type\": \"profile\", \"attributes\": {}}}", "/data/type");
        assertPointer("""
                {"data": {"type": "event", "attributes": {
                  "profile": {"data": {"type": "profile", "attributes": {"email": "a@example.com"}}}}}}""",
                "/data/attributes/metric/data/attributes/name");
        assertPointer("""
                {"data": {"type": "event", "attributes": {
                  "metric": {"data": {"type": "metric", "attributes": {"name": "X"}}},
                  "profile": {"data": {"type": "profile", "attributes": {"first_name": "No identifier"}}}}}}""",
                "/data/attributes/profile/data/attributes");
        assertPointer("""
                {"data": {"type": "event", "attributes": {"time": "yesterday",
                  "metric": {"data": {"type": "metric", "attributes": {"name": "X"}}},
                  "profile": {"data": {"type": "profile", "attributes": {"email": "a@example.com"}}}}}}""",
                "/data/attributes/time");
        assertPointer("""
                {"data": {"type": "event", "attributes": {
                  "metric": {"data": {"type": "metric", "attributes": {"name": "X"}}},
                  "profile": {"data": {"type": "profile", "attributes": {"email": ["a@example.com"]}}}}}}""",
                "/data/attributes/profile/data/attributes/email");
    }

    @Test
    void aClientProfile() {
        JsonNode body = json.readTree("""
                {"data": {"type": "profile", "attributes": {"email": "sarah.mason@klaviyo-demo.com",
                  "first_name": "Sarah", "location": {"city": "Boston", "latitude": "42.36", "longitude": -71.06},
                  "properties": {"Favorite color": "green"}}}}""");

        ProfileAttributes profile = ((Ingestion.UpsertProfile) ClientPayloads.profile(body).get(0)).attributes();

        assertThat(profile.firstName()).isEqualTo("Sarah");
        assertThat(profile.location().city()).isEqualTo("Boston");
        assertThat(profile.location().latitude()).isEqualTo(42.36);
        assertThat(profile.location().longitude()).isEqualTo(-71.06);
        assertThat(profile.properties()).containsEntry("Favorite color", "green");
    }

    private void assertPointer(String body, String pointer) {
        JsonNode document = json.readTree(body);
        assertThatThrownBy(() -> ClientPayloads.event(document, RECEIVED)).isInstanceOfSatisfying(
                PayloadException.class, invalid -> assertThat(invalid.pointer()).isEqualTo(pointer));
    }
}
