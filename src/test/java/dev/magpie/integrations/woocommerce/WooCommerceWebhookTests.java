package dev.magpie.integrations.woocommerce;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.integrations.internal.IntegrationsTest;
import dev.magpie.integrations.internal.Platform;
import dev.magpie.integrations.internal.Signatures;
import dev.magpie.integrations.internal.TestStores;
import dev.magpie.integrations.internal.TestStores.Link;
import dev.magpie.integrations.internal.TestStores.Store;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** A WooCommerce store's webhooks, end to end, with WooCommerce's headers and payloads. */
@IntegrationsTest
class WooCommerceWebhookTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Profiles profiles;

    @Autowired
    ActivityQueries activity;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestStores stores;

    Store store;

    Link woo;

    @BeforeEach
    void aConnectedWooCommerceStore() throws Exception {
        store = stores.open("Woo Shop");
        woo = stores.connect(store, Platform.WOOCOMMERCE);
    }

    @Test
    void theActivationPingIsAnsweredWithoutASignature() throws Exception {
        MockHttpServletResponse ping = mvc.perform(post("/webhooks/woocommerce/{id}", woo.id())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content("webhook_id=14")).andReturn().getResponse();

        assertThat(ping.getStatus()).isEqualTo(200);
    }

    @Test
    void anOrderBecomesPlacedOrderAndARepeatedDeliveryIsStoredOnce() throws Exception {
        String order = WooCommerceMapperTests.fixture("order-created.json");

        assertThat(deliver(woo, "order.created", order, "d41d8cd98f00b204e9800998ecf8427e").getStatus())
            .isEqualTo(200);
        assertThat(deliver(woo, "order.created", order, "d41d8cd98f00b204e9800998ecf8427e").getStatus())
            .isEqualTo(200);
        assertThat(deliver(woo, "order.updated", order, "a3c65c2974270fd093ee8a9bf8ae7d0b").getStatus())
            .as("the same order, updated without change").isEqualTo(200);

        List<Event> events = stores.awaitTimeline(store, "john.doe@example.com", 3);
        Thread.sleep(1_500);
        Profile john = stores.profile(store, "john.doe@example.com").orElseThrow();
        events = stores.timeline(store, john.id());
        assertThat(events).extracting(Event::metricName)
            .containsExactlyInAnyOrder("Placed Order", "Ordered Product", "Ordered Product");
        Event placed = events.stream().filter(event -> event.metricName().equals("Placed Order")).findFirst()
            .orElseThrow();
        assertThat(placed.value()).isEqualByComparingTo("29.35");
        assertThat(placed.valueCurrency()).isEqualTo("BRL");
        assertThat(john.phoneNumber()).isEqualTo("+14155550132");
    }

    @Test
    void aCompletedOrderIsFulfilled() throws Exception {
        String completed = WooCommerceMapperTests.fixture("order-created.json")
            .replace("\"status\": \"processing\"", "\"status\": \"completed\"");

        deliver(woo, "order.updated", completed, "delivery-1");

        assertThat(stores.awaitTimeline(store, "john.doe@example.com", 4)).extracting(Event::metricName)
            .contains("Placed Order", "Fulfilled Order");
    }

    @Test
    void aCustomerWithALocalPhoneNumberIsKeptWithoutIt() throws Exception {
        deliver(woo, "customer.created", WooCommerceMapperTests.fixture("customer-created.json"), "delivery-2");

        Profile john = stores.awaitProfile(store, "john.doe@example.com");
        assertThat(john.organization()).isEqualTo("Doe Hardware");
        assertThat(john.properties()).containsEntry("woocommerce_username", "john.doe");
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        byte[] body = WooCommerceMapperTests.fixture("order-created.json").getBytes(StandardCharsets.UTF_8);

        MockHttpServletResponse response = mvc.perform(post("/webhooks/woocommerce/{id}", woo.id())
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-WC-Webhook-Topic", "order.created")
            .header("X-WC-Webhook-Delivery-ID", "delivery-3")
            .header("X-WC-Webhook-Signature", Signatures.base64Hmac(body, "guessed"))
            .content(body)).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(401);
        deliver(woo, "customer.created", "{\"id\": 3, \"email\": \"barrier@example.com\"}", "delivery-4");
        stores.awaitProfile(store, "barrier@example.com");
        Thread.sleep(500);
        assertThat(stores.profile(store, "john.doe@example.com")).isEmpty();
    }

    private MockHttpServletResponse deliver(Link connection, String topic, String payload, String deliveryId)
            throws Exception {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return mvc.perform(post("/webhooks/woocommerce/{id}", connection.id())
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-WC-Webhook-Source", "https://example.com/")
            .header("X-WC-Webhook-Topic", topic)
            .header("X-WC-Webhook-Resource", topic.substring(0, topic.indexOf('.')))
            .header("X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1))
            .header("X-WC-Webhook-ID", "14")
            .header("X-WC-Webhook-Delivery-ID", deliveryId)
            .header("X-WC-Webhook-Signature", Signatures.base64Hmac(body, connection.secret()))
            .content(body)).andReturn().getResponse();
    }
}
