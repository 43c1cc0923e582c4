package dev.magpie.integrations.segment;

import java.time.Instant;
import java.util.List;

import dev.magpie.activity.NewEvent;
import dev.magpie.integrations.internal.Feed;
import dev.magpie.integrations.internal.Ingestion;
import dev.magpie.integrations.internal.IngestionJob;
import dev.magpie.integrations.internal.PayloadException;
import dev.magpie.profiles.ProfileAttributes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Segment's tracking API messages, as its HTTP API documentation shows them. */
class SegmentMessagesTests {

    private static final Instant RECEIVED = Instant.parse("2026-07-15T10:00:00Z");

    private final SegmentMessages messages = new SegmentMessages(JsonMapper.builder().build());

    @Test
    void identifyMapsIdsTraitsAndAddress() {
        String identify = """
                {"userId": "019mr8mf4r", "anonymousId": "507f191e810c19729de860ea",
                 "traits": {"email": "Pgibbons@Example.com", "phone": "+14155550111", "name": "Peter Gibbons",
                   "title": "Engineer", "company": {"name": "Initech"}, "plan": "premium", "logins": 5,
                   "address": {"street": "6th St", "city": "San Francisco", "state": "CA", "postalCode": "94103",
                     "country": "USA"}},
                 "messageId": "022bb90c-bbac-11e4-8dfc-aa07a5b093db", "timestamp": "2026-07-15T09:00:00Z"}""";

        ProfileAttributes profile = ((Ingestion.UpsertProfile) messages.map(job("identify", identify)).get(0))
            .attributes();

        assertThat(profile.identifiers().externalId()).isEqualTo("019mr8mf4r");
        assertThat(profile.identifiers().anonymousId()).isEqualTo("507f191e810c19729de860ea");
        assertThat(profile.identifiers().email()).isEqualTo("pgibbons@example.com");
        assertThat(profile.identifiers().phoneNumber()).isEqualTo("+14155550111");
        assertThat(profile.firstName()).isEqualTo("Peter");
        assertThat(profile.lastName()).isEqualTo("Gibbons");
        assertThat(profile.organization()).isEqualTo("Initech");
        assertThat(profile.title()).isEqualTo("Engineer");
        assertThat(profile.location().city()).isEqualTo("San Francisco");
        assertThat(profile.location().address1()).isEqualTo("6th St");
        assertThat(profile.location().zip()).isEqualTo("94103");
        assertThat(profile.properties()).containsOnlyKeys("plan", "logins").containsEntry("plan", "premium");
    }

    @Test
    void trackMapsEventRevenueTimeAndMessageId() {
        String track = """
                {"userId": "019mr8mf4r", "event": "Order Completed",
                 "properties": {"revenue": 39.95, "currency": "EUR", "order_id": "50314b8e9bcf000000000000"},
                 "context": {"traits": {"email": "peter@example.com"}},
                 "messageId": "m-17", "timestamp": "2026-07-15T09:15:00Z"}""";

        NewEvent event = ((Ingestion.RecordEvent) messages.map(job("track", track)).get(0)).event();

        assertThat(event.metricName()).isEqualTo("Order Completed");
        assertThat(event.value()).isEqualByComparingTo("39.95");
        assertThat(event.valueCurrency()).isEqualTo("EUR");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-07-15T09:15:00Z"));
        assertThat(event.uniqueId()).isEqualTo("m-17");
        assertThat(event.profile().identifiers().externalId()).isEqualTo("019mr8mf4r");
        assertThat(event.profile().identifiers().email()).isEqualTo("peter@example.com");
        assertThat(event.properties()).containsEntry("order_id", "50314b8e9bcf000000000000");
    }

    @Test
    void withoutTimestampTheSendersClockSkewIsCorrected() {
        // The device's clock is an hour fast: it sent at 11:00 by its clock, Magpie received at 10:00
        String track = """
                {"anonymousId": "a-1", "event": "Viewed Product", "properties": {"value": 5},
                 "originalTimestamp": "2026-07-15T10:55:00Z", "sentAt": "2026-07-15T11:00:00Z"}""";

        NewEvent event = ((Ingestion.RecordEvent) messages.map(job("track", track)).get(0)).event();

        assertThat(event.time()).isEqualTo(Instant.parse("2026-07-15T09:55:00Z"));
        assertThat(event.value()).isEqualByComparingTo("5");
    }

    @Test
    void aBatchSkipsWhatItCannotReadAndIgnoresOtherCalls() {
        String batch = """
                {"batch": [
                  {"type": "identify", "userId": "u-1", "traits": {"email": "one@example.com"}},
                  {"type": "track", "userId": "u-1", "event": "Signed Up", "messageId": "m-1"},
                  {"type": "track", "userId": "u-2"},
                  {"type": "page", "userId": "u-1", "name": "Home"},
                  {"type": "track", "event": "No one"}
                ]}""";

        List<Ingestion> ingestions = messages.map(job("batch", batch));

        assertThat(ingestions).hasSize(2);
        assertThat(ingestions.get(0)).isInstanceOf(Ingestion.UpsertProfile.class);
        assertThat(((Ingestion.RecordEvent) ingestions.get(1)).event().metricName()).isEqualTo("Signed Up");
    }

    @Test
    void aCallWithoutIdsOrEventNamesTheField() {
        assertThatThrownBy(() -> SegmentMessages.read(JsonMapper.builder().build().readTree("{\"event\": \"x\"}"),
                "track", "", RECEIVED, null))
            .isInstanceOfSatisfying(PayloadException.class,
                    invalid -> assertThat(invalid.pointer()).isEqualTo("/userId"));
        assertThatThrownBy(() -> SegmentMessages.read(JsonMapper.builder().build().readTree("{\"userId\": \"u\"}"),
                "track", "/batch/3", RECEIVED, null))
            .isInstanceOfSatisfying(PayloadException.class,
                    invalid -> assertThat(invalid.pointer()).isEqualTo("/batch/3/event"));
    }

    private static IngestionJob job(String topic, String payload) {
        return new IngestionJob("acct", "conn", Feed.SEGMENT, topic, null, payload, RECEIVED);
    }
}
