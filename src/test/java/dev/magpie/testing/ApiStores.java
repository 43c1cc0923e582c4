package dev.magpie.testing;

import java.net.URI;
import java.util.List;
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
public final class ApiStores {

    public static final String REVISION = "2026-07-15";

    private static final MediaType JSON_API = MediaType.parseMediaType("application/vnd.api+json");

    private final MockMvc mvc;

    private final JsonMapper json;

    /** What a key may do when a test names nothing: write profiles and segments, read metrics. */
    private static final List<String> DEFAULT_ACCESS = List.of("profiles:write", "segments:write", "metrics:read");

    public ApiStores(MockMvc mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    /**
     * A new store with a key whose access is {@code access}, each as the API keys page offers it (such as
     * {@code profiles:read} or {@code segments:write}); by default it writes profiles and segments and reads
     * metrics. The key always reads its account.
     */
    public Store open(String name, String... access) throws Exception {
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
        MockHttpServletRequestBuilder keyForm = MockMvcRequestBuilders.post("/settings/api-keys")
            .with(csrf())
            .session(session)
            .param("name", "Tests")
            .param("access[accounts]", "read");
        for (String scope : access.length == 0 ? DEFAULT_ACCESS : List.of(access)) {
            String[] parts = scope.split(":");
            keyForm.param("access[" + parts[0] + "]", parts[1]);
        }
        String key = (String) mvc.perform(keyForm).andReturn().getFlashMap().get("newKey");
        assertThat(key).as("API key of " + name).startsWith("pk_");
        String accountId = get(new Store(null, key), "/api/accounts").body().at("/data/0/id").asString();
        return new Store(accountId, key);
    }

    /** A GET of {@code path}, whose query is written as on the wire (percent-encoded, brackets allowed). */
    public Response get(Store store, String path) throws Exception {
        return call(store, MockMvcRequestBuilders.get(uri(path)));
    }

    public Response post(Store store, String path, String body) throws Exception {
        return call(store, MockMvcRequestBuilders.post(uri(path)).contentType(JSON_API).content(body));
    }

    public Response patch(Store store, String path, String body) throws Exception {
        return call(store, MockMvcRequestBuilders.patch(uri(path)).contentType(JSON_API).content(body));
    }

    public Response delete(Store store, String path) throws Exception {
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
    public record Store(String accountId, String key) {
    }

    /** An answer: its status and JSON body. */
    public record Response(int status, JsonNode body, String text) {

        /** The only error of an error response. */
        public JsonNode error() {
            assertThat(body.at("/errors")).as(text).hasSize(1);
            return body.at("/errors/0");
        }
    }
}
