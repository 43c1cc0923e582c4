package dev.magpie.audiences.internal.lists;

import java.util.List;

import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.internal.lists.ListStores.Response;
import dev.magpie.audiences.internal.lists.ListStores.Store;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.AccountDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Store A's key and A's owner, holding store B's list and profile ids, get a 404 (or a 400 naming the id) on every
 * list route, API and pages alike, and B's list stays exactly as it was.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ListsCrossTenantTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    ListMemberships memberships;

    @Autowired
    AccountDirectory accounts;

    ListStores api;

    Store a;

    Store b;

    String aList;

    String bList;

    String bProfile;

    JsonNode bBefore;

    @BeforeEach
    void twoStores() throws Exception {
        api = new ListStores(mvc, json);
        a = api.open("Alder Lists");
        b = api.open("Beech Lists");
        aList = api.list(a, "Alder news", "single_opt_in");
        bList = api.list(b, "Beech news", "single_opt_in");
        bProfile = api.profile(b, "beech-" + Ids.newId().toLowerCase() + "@example.com");
        api.post(b, "/api/lists/" + bList + "/relationships/profiles", ListStores.profileIds(List.of(bProfile)));
        bBefore = api.get(b, "/api/lists/" + bList).body().at("/data");
    }

    @Test
    void everyApiRouteAnswers404ForAnotherStoresList() throws Exception {
        assertThat(api.get(a, "/api/lists/" + bList).status()).isEqualTo(404);
        assertThat(api.patch(a, "/api/lists/" + bList, """
                {"data": {"type": "list", "id": "%s", "attributes": {"name": "Hijacked"}}}
                """.formatted(bList)).status()).isEqualTo(404);
        assertThat(api.get(a, "/api/lists/" + bList + "/profiles").status()).isEqualTo(404);
        assertThat(api.get(a, "/api/lists/" + bList + "/relationships/profiles").status()).isEqualTo(404);
        assertThat(api.post(a, "/api/lists/" + bList + "/relationships/profiles",
                ListStores.profileIds(List.of(bProfile))).status()).isEqualTo(404);
        assertThat(api.delete(a, "/api/lists/" + bList + "/relationships/profiles",
                ListStores.profileIds(List.of(bProfile))).status()).isEqualTo(404);
        assertThat(api.get(a, "/api/profiles/" + bProfile + "/lists").status()).isEqualTo(404);
        assertThat(api.get(a, "/api/profiles/" + bProfile + "/relationships/lists").status()).isEqualTo(404);
        assertThat(api.delete(a, "/api/lists/" + bList, null).status()).isEqualTo(404);
        assertThat(api.get(a, "/api/lists").text()).doesNotContain(bList);

        assertBUnchanged();
    }

    @Test
    void anotherStoresIdsInARequestBodyAreRefusedByTheirPointer() throws Exception {
        Response addB = api.post(a, "/api/lists/" + aList + "/relationships/profiles",
                ListStores.profileIds(List.of(bProfile)));
        assertThat(addB.status()).isEqualTo(400);
        assertThat(addB.pointer()).isEqualTo("/data/0/id");

        Response subscribeToB = api.post(a, "/api/profile-subscription-bulk-create-jobs", """
                {"data": {"type": "profile-subscription-bulk-create-job", "attributes": {
                   "profiles": {"data": [{"type": "profile", "id": "%s",
                      "attributes": {"subscriptions": {"email": {"marketing": {"consent": "SUBSCRIBED"}}}}}]}},
                  "relationships": {"list": {"data": {"type": "list", "id": "%s"}}}}}
                """.formatted(bProfile, aList));
        assertThat(subscribeToB.status()).isEqualTo(400);
        assertThat(subscribeToB.pointer()).isEqualTo("/data/attributes/profiles/data/0/id");

        Response toBList = api.post(a, "/api/profile-subscription-bulk-create-jobs", """
                {"data": {"type": "profile-subscription-bulk-create-job", "attributes": {
                   "profiles": {"data": [{"type": "profile", "attributes": {"email": "a@example.com",
                      "subscriptions": {"email": {"marketing": {"consent": "SUBSCRIBED"}}}}}]}},
                  "relationships": {"list": {"data": {"type": "list", "id": "%s"}}}}}
                """.formatted(bList));
        assertThat(toBList.status()).isEqualTo(400);
        assertThat(toBList.pointer()).isEqualTo("/data/relationships/list/data/id");

        String aSiteKey = accounts.find(a.accountId()).orElseThrow().publicApiKey();
        int client = mvc.perform(post("/client/subscriptions").param("company_id", aSiteKey)
            .header("revision", ListStores.REVISION)
            .contentType("application/json")
            .content("""
                    {"data": {"type": "subscription", "attributes": {
                       "profile": {"data": {"type": "profile", "attributes": {"email": "a2@example.com"}}}},
                      "relationships": {"list": {"data": {"type": "list", "id": "%s"}}}}}
                    """.formatted(bList))).andReturn().getResponse().getStatus();
        assertThat(client).isEqualTo(400);

        assertThat(memberships.memberSince(a.accountId(), aList, bProfile)).isEmpty();
        assertBUnchanged();
    }

    @Test
    void everyPageAnswers404ForAnotherStoresList() throws Exception {
        assertThat(status(get("/lists/" + bList))).isEqualTo(404);
        assertThat(status(get("/lists/" + bList + "/delete"))).isEqualTo(404);
        assertThat(status(post("/lists/" + bList + "/rename").param("name", "Hijacked"))).isEqualTo(404);
        assertThat(status(post("/lists/" + bList + "/members").param("email", "x@example.com"))).isEqualTo(404);
        assertThat(status(post("/lists/" + bList + "/members/" + bProfile + "/remove"))).isEqualTo(404);
        assertThat(status(post("/lists/" + bList + "/delete"))).isEqualTo(404);
        String index = mvc.perform(get("/lists").session(a.session())).andReturn().getResponse()
            .getContentAsString();
        assertThat(index).contains("Alder news").doesNotContain("Beech news");
        assertThat(status(get("/profiles/" + bProfile))).isEqualTo(404);
        assertThat(status(get("/profiles/" + bProfile + "/lists"))).isEqualTo(404);

        assertBUnchanged();
    }

    private int status(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request.session(a.session()).with(csrf())).andReturn().getResponse().getStatus();
    }

    private void assertBUnchanged() throws Exception {
        assertThat(api.get(b, "/api/lists/" + bList).body().at("/data")).isEqualTo(bBefore);
        assertThat(memberships.memberSince(b.accountId(), bList, bProfile)).isPresent();
        assertThat(api.get(b, "/api/lists/" + bList + "?additional-fields[list]=profile_count").body()
            .at("/data/attributes/profile_count").asInt()).isEqualTo(1);
    }
}
