package dev.magpie.integrations.shopify;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;
import dev.magpie.integrations.internal.IntegrationsTest;
import dev.magpie.integrations.internal.Platform;
import dev.magpie.integrations.internal.Signatures;
import dev.magpie.integrations.internal.TestStores;
import dev.magpie.integrations.internal.TestStores.Link;
import dev.magpie.integrations.internal.TestStores.Store;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A Shopify store's webhooks, end to end: signed deliveries of Shopify's payloads become profiles and events in
 * Cassandra through the queue; forged, replayed and misaddressed deliveries store nothing.
 */
@IntegrationsTest
class ShopifyWebhookTests {

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

    Link shopify;

    @BeforeEach
    void aConnectedShopifyStore() throws Exception {
        store = stores.open("Snowdevil");
        shopify = stores.connect(store, Platform.SHOPIFY);
    }

    @Test
    void aNewCustomerBecomesAProfileWithEmailConsent() throws Exception {
        MockHttpServletResponse response = deliver(shopify, "customers/create", fixture("customers-create.json"),
                UUID.randomUUID().toString());

        assertThat(response.getStatus()).isEqualTo(200);
        Profile bob = stores.awaitProfile(store, "bob.biller@example.com");
        assertThat(bob.firstName()).isEqualTo("Bob");
        assertThat(bob.lastName()).isEqualTo("Biller");
        assertThat(bob.phoneNumber()).isEqualTo("+16135551212");
        assertThat(bob.location().city()).isEqualTo("Ottawa");
        assertThat(bob.properties()).containsEntry("shopify_customer_id", "706405506930370084");
        assertThat(bob.consent().get(Channel.EMAIL_MARKETING)).satisfies(consent -> {
            assertThat(consent.state()).isEqualTo(Consent.State.SUBSCRIBED);
            assertThat(consent.at()).isEqualTo(Instant.parse("2026-03-02T15:14:02Z"));
            assertThat(consent.source()).isEqualTo("Shopify");
        });
    }

    @Test
    void anOrderBecomesPlacedOrderAndOneOrderedProductPerLine() throws Exception {
        long started = System.nanoTime();
        MockHttpServletResponse response = deliver(shopify, "orders/create", fixture("orders-create.json"),
                UUID.randomUUID().toString());

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("well within Shopify's 5 s")
            .isLessThan(Duration.ofSeconds(2));
        List<Event> events = stores.awaitTimeline(store, "jon@example.com", 3);
        assertThat(events).extracting(Event::metricName)
            .containsExactlyInAnyOrder("Placed Order", "Ordered Product", "Ordered Product");
        Event placed = events.stream().filter(event -> event.metricName().equals("Placed Order")).findFirst()
            .orElseThrow();
        assertThat(placed.value()).isEqualByComparingTo("403.00");
        assertThat(placed.valueCurrency()).isEqualTo("USD");
        assertThat(placed.time()).isEqualTo(Instant.parse("2026-03-04T19:20:12Z"));
        assertThat(placed.properties()).containsEntry("order_name", "#9999");
        assertThat(events).filteredOn(event -> event.metricName().equals("Ordered Product"))
            .extracting(Event::value)
            .usingElementComparator(BigDecimal::compareTo)
            .containsExactlyInAnyOrder(new BigDecimal("199.00"), new BigDecimal("199.00"));
        assertThat(activity.metrics(store.accountId())).filteredOn(metric -> metric.name().equals("Placed Order"))
            .extracting(Metric::source)
            .containsExactly(MetricSource.SHOPIFY);
    }

    @Test
    void aReplayedDeliveryIsStoredOnce() throws Exception {
        String order = fixture("orders-create.json");
        String webhookId = UUID.randomUUID().toString();

        assertThat(deliver(shopify, "orders/create", order, webhookId).getStatus()).isEqualTo(200);
        assertThat(deliver(shopify, "orders/create", order, webhookId).getStatus()).as("the same delivery again")
            .isEqualTo(200);
        assertThat(deliver(shopify, "orders/create", order, UUID.randomUUID().toString()).getStatus())
            .as("the same order under a new delivery id").isEqualTo(200);

        stores.awaitTimeline(store, "jon@example.com", 3);
        barrier();
        Profile jon = stores.profile(store, "jon@example.com").orElseThrow();
        assertThat(stores.timeline(store, jon.id())).hasSize(3);
    }

    @Test
    void aBadSignatureIsRefusedAndStoresNothing() throws Exception {
        String customer = fixture("customers-create.json");
        byte[] body = customer.getBytes(StandardCharsets.UTF_8);

        MockHttpServletResponse forged = mvc.perform(post("/webhooks/shopify/{id}", shopify.id())
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Shopify-Topic", "customers/create")
            .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
            .header("X-Shopify-Hmac-Sha256", Signatures.base64Hmac(body, "not the secret"))
            .content(body)).andReturn().getResponse();
        MockHttpServletResponse unsigned = mvc.perform(post("/webhooks/shopify/{id}", shopify.id())
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Shopify-Topic", "customers/create")
            .content(body)).andReturn().getResponse();

        assertThat(forged.getStatus()).isEqualTo(401);
        assertThat(forged.getContentAsString()).contains("X-Shopify-Hmac-Sha256");
        assertThat(unsigned.getStatus()).isEqualTo(401);
        barrier();
        assertThat(stores.profile(store, "bob.biller@example.com")).isEmpty();
    }

    @Test
    void fulfilmentsAndRefundsOfAnOrderFollowIt() throws Exception {
        deliver(shopify, "orders/create", fixture("orders-create.json"), UUID.randomUUID().toString());
        stores.awaitTimeline(store, "jon@example.com", 3);

        deliver(shopify, "orders/fulfilled", fixture("orders-fulfilled.json"), UUID.randomUUID().toString());
        deliver(shopify, "refunds/create", fixture("refunds-create.json"), UUID.randomUUID().toString());

        List<Event> events = stores.awaitTimeline(store, "jon@example.com", 5);
        assertThat(events).extracting(Event::metricName).contains("Fulfilled Order", "Refunded Order");
        Event refunded = events.stream().filter(event -> event.metricName().equals("Refunded Order")).findFirst()
            .orElseThrow();
        assertThat(refunded.value()).isEqualByComparingTo("199.00");
        assertThat(refunded.properties()).containsEntry("order_name", "#9999").containsEntry("note",
                "Things were damaged");
        Event fulfilled = events.stream().filter(event -> event.metricName().equals("Fulfilled Order")).findFirst()
            .orElseThrow();
        assertThat(fulfilled.time()).isEqualTo(Instant.parse("2026-03-06T13:02:41Z"));
        assertThat(fulfilled.properties()).containsEntry("tracking_numbers", List.of("1Z2345"));
    }

    @Test
    void aCheckoutIsAStartedCheckout() throws Exception {
        deliver(shopify, "checkouts/create", fixture("checkouts-create.json"), UUID.randomUUID().toString());

        Event started = stores.awaitTimeline(store, "example@email.com", 1).get(0);
        assertThat(started.metricName()).isEqualTo("Started Checkout");
        assertThat(started.value()).isEqualByComparingTo("398.00");
    }

    @Test
    void otherTopicsAreAcknowledgedAndIgnored() throws Exception {
        assertThat(deliver(shopify, "products/update", "{\"id\": 632910392, \"title\": \"IPod Nano\"}",
                UUID.randomUUID().toString()).getStatus()).isEqualTo(200);
    }

    @Test
    void anotherAccountsSecretCannotWriteIntoThisConnectionNorAnUnknownOne() throws Exception {
        Store other = stores.open("Other store");
        Link otherShopify = stores.connect(other, Platform.SHOPIFY);
        String customer = fixture("customers-create.json");

        assertThat(deliver(new Link(shopify.id(), otherShopify.secret(), null), "customers/create", customer,
                UUID.randomUUID().toString()).getStatus()).isEqualTo(401);
        assertThat(deliver(new Link("01JZZZZZZZZZZZZZZZZZZZZZZZ", shopify.secret(), null), "customers/create",
                customer, UUID.randomUUID().toString()).getStatus()).isEqualTo(404);
        assertThat(deliver(otherShopify, "customers/create", customer, UUID.randomUUID().toString()).getStatus())
            .isEqualTo(200);

        stores.awaitProfile(other, "bob.biller@example.com");
        assertThat(stores.profile(store, "bob.biller@example.com")).as("nothing in this store").isEmpty();
    }

    @Test
    void aDisconnectedStoresDeliveriesAreRefused() throws Exception {
        mvc.perform(post("/integrations/shopify/{id}/disconnect", shopify.id()).session(store.session())
            .with(csrf()));

        assertThat(deliver(shopify, "customers/create", fixture("customers-create.json"),
                UUID.randomUUID().toString()).getStatus()).isEqualTo(404);
    }

    /**
     * Waits until a delivery sent now has been processed, so that anything sent before it that was going to be
     * stored would be by then (the queue has few consumers, and the earlier delivery had a head start).
     */
    private void barrier() throws Exception {
        String email = "barrier-" + UUID.randomUUID() + "@example.com";
        deliver(shopify, "customers/create", "{\"id\": 1, \"email\": \"" + email + "\"}", UUID.randomUUID().toString());
        stores.awaitProfile(store, email);
        Thread.sleep(500);
    }

    private MockHttpServletResponse deliver(Link connection, String topic, String payload, String webhookId)
            throws Exception {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return mvc.perform(post("/webhooks/shopify/{id}", connection.id())
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Shopify-Topic", topic)
            .header("X-Shopify-Hmac-Sha256", Signatures.base64Hmac(body, connection.secret()))
            .header("X-Shopify-Shop-Domain", "snowdevil.myshopify.com")
            .header("X-Shopify-API-Version", "2026-01")
            .header("X-Shopify-Webhook-Id", webhookId)
            .content(body)).andReturn().getResponse();
    }

    private static String fixture(String name) throws Exception {
        return ShopifyMapperTests.fixture(name);
    }
}
