package dev.magpie.integrations.segment;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.integrations.internal.IntegrationsTest;
import dev.magpie.integrations.internal.Platform;
import dev.magpie.integrations.internal.TestStores;
import dev.magpie.integrations.internal.TestStores.Link;
import dev.magpie.integrations.internal.TestStores.Store;
import dev.magpie.profiles.IdentifierKind;
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
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The Segment-compatible API, called as Segment's libraries call Segment's HTTP API. */
@IntegrationsTest
class SegmentApiTests {

    private static final String BATCH = """
            {"batch": [
              {"type": "identify", "userId": "019mr8mf4r", "messageId": "m-1",
               "traits": {"email": "peter@initech.com", "firstName": "Peter", "lastName": "Gibbons", "plan": "premium"},
               "timestamp": "2026-07-15T09:00:00Z"},
              {"type": "track", "userId": "019mr8mf4r", "event": "Order Completed", "messageId": "m-2",
               "properties": {"order_id": "50314b8e", "revenue": 39.95, "currency": "USD"},
               "timestamp": "2026-07-15T09:01:00Z"},
              {"type": "page", "userId": "019mr8mf4r", "name": "Home", "messageId": "m-3"},
              {"type": "track", "userId": "019mr8mf4r", "messageId": "m-4"}
            ], "context": {"library": {"name": "analytics-node", "version": "2.1.0"}},
            "sentAt": "2026-07-15T09:01:05Z"}""";

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

    Link source;

    @BeforeEach
    void aSegmentSource() throws Exception {
        store = stores.open("Initech");
        source = stores.connect(store, Platform.SEGMENT);
    }

    @Test
    void aBatchBecomesAProfileAndItsEvents() throws Exception {
        MockHttpServletResponse response = call("/v1/batch", source.writeKey(), BATCH);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("\"success\":true").contains("/batch/3/event");
        Profile peter = await().atMost(TestStores.PROCESSING)
            .until(() -> stores.profile(store, IdentifierKind.EXTERNAL_ID, "019mr8mf4r"), found -> found.isPresent())
            .orElseThrow();
        List<Event> events = await().atMost(TestStores.PROCESSING)
            .until(() -> stores.timeline(store, peter.id()), found -> !found.isEmpty());
        assertThat(events).singleElement().satisfies(order -> {
            assertThat(order.metricName()).isEqualTo("Order Completed");
            assertThat(order.value()).isEqualByComparingTo("39.95");
            assertThat(order.uniqueId()).isEqualTo("m-2");
        });
        Profile identified = stores.awaitProfile(store, "peter@initech.com");
        assertThat(identified.id()).isEqualTo(peter.id());
        assertThat(identified.firstName()).isEqualTo("Peter");
        assertThat(identified.properties()).containsEntry("plan", "premium");
    }

    @Test
    void aRepeatedMessageIdIsStoredOnce() throws Exception {
        String track = """
                {"userId": "u-7", "event": "Signed Up", "messageId": "signup-u-7",
                 "properties": {"plan": "trial"}}""";

        assertThat(call("/v1/track", source.writeKey(), track).getStatus()).isEqualTo(200);
        assertThat(call("/v1/track", source.writeKey(), track).getStatus()).isEqualTo(200);

        Profile user = await().atMost(TestStores.PROCESSING)
            .until(() -> stores.profile(store, IdentifierKind.EXTERNAL_ID, "u-7"), found -> found.isPresent())
            .orElseThrow();
        await().atMost(TestStores.PROCESSING).until(() -> stores.timeline(store, user.id()), e -> !e.isEmpty());
        Thread.sleep(1_000);
        assertThat(stores.timeline(store, user.id())).hasSize(1);
    }

    @Test
    void anUnknownWriteKeyIsRefusedAndAMissingFieldNamed() throws Exception {
        String track = "{\"userId\": \"u-1\", \"event\": \"Signed Up\"}";

        assertThat(call("/v1/track", "wk_unknown0000000000000000000000000000000", track).getStatus())
            .isEqualTo(401);
        assertThat(mvc.perform(post("/v1/track").contentType(MediaType.APPLICATION_JSON).content(track))
            .andReturn().getResponse().getStatus()).as("no key").isEqualTo(401);
        MockHttpServletResponse noEvent = call("/v1/track", source.writeKey(), "{\"userId\": \"u-1\"}");
        assertThat(noEvent.getStatus()).isEqualTo(400);
        assertThat(noEvent.getContentAsString()).contains("\"pointer\":\"/event\"");
    }

    @Test
    void theWriteKeyMayComeInTheBodyAsSegmentsBrowserLibrarySendsIt() throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/v1/t").contentType(MediaType.TEXT_PLAIN)
            .header("Origin", "https://shop.example.com")
            .content("{\"writeKey\": \"" + source.writeKey()
                    + "\", \"anonymousId\": \"anon-9\", \"event\": \"Viewed Product\"}"))
            .andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
        await().atMost(TestStores.PROCESSING)
            .until(() -> stores.profile(store, IdentifierKind.ANONYMOUS_ID, "anon-9"), found -> found.isPresent());
    }

    private MockHttpServletResponse call(String path, String writeKey, String body) throws Exception {
        String basic = Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        return mvc.perform(post(path).header("Authorization", "Basic " + basic)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)).andReturn().getResponse();
    }
}
