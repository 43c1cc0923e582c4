package dev.magpie.integrations.shopify;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.integrations.internal.Feed;
import dev.magpie.integrations.internal.Ingestion;
import dev.magpie.integrations.internal.IngestionJob;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.ProfileAttributes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shopify's customer and checkout payloads, in the shape of its documented samples. Orders, fulfilments and
 * refunds (which remember orders in Cassandra) are covered end to end in {@link ShopifyWebhookTests}.
 */
class ShopifyMapperTests {

    private static final Instant RECEIVED = Instant.parse("2026-03-04T20:00:00Z");

    private final ShopifyMapper mapper = new ShopifyMapper(JsonMapper.builder().build(), null);

    @Test
    void aCustomerBecomesAProfileWithItsMarketingConsent() throws IOException {
        List<Ingestion> ingestions = mapper.map(job("customers/create", fixture("customers-create.json")));

        assertThat(ingestions).singleElement().isInstanceOf(Ingestion.UpsertProfile.class);
        ProfileAttributes profile = ((Ingestion.UpsertProfile) ingestions.get(0)).attributes();
        assertThat(profile.identifiers().email()).isEqualTo("bob.biller@example.com");
        assertThat(profile.identifiers().phoneNumber()).isEqualTo("+16135551212");
        assertThat(profile.identifiers().externalId()).isNull();
        assertThat(profile.firstName()).isEqualTo("Bob");
        assertThat(profile.lastName()).isEqualTo("Biller");
        assertThat(profile.location().city()).isEqualTo("Ottawa");
        assertThat(profile.location().region()).isEqualTo("Ontario");
        assertThat(profile.location().country()).isEqualTo("Canada");
        assertThat(profile.location().zip()).isEqualTo("K2P 2L8");
        assertThat(profile.properties()).containsEntry("shopify_customer_id", "706405506930370084")
            .containsEntry("shopify_tags", List.of("VIP", "newsletter"));
        assertThat(profile.consent()).containsOnlyKeys(Channel.EMAIL_MARKETING)
            .containsEntry(Channel.EMAIL_MARKETING, new Consent(Consent.State.SUBSCRIBED,
                    Instant.parse("2026-03-02T15:14:02Z"), "confirmed_opt_in", "Shopify"));
    }

    @Test
    void anUnsubscribeIsRecordedButNotSubscribedChangesNothing() {
        String customer = """
                {"id": 1, "email": "ann@example.com", "phone": "+447700900123",
                 "email_marketing_consent": {"state": "unsubscribed", "opt_in_level": "single_opt_in",
                   "consent_updated_at": "2026-03-01T08:00:00Z"},
                 "sms_marketing_consent": {"state": "subscribed", "opt_in_level": "single_opt_in",
                   "consent_updated_at": null, "consent_collected_from": "SHOPIFY"}}""";

        ProfileAttributes profile = ((Ingestion.UpsertProfile) mapper.map(job("customers/update", customer)).get(0))
            .attributes();

        assertThat(profile.consent().get(Channel.EMAIL_MARKETING).state()).isEqualTo(Consent.State.UNSUBSCRIBED);
        assertThat(profile.consent().get(Channel.SMS_MARKETING))
            .isEqualTo(new Consent(Consent.State.SUBSCRIBED, RECEIVED, "single_opt_in", "Shopify"));
    }

    @Test
    void aCustomerWithoutEmailOrPhoneIsSkipped() {
        assertThat(mapper.map(job("customers/create", "{\"id\": 7, \"first_name\": \"Nobody\"}"))).isEmpty();
    }

    @Test
    void aCheckoutIsStartedCheckoutKeyedByItsToken() throws IOException {
        List<Ingestion> ingestions = mapper.map(job("checkouts/create", fixture("checkouts-create.json")));

        NewEvent event = ((Ingestion.RecordEvent) ingestions.get(0)).event();
        assertThat(event.metricName()).isEqualTo("Started Checkout");
        assertThat(event.source()).isEqualTo(MetricSource.SHOPIFY);
        assertThat(event.profile().identifiers().email()).isEqualTo("example@email.com");
        assertThat(event.value()).isEqualByComparingTo("398.00");
        assertThat(event.valueCurrency()).isEqualTo("USD");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-03-04T14:05:40Z"));
        assertThat(event.uniqueId()).isEqualTo("shopify:checkout:123123123");
        assertThat(event.properties()).containsEntry("item_names", List.of("IPod Nano - 8GB"))
            .containsEntry("item_count", new BigDecimal("2"))
            .containsEntry("checkout_url",
                    "https://checkout.local/548380009/checkouts/123123123/recover?key=example-secret-token");
    }

    @Test
    void aCheckoutBeforeTheShopperGaveAnEmailIsSkipped() {
        assertThat(mapper.map(job("checkouts/create", "{\"id\": 1, \"token\": \"t\", \"total_price\": \"1.00\"}")))
            .isEmpty();
    }

    @Test
    void topicsMagpieDoesNotReadGiveNothing() {
        assertThat(mapper.map(job("products/create", "{\"id\": 1}"))).isEmpty();
    }

    static IngestionJob job(String topic, String payload) {
        return new IngestionJob("acct", "conn", Feed.SHOPIFY, topic, "d-1", payload, RECEIVED);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = ShopifyMapperTests.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
