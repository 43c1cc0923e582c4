package dev.magpie.integrations.internal;

import java.util.List;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.integrations.internal.TestStores.Link;
import dev.magpie.integrations.internal.TestStores.Store;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.TenantContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The integration pages as an account's owner and its analysts see them, and what another account's owner can do
 * with their ids (nothing: 404).
 */
@IntegrationsTest
class IntegrationPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Connections connections;

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
        store = stores.open("Pages Store");
    }

    @Test
    void theOwnerSeesEveryIntegrationInTheNavigation() throws Exception {
        String page = page(store, "/integrations");

        assertThat(page).contains("id=\"nav-integrations\"", "Shopify", "WooCommerce", "Signed webhook", "Segment",
                "Storefront (browser)", store.siteKey());
    }

    @Test
    void everyPlatformsPagesShowWhatToSetUp() throws Exception {
        for (Platform platform : Platform.values()) {
            Link link = stores.connect(store, platform);
            String list = page(store, "/integrations/" + platform.slug());
            String connection = page(store, "/integrations/" + platform.slug() + "/" + link.id());

            assertThat(list).as(platform + " list").contains(store.name() + " " + platform.slug());
            if (platform.signed()) {
                assertThat(connection).as(platform + " page")
                    .contains("/webhooks/" + platform.slug() + "/" + link.id(), link.secret());
            }
            else {
                assertThat(connection).as(platform + " page").contains("/v1/track", "id=\"write-key-hint\"");
            }
        }
        assertThat(page(store, "/integrations/generic/" + stores.connect(store, Platform.GENERIC).id()))
            .contains("Magpie-Signature: t=$t,v1=$sig");
        assertThat(status(get("/integrations/magento"))).isEqualTo(404);
    }

    @Test
    void aShopifyConnectionShowsItsWebhookUrlAndSecretWhichCanBeRotatedOrReplaced() throws Exception {
        Link shopify = stores.connect(store, Platform.SHOPIFY);
        String path = "/integrations/shopify/" + shopify.id();

        assertThat(page(store, path)).contains("http://localhost/webhooks/shopify/" + shopify.id(), shopify.secret(),
                "orders/create", "refunds/create");
        assertThat(page(store, "/integrations/shopify")).contains("Pages Store shopify");

        mvc.perform(post(path + "/rotate").session(store.session()).with(csrf()));
        String rotated = secret(shopify);
        assertThat(rotated).isNotEqualTo(shopify.secret()).startsWith("mgps_");
        assertThat(page(store, path)).contains(rotated, "id=\"grace-notice\"");

        String shopifysKey = "5f6b2c7e9a1d4e3f8b0c7a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f";
        mvc.perform(post(path + "/secret").session(store.session()).with(csrf()).param("secret", shopifysKey));
        assertThat(secret(shopify)).isEqualTo(shopifysKey);

        MockHttpServletResponse tooShort = mvc.perform(post(path + "/secret").session(store.session()).with(csrf())
            .param("secret", "short")).andReturn().getResponse();
        assertThat(tooShort.getStatus()).isEqualTo(200);
        assertThat(tooShort.getContentAsString()).contains("Use 16 to 200 characters.");
        assertThat(secret(shopify)).isEqualTo(shopifysKey);
    }

    @Test
    void aSegmentWriteKeyIsShownOnceAndKeptOnlyAsAFingerprint() throws Exception {
        MvcResult created = mvc.perform(post("/integrations/segment").session(store.session()).with(csrf())
            .param("name", "Website")).andReturn();
        String writeKey = (String) created.getFlashMap().get("newWriteKey");
        String first = page(store, created.getResponse().getRedirectedUrl());
        String later = page(store, created.getResponse().getRedirectedUrl());

        assertThat(writeKey).startsWith("wk_");
        assertThat(first).contains(writeKey, "Copy it now");
        assertThat(later).doesNotContain(writeKey).contains(writeKey.substring(0, 7) + "…");
        assertThat(jdbc.queryForList("select write_key_hash from integration_connections where account_id = ?",
                String.class, store.accountId())).singleElement().asString().hasSize(64).doesNotContain(writeKey);
    }

    @Test
    void theBrowserPageGivesTheSnippetWithTheSiteKey() throws Exception {
        assertThat(page(store, "/integrations/browser"))
            .contains("/client/events?company_id=" + store.siteKey(), "Viewed Product");
    }

    @Test
    void analystsNeitherSeeNorOpenIntegrations() throws Exception {
        Link shopify = stores.connect(store, Platform.SHOPIFY);
        stores.demote(store, "ANALYST");

        assertThat(status(get("/integrations"))).isEqualTo(403);
        assertThat(status(get("/integrations/shopify/" + shopify.id()))).isEqualTo(403);
        assertThat(status(post("/integrations/shopify/" + shopify.id() + "/rotate").with(csrf()))).isEqualTo(403);
        assertThat(page(store, "/")).doesNotContain("id=\"nav-integrations\"");
        assertThat(secret(shopify)).isEqualTo(shopify.secret());
    }

    @Test
    void anotherAccountsConnectionsAreNotFoundAndStayAsTheyAre() throws Exception {
        Store other = stores.open("Other Pages Store");
        Link theirs = stores.connect(other, Platform.SHOPIFY);
        Link theirSegment = stores.connect(other, Platform.SEGMENT);

        List<MockHttpServletRequestBuilder> attempts = List.of(get("/integrations/shopify/" + theirs.id()),
                post("/integrations/shopify/" + theirs.id() + "/rotate").with(csrf()),
                post("/integrations/shopify/" + theirs.id() + "/secret").with(csrf())
                    .param("secret", "a-perfectly-good-secret-1234"),
                post("/integrations/shopify/" + theirs.id() + "/disconnect").with(csrf()),
                get("/integrations/segment/" + theirSegment.id()),
                post("/integrations/segment/" + theirSegment.id() + "/rotate").with(csrf()));
        for (MockHttpServletRequestBuilder attempt : attempts) {
            assertThat(status(attempt)).as(attempt.toString()).isEqualTo(404);
        }

        assertThat(page(store, "/integrations/shopify")).doesNotContain("Other Pages Store", theirs.id());
        assertThat(TenantContext.callInAccount(other.accountId(),
                () -> connections.find(Platform.SHOPIFY, theirs.id())).orElseThrow().signingSecret())
            .isEqualTo(theirs.secret());
    }

    @Test
    void aDisconnectedConnectionIsGone() throws Exception {
        Link generic = stores.connect(store, Platform.GENERIC);

        mvc.perform(post("/integrations/generic/" + generic.id() + "/disconnect").session(store.session())
            .with(csrf()));

        assertThat(status(get("/integrations/generic/" + generic.id()))).isEqualTo(404);
        assertThat(connections.endpoint(generic.id(), Platform.GENERIC)).isEmpty();
    }

    private String secret(Link link) {
        return TenantContext.callInAccount(store.accountId(), () -> connections.list()).stream()
            .filter(connection -> connection.id().equals(link.id()))
            .findFirst()
            .orElseThrow()
            .signingSecret();
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.session(store.session())).andReturn().getResponse().getStatus();
    }

    private String page(Store as, String path) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path).session(as.session())).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }
}
