package dev.magpie.audiences.internal.segments;

import java.net.URI;
import java.util.Locale;

import dev.magpie.shared.Ids;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Stores as an API client meets them: signed up on the sign-up page, with a private key made on the API keys
 * page, and Klaviyo-style calls made with that key.
 */
final class ApiStores {

    static final String REVISION = "2026-07-15";

    private static final MediaType JSON_API = MediaType.parseMediaType("application/vnd.api+json");

    private final MockMvc mvc;

    private final JsonMapper json;

    ApiStores(MockMvc mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    /** A new store with a key that may read and write segments and profiles (and read its account). */
    Store open(String name) throws Exception {
        return open(name, "write");
    }

    /** A new store with a key whose segments access is {@code segmentsAccess}: {@code read} or {@code write}. */
    Store open(String name, String segmentsAccess) throws Exception {
        String email = "owner-" + Ids.newId().toLowerCase(Locale.ROOT) + "@store.example";
        MvcResult signUp = mvc.perform(MockMvcRequestBuilders.post("/signup")
            .with(csrf())
            .session(new MockHttpSession())
            .param("accountName", name)
            .param("name", "Owner of " + name)
            .param("email", email)
            .param("password", "correct horse battery staple")).andReturn();
        assertThat(signUp.getResponse().getRedirectedUrl()).as("sign-up of " + name).isEqualTo("/");
        MockHttpSession session = (MockHttpSession) signUp.getRequest().getSession(false);
        MvcResult created = mvc.perform(MockMvcRequestBuilders.post("/settings/api-keys")
            .with(csrf())
            .session(session)
            .param("name", "Segments tests")
            .param("access[profiles]", "write")
            .param("access[segments]", segmentsAccess)
            .param("access[metrics]", "read")
            .param("access[accounts]", "read")).andReturn();
        String key = (String) created.getFlashMap().get("newKey");
        assertThat(key).as("API key of " + name).startsWith("pk_");
        String accountId = get(new Store(null, key), "/api/accounts").body().at("/data/0/id").asString();
        return new Store(accountId, key);
    }

    /** A GET of {@code path}, whose query is written as on the wire (percent-encoded, brackets allowed). */
    Response get(Store store, String path) throws Exception {
        return call(store, MockMvcRequestBuilders.get(uri(path)));
    }

    Response post(Store store, String path, String body) throws Exception {
        return call(store, MockMvcRequestBuilders.post(uri(path)).contentType(JSON_API).content(body));
    }

    Response patch(Store store, String path, String body) throws Exception {
        return call(store, MockMvcRequestBuilders.patch(uri(path)).contentType(JSON_API).content(body));
    }

    Response delete(Store store, String path) throws Exception {
        return call(store, MockMvcRequestBuilders.delete(uri(path)));
    }

    private static URI uri(String path) {
        return URI.create(path.replace("[", "%5B").replace("]", "%5D"));
    }

    private Response call(Store store, MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Klaviyo-API-Key " + store.key())
            .header("revision", REVISION)
            .accept(JSON_API)).andReturn();
        String text = result.getResponse().getContentAsString();
        return new Response(result.getResponse().getStatus(), text.isEmpty() ? null : json.readTree(text), text);
    }

    /** A store's account and its private key. */
    record Store(String accountId, String key) {
    }

    /** An answer: its status and JSON body. */
    record Response(int status, JsonNode body, String text) {

        /** The only error of an error response. */
        JsonNode error() {
            assertThat(body.at("/errors")).as(text).hasSize(1);
            return body.at("/errors/0");
        }
    }
}
