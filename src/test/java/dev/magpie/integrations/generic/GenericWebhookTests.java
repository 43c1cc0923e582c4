package dev.magpie.integrations.generic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.integrations.internal.IntegrationsTest;
import dev.magpie.integrations.internal.Platform;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The generic signed webhook, end to end: signature, freshness, body checks, idempotency. */
@IntegrationsTest
class GenericWebhookTests {

    private static final String EVENT = """
            {"id": "invoice-1001-paid", "type": "event", "event": {"metric": "Paid Invoice",
              "profile": {"email": "sarah@example.com", "first_name": "Sarah"},
              "properties": {"invoice": "1001", "lines": [{"sku": "PLAN-PRO", "amount": 49.5}]},
              "value": 49.5, "value_currency": "EUR", "time": "2026-07-01T12:00:00Z"}}""";

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

    Link sender;

    @BeforeEach
    void aConnectedSender() throws Exception {
        store = stores.open("Invoicing");
        sender = stores.connect(store, Platform.GENERIC);
    }

    @Test
    void aSignedEventIsStoredOnceHoweverOftenItIsSent() throws Exception {
        assertThat(deliver(EVENT, sender.secret(), Instant.now()).getStatus()).isEqualTo(202);
        assertThat(deliver(EVENT, sender.secret(), Instant.now()).getStatus()).as("a repeat").isEqualTo(200);

        Event paid = stores.awaitTimeline(store, "sarah@example.com", 1).get(0);
        assertThat(paid.metricName()).isEqualTo("Paid Invoice");
        assertThat(paid.value()).isEqualByComparingTo("49.5");
        assertThat(paid.valueCurrency()).isEqualTo("EUR");
        assertThat(paid.time()).isEqualTo(Instant.parse("2026-07-01T12:00:00Z"));
        assertThat(paid.properties()).containsEntry("invoice", "1001");
        Thread.sleep(1_000);
        assertThat(stores.timeline(store, stores.profile(store, "sarah@example.com").orElseThrow().id())).hasSize(1);
    }

    @Test
    void aProfileWithConsent() throws Exception {
        String profile = """
                {"id": "crm-42", "type": "profile", "profile": {"email": "lee@example.com", "last_name": "Lee",
                  "properties": {"plan": "pro"}, "consent": {"email_marketing": "subscribed"}}}""";

        assertThat(deliver(profile, sender.secret(), Instant.now()).getStatus()).isEqualTo(202);

        Profile lee = stores.awaitProfile(store, "lee@example.com");
        assertThat(lee.lastName()).isEqualTo("Lee");
        assertThat(lee.properties()).containsEntry("plan", "pro");
        assertThat(lee.consent().get(Channel.EMAIL_MARKETING).state()).isEqualTo(Consent.State.SUBSCRIBED);
    }

    @Test
    void aStaleTimestampIsRefused() throws Exception {
        MockHttpServletResponse stale = deliver(EVENT, sender.secret(), Instant.now().minusSeconds(6 * 60));

        assertThat(stale.getStatus()).isEqualTo(401);
        assertThat(stale.getContentAsString()).contains("Magpie-Signature");
    }

    @Test
    void aWrongSecretIsRefusedAndAnotherAccountsSecretToo() throws Exception {
        Store other = stores.open("Other");
        Link otherSender = stores.connect(other, Platform.GENERIC);

        assertThat(deliver(EVENT, "mgps_wrong", Instant.now()).getStatus()).isEqualTo(401);
        assertThat(deliver(EVENT, otherSender.secret(), Instant.now()).getStatus()).isEqualTo(401);
        assertThat(mvc.perform(post("/webhooks/generic/{id}", sender.id()).contentType(MediaType.APPLICATION_JSON)
            .content(EVENT)).andReturn().getResponse().getStatus()).as("unsigned").isEqualTo(401);
    }

    @Test
    void aBodyItCannotReadIsA400NamingTheField() throws Exception {
        MockHttpServletResponse response = deliver("""
                {"id": "d-1", "type": "event", "event": {"profile": {"email": "sarah@example.com"}}}""",
                sender.secret(), Instant.now());

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("\"pointer\":\"/event/metric\"");
    }

    private MockHttpServletResponse deliver(String payload, String secret, Instant signedAt) throws Exception {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return mvc.perform(post("/webhooks/generic/{id}", sender.id())
            .contentType(MediaType.APPLICATION_JSON)
            .header(SignatureHeader.NAME, SignatureHeader.sign(body, secret, signedAt))
            .content(body)).andReturn().getResponse();
    }
}
