package dev.magpie.integrations.storefront;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.integrations.internal.IntegrationsTest;
import dev.magpie.integrations.internal.TestStores;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Klaviyo's client (browser) API, called from a storefront on another origin with the public site key. */
@IntegrationsTest
class ClientApiTests {

    private static final String STOREFRONT = "https://shop.example.com";

    private static final String VIEWED_PRODUCT = """
            {"data": {"type": "event", "attributes": {
              "properties": {"ProductName": "Winter Jacket", "ProductID": "1111", "Price": 89.0},
              "value": 89.0, "unique_id": "view-%s",
              "metric": {"data": {"type": "metric", "attributes": {"name": "Viewed Product"}}},
              "profile": {"data": {"type": "profile", "attributes": {"anonymous_id": "%s"}}}}}}""";

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

    @BeforeEach
    void aStore() throws Exception {
        store = stores.open("Storefront");
    }

    @Test
    void aBrowserOnAnyOriginMayAskFirst() throws Exception {
        MockHttpServletResponse preflight = mvc.perform(options("/client/events")
            .param("company_id", store.siteKey())
            .header("Origin", STOREFRONT)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,revision")).andReturn().getResponse();

        assertThat(preflight.getStatus()).isEqualTo(200);
        assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.getHeader("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("revision");
        assertThat(preflight.getHeader("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void aViewedProductIsAcceptedAndStored() throws Exception {
        MockHttpServletResponse response = send("/client/events", store.siteKey(),
                VIEWED_PRODUCT.formatted("1", "visitor-1"));

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getContentAsString()).isEmpty();
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
        Profile visitor = await().atMost(TestStores.PROCESSING)
            .until(() -> stores.profile(store, IdentifierKind.ANONYMOUS_ID, "visitor-1"), found -> found.isPresent())
            .orElseThrow();
        Event viewed = await().atMost(TestStores.PROCESSING)
            .until(() -> stores.timeline(store, visitor.id()), events -> !events.isEmpty()).get(0);
        assertThat(viewed.metricName()).isEqualTo("Viewed Product");
        assertThat(viewed.value()).isEqualByComparingTo("89.0");
        assertThat(viewed.properties()).containsEntry("ProductName", "Winter Jacket");
    }

    @Test
    void aClientProfileIsAcceptedAndStored() throws Exception {
        MockHttpServletResponse response = send("/client/profiles/", store.siteKey(), """
                {"data": {"type": "profile", "attributes": {"email": "sarah.mason@klaviyo-demo.com",
                  "first_name": "Sarah", "properties": {"Favorite color": "green"}}}}""");

        assertThat(response.getStatus()).as("a trailing slash, as older SDKs send").isEqualTo(202);
        Profile sarah = stores.awaitProfile(store, "sarah.mason@klaviyo-demo.com");
        assertThat(sarah.firstName()).isEqualTo("Sarah");
        assertThat(sarah.properties()).containsEntry("Favorite color", "green");
    }

    @Test
    void wrongCallsAreJsonApiErrors() throws Exception {
        MockHttpServletResponse noRevision = mvc.perform(post("/client/events").param("company_id", store.siteKey())
            .header("Origin", STOREFRONT)
            .contentType(MediaType.APPLICATION_JSON)
            .content(VIEWED_PRODUCT.formatted("2", "visitor-2"))).andReturn().getResponse();
        MockHttpServletResponse unknownSite = send("/client/events", "NOPE00", VIEWED_PRODUCT.formatted("3", "v-3"));
        MockHttpServletResponse noSite = send("/client/events", null, VIEWED_PRODUCT.formatted("4", "v-4"));
        MockHttpServletResponse noMetric = send("/client/events", store.siteKey(), """
                {"data": {"type": "event", "attributes": {
                  "profile": {"data": {"type": "profile", "attributes": {"anonymous_id": "v-5"}}}}}}""");
        MockHttpServletResponse notJson = send("/client/events", store.siteKey(), "{not json");

        assertThat(noRevision.getStatus()).isEqualTo(400);
        assertThat(noRevision.getContentAsString()).contains("\"parameter\":\"revision\"");
        assertThat(noRevision.getHeader("Access-Control-Allow-Origin")).as("readable by the page").isEqualTo("*");
        assertThat(unknownSite.getStatus()).isEqualTo(400);
        assertThat(unknownSite.getContentAsString()).contains("\"parameter\":\"company_id\"");
        assertThat(noSite.getStatus()).isEqualTo(400);
        assertThat(noMetric.getStatus()).isEqualTo(400);
        assertThat(noMetric.getContentType()).isEqualTo("application/vnd.api+json");
        assertThat(noMetric.getContentAsString())
            .contains("\"pointer\":\"/data/attributes/metric/data/attributes/name\"");
        assertThat(notJson.getStatus()).isEqualTo(400);
    }

    @Test
    void callsAreRateLimitedPerSiteKey() throws Exception {
        Store other = stores.open("Other storefront");
        int throttled = 0;
        // Empty bodies: counted, then refused (400) without queueing anything, so the calls come fast
        for (int i = 0; i < 10; i++) {
            MockHttpServletResponse response = send("/client/events", store.siteKey(), "{}");
            assertThat(response.getStatus()).isIn(400, 429);
            if (response.getStatus() == 429) {
                throttled++;
                assertThat(response.getHeader("Retry-After")).isNotNull();
            }
        }

        assertThat(throttled).as("over 3 per second (the tests' tier)").isPositive();
        assertThat(send("/client/events", other.siteKey(), VIEWED_PRODUCT.formatted("o", "visitor-o")).getStatus())
            .as("another site key has its own count").isEqualTo(202);
    }

    private MockHttpServletResponse send(String path, String siteKey, String body) throws Exception {
        var request = post(path).header("Origin", STOREFRONT)
            .header("revision", "2026-07-15")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
        if (siteKey != null) {
            request.param("company_id", siteKey);
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
