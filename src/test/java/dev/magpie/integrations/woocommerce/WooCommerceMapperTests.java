package dev.magpie.integrations.woocommerce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.integrations.internal.Feed;
import dev.magpie.integrations.internal.Ingestion;
import dev.magpie.integrations.internal.IngestionJob;
import dev.magpie.profiles.ProfileAttributes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** WooCommerce's webhook payloads (REST API v3 resources), in the shape of its documented examples. */
class WooCommerceMapperTests {

    private static final Instant RECEIVED = Instant.parse("2026-03-22T20:00:00Z");

    private final WooCommerceMapper mapper = new WooCommerceMapper(JsonMapper.builder().build());

    @Test
    void aCreatedOrderIsPlacedOrderWithOneOrderedProductPerLine() throws IOException {
        List<NewEvent> events = events(mapper.map(job("order.created", fixture("order-created.json"))));

        assertThat(events).extracting(NewEvent::metricName)
            .containsExactly("Placed Order", "Ordered Product", "Ordered Product");
        NewEvent placed = events.get(0);
        assertThat(placed.source()).isEqualTo(MetricSource.WOOCOMMERCE);
        assertThat(placed.value()).isEqualByComparingTo("29.35");
        assertThat(placed.valueCurrency()).isEqualTo("BRL");
        assertThat(placed.time()).isEqualTo(Instant.parse("2026-03-22T19:28:02Z"));
        assertThat(placed.uniqueId()).isEqualTo("woocommerce:order:727");
        assertThat(placed.profile().identifiers().email()).isEqualTo("john.doe@example.com");
        assertThat(placed.profile().identifiers().phoneNumber()).isEqualTo("+14155550132");
        assertThat(placed.profile().firstName()).isEqualTo("John");
        assertThat(placed.properties()).containsEntry("item_names",
                List.of("Woo Single #1", "Ship Your Idea &ndash; Color: Black, Size: M Test"));
        assertThat(events.get(2).uniqueId()).isEqualTo("woocommerce:order:727:line:316");
        assertThat(events.get(2).value()).isEqualByComparingTo("12.00");
        assertThat(events.get(2).properties()).containsEntry("sku", "Bar3").containsEntry("variation_id", "23");
    }

    @Test
    void aCompletedOrderIsFulfilledAndItsRefundsAreRefundedOrders() throws IOException {
        String completed = fixture("order-created.json").replace("\"status\": \"processing\"", "\"status\": \"completed\"")
            .replace("\"date_completed_gmt\": null", "\"date_completed_gmt\": \"2026-03-24T10:00:00\"")
            .replace("\"refunds\": []", "\"refunds\": [{\"id\": 730, \"reason\": \"Damaged\", \"total\": \"-6.00\"}]");

        List<NewEvent> events = events(mapper.map(job("order.updated", completed)));

        assertThat(events).extracting(NewEvent::metricName).containsExactly("Placed Order", "Ordered Product",
                "Ordered Product", "Fulfilled Order", "Refunded Order");
        assertThat(events.get(3).time()).isEqualTo(Instant.parse("2026-03-24T10:00:00Z"));
        assertThat(events.get(3).uniqueId()).isEqualTo("woocommerce:order:727:fulfilled");
        assertThat(events.get(4).value()).isEqualByComparingTo("6.00");
        assertThat(events.get(4).uniqueId()).isEqualTo("woocommerce:refund:730");
        assertThat(events.get(4).properties()).containsEntry("reason", "Damaged");
    }

    @Test
    void aPendingOrderUpdateIsNotYetAnOrder() throws IOException {
        String pending = fixture("order-created.json").replace("\"status\": \"processing\"", "\"status\": \"pending\"");

        assertThat(mapper.map(job("order.updated", pending))).isEmpty();
        assertThat(events(mapper.map(job("order.created", pending)))).first()
            .extracting(NewEvent::metricName).isEqualTo("Placed Order");
    }

    @Test
    void aCustomerBecomesAProfile() throws IOException {
        List<Ingestion> ingestions = mapper.map(job("customer.created", fixture("customer-created.json")));

        ProfileAttributes profile = ((Ingestion.UpsertProfile) ingestions.get(0)).attributes();
        assertThat(profile.identifiers().email()).isEqualTo("john.doe@example.com");
        assertThat(profile.identifiers().phoneNumber()).isEqualTo("(555) 555-5555");
        assertThat(profile.organization()).isEqualTo("Doe Hardware");
        assertThat(profile.location().city()).isEqualTo("San Francisco");
        assertThat(profile.location().zip()).isEqualTo("94103");
        assertThat(profile.properties()).containsEntry("woocommerce_customer_id", "25")
            .containsEntry("woocommerce_username", "john.doe");
        assertThat(profile.consent()).isNull();
    }

    private static List<NewEvent> events(List<Ingestion> ingestions) {
        return ingestions.stream().map(ingestion -> ((Ingestion.RecordEvent) ingestion).event()).toList();
    }

    static IngestionJob job(String topic, String payload) {
        return new IngestionJob("acct", "conn", Feed.WOOCOMMERCE, topic, "d-1", payload, RECEIVED);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = WooCommerceMapperTests.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
