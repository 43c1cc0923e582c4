package dev.magpie.integrations.generic;

import java.time.Instant;

import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.integrations.internal.Ingestion;
import dev.magpie.integrations.internal.PayloadException;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.ProfileAttributes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generic webhook's documented body. */
class GenericMapperTests {

    private static final Instant RECEIVED = Instant.parse("2026-07-15T10:00:00Z");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anEventIsIdempotentByTheDeliveryIdUnlessItNamesItsOwn() {
        NewEvent event = event("""
                {"id": "invoice-1001-paid", "type": "event", "event": {"metric": "Paid Invoice",
                  "profile": {"email": "sarah@example.com", "external_id": "C-77"},
                  "properties": {"invoice": "1001"}, "value": "49.50", "value_currency": "EUR"}}""");

        assertThat(event.metricName()).isEqualTo("Paid Invoice");
        assertThat(event.source()).isEqualTo(MetricSource.API);
        assertThat(event.value()).isEqualByComparingTo("49.50");
        assertThat(event.uniqueId()).isEqualTo("invoice-1001-paid");
        assertThat(event.time()).isEqualTo(RECEIVED);
        assertThat(event.profile().identifiers().externalId()).isEqualTo("C-77");

        assertThat(event("""
                {"id": "d-2", "type": "event", "event": {"metric": "Paid Invoice", "unique_id": "inv-1001",
                  "time": "2026-07-01T12:00:00+02:00", "profile": {"email": "sarah@example.com"}}}""").uniqueId())
            .isEqualTo("inv-1001");
    }

    @Test
    void aProfileMayCarryConsent() {
        ProfileAttributes profile = ((Ingestion.UpsertProfile) GenericMapper.read(json.readTree("""
                {"id": "p-1", "type": "profile", "profile": {"email": "sarah@example.com", "first_name": "Sarah",
                  "consent": {"email_marketing": "subscribed", "sms_marketing": "unsubscribed"}}}"""), RECEIVED)
            .get(0)).attributes();

        assertThat(profile.firstName()).isEqualTo("Sarah");
        assertThat(profile.consent()).containsEntry(Channel.EMAIL_MARKETING,
                new Consent(Consent.State.SUBSCRIBED, RECEIVED, "webhook", "Webhook"));
        assertThat(profile.consent().get(Channel.SMS_MARKETING).state()).isEqualTo(Consent.State.UNSUBSCRIBED);
    }

    @Test
    void wrongInputNamesTheField() {
        assertPointer("{\"type\": \"event\"}", "/id");
        assertPointer("{\"id\": \"d\", \"type\": \"order\"}", "/type");
        assertPointer("{\"id\": \"d\", \"type\": \"event\"}", "/event");
        assertPointer("{\"id\": \"d\", \"type\": \"event\", \"event\": {\"profile\": {\"email\": \"a@b.c\"}}}",
                "/event/metric");
        assertPointer("{\"id\": \"d\", \"type\": \"event\", \"event\": {\"metric\": \"M\"}}", "/event/profile");
        assertPointer("{\"id\": \"d\", \"type\": \"event\", \"event\": {\"metric\": \"M\", "
                + "\"profile\": {\"email\": \"a@b.c\"}, \"value\": \"lots\"}}", "/event/value");
        assertPointer("{\"id\": \"d\", \"type\": \"profile\", \"profile\": {\"email\": \"a@b.c\", "
                + "\"consent\": {\"email_marketing\": \"maybe\"}}}", "/profile/consent/email_marketing");
    }

    private NewEvent event(String body) {
        return ((Ingestion.RecordEvent) GenericMapper.read(json.readTree(body), RECEIVED).get(0)).event();
    }

    private void assertPointer(String body, String pointer) {
        assertThatThrownBy(() -> GenericMapper.read(json.readTree(body), RECEIVED))
            .isInstanceOfSatisfying(PayloadException.class, invalid -> assertThat(invalid.pointer()).isEqualTo(pointer));
    }
}
