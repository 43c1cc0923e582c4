package dev.magpie.profiles.internal.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store A's key, holding store B's profile ids and identifiers, gets a 404 (or nothing) on every profile route,
 * and B's profiles stay exactly as they were.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ProfilesCrossTenantTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    ApiStores api;

    Store a;

    Store b;

    String bProfile;

    String bOther;

    JsonNode bBefore;

    String aProfile;

    @BeforeEach
    void twoStores() throws Exception {
        api = new ApiStores(mvc, json);
        a = api.open("Alder Goods");
        b = api.open("Beech Supplies");
        bProfile = create(b, "{\"email\": \"beech@example.com\", \"first_name\": \"Bea\", \"external_id\": \"b-1\"}");
        bOther = create(b, "{\"email\": \"beech2@example.com\"}");
        aProfile = create(a, "{\"email\": \"alder@example.com\"}");
        bBefore = api.get(b, "/api/profiles/" + bProfile).body().at("/data");
    }

    @Test
    void getProfileOfAnotherStoreIs404() throws Exception {
        Response response = api.get(a, "/api/profiles/" + bProfile);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.error().at("/code").asString()).isEqualTo("not_found");
        assertThat(response.text()).doesNotContain("beech");
    }

    @Test
    void getProfilesNeverListsAnotherStoresProfiles() throws Exception {
        assertThat(list(a, "")).extracting(profile -> profile.at("/id").asString()).containsExactly(aProfile);
        assertThat(list(a, "filter=" + encode("equals(email,\"beech@example.com\")"))).isEmpty();
        assertThat(list(a, "filter=" + encode("equals(external_id,\"b-1\")"))).isEmpty();
        assertThat(list(a, "filter=" + encode("equals(id,\"" + bProfile + "\")"))).isEmpty();
    }

    @Test
    void updateProfileOfAnotherStoreIs404AndChangesNothing() throws Exception {
        Response response = api.patch(a, "/api/profiles/" + bProfile, """
                {"data": {"type": "profile", "id": "%s", "attributes": {"first_name": "Hijacked"}}}
                """.formatted(bProfile));

        assertThat(response.status()).isEqualTo(404);
        assertUnchanged();
    }

    @Test
    void createOrUpdateWithAnotherStoresIdIs404AndItsIdentifiersMeanNothingHere() throws Exception {
        Response byId = api.post(a, "/api/profile-import", """
                {"data": {"type": "profile", "id": "%s", "attributes": {"first_name": "Hijacked"}}}
                """.formatted(bProfile));
        assertThat(byId.status()).isEqualTo(404);

        Response byEmail = api.post(a, "/api/profile-import", """
                {"data": {"type": "profile", "attributes": {"email": "beech@example.com", "first_name": "Mine"}}}
                """);
        assertThat(byEmail.status()).isEqualTo(201);
        assertThat(byEmail.body().at("/data/id").asString()).isNotEqualTo(bProfile);
        assertUnchanged();
    }

    @Test
    void mergeWithAnotherStoresProfilesIs404AndChangesNothing() throws Exception {
        Response intoB = merge(a, bProfile, aProfile);
        Response fromB = merge(a, aProfile, bProfile);
        Response bothB = merge(a, bProfile, bOther);

        assertThat(intoB.status()).isEqualTo(404);
        assertThat(fromB.status()).isEqualTo(404);
        assertThat(bothB.status()).isEqualTo(404);
        assertUnchanged();
        assertThat(api.get(b, "/api/profiles/" + bOther).body().at("/data/id").asString()).isEqualTo(bOther);
        assertThat(api.get(a, "/api/profiles/" + aProfile).body().at("/data/attributes/email").asString())
            .isEqualTo("alder@example.com");
    }

    private void assertUnchanged() throws Exception {
        Response after = api.get(b, "/api/profiles/" + bProfile);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body().at("/data")).isEqualTo(bBefore);
    }

    private Response merge(Store store, String survivor, String source) throws Exception {
        return api.post(store, "/api/profile-merge", """
                {"data": {"type": "profile-merge", "id": "%s",
                  "relationships": {"profiles": {"data": [{"type": "profile", "id": "%s"}]}}}}
                """.formatted(survivor, source));
    }

    private String create(Store store, String attributes) throws Exception {
        Response created = api.post(store, "/api/profiles",
                "{\"data\": {\"type\": \"profile\", \"attributes\": " + attributes + "}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().at("/data/id").asString();
    }

    private JsonNode list(Store store, String query) throws Exception {
        Response response = api.get(store, "/api/profiles" + (query.isEmpty() ? "" : "?" + query));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().at("/data");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
