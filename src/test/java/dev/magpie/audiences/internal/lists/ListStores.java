package dev.magpie.audiences.internal.lists;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.magpie.devengines.LocalSmtp;
import dev.magpie.engines.CapturedMail;
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
 * Stores as the list tests meet them: signed up on the sign-up page, with a private key made on the API keys page
 * (lists, profiles and subscriptions writable), calling the API as Klaviyo's SDKs do; and their owner's session.
 */
final class ListStores {

    static final String REVISION = "2026-07-15";

    private static final MediaType JSON_API = MediaType.parseMediaType("application/vnd.api+json");

    private final MockMvc mvc;

    private final JsonMapper json;

    ListStores(MockMvc mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    Store open(String name) throws Exception {
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
            .param("name", "List tests")
            .param("access[lists]", "write")
            .param("access[profiles]", "write")
            .param("access[subscriptions]", "write")
            .param("access[accounts]", "read")).andReturn();
        String key = (String) created.getFlashMap().get("newKey");
        assertThat(key).as("API key of " + name).startsWith("pk_");
        String accountId = get(new Store(null, key, session), "/api/accounts").body().at("/data/0/id").asString();
        return new Store(accountId, key, session);
    }

    Response get(Store store, String path) throws Exception {
        return call(store, MockMvcRequestBuilders.get(uri(path)));
    }

    Response post(Store store, String path, String body) throws Exception {
        return call(store, MockMvcRequestBuilders.post(uri(path)).contentType(JSON_API).content(body));
    }

    Response patch(Store store, String path, String body) throws Exception {
        return call(store, MockMvcRequestBuilders.patch(uri(path)).contentType(JSON_API).content(body));
    }

    Response delete(Store store, String path, String body) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.delete(uri(path));
        if (body != null) {
            request.contentType(JSON_API).content(body);
        }
        return call(store, request);
    }

    /** Creates a list through the API and answers its id. */
    String list(Store store, String name, String optIn) throws Exception {
        Response created = post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "%s", "opt_in_process": "%s"}}}
                """.formatted(name, optIn));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().at("/data/id").asString();
    }

    /** Creates a profile through the API and answers its id. */
    String profile(Store store, String email) throws Exception {
        Response created = post(store, "/api/profiles", """
                {"data": {"type": "profile", "attributes": {"email": "%s"}}}
                """.formatted(email));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().at("/data/id").asString();
    }

    /** The body of a relationships request naming {@code ids}. */
    static String profileIds(List<String> ids) {
        return "{\"data\": [" + String.join(",", ids.stream()
            .map(id -> "{\"type\": \"profile\", \"id\": \"" + id + "\"}")
            .toList()) + "]}";
    }

    /** The only email to {@code address}, waiting briefly for it. */
    static CapturedMail mailTo(String address) {
        return LocalSmtp.inbox().orElseThrow().awaitMessageTo(address, Duration.ofSeconds(10));
    }

    /** Every email to {@code address} so far. */
    static List<CapturedMail> mailsTo(String address) {
        return LocalSmtp.inbox().orElseThrow().all().stream()
            .filter(mail -> mail.to().stream().anyMatch(address::equalsIgnoreCase))
            .toList();
    }

    /** The path of the confirmation link in a mail. */
    static String confirmationPath(CapturedMail mail) {
        Matcher link = Pattern.compile("https?://[^/\\s]+(/subscriptions/confirm/[A-Za-z0-9_.-]+)")
            .matcher(mail.textBody());
        assertThat(link.find()).as("a confirmation link in:\n" + mail.textBody()).isTrue();
        return link.group(1);
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

    /** A store's account, its private key and its owner's session. */
    record Store(String accountId, String key, MockHttpSession session) {
    }

    /** An answer: its status and JSON body. */
    record Response(int status, JsonNode body, String text) {

        JsonNode error() {
            assertThat(body.at("/errors")).as(text).hasSize(1);
            return body.at("/errors/0");
        }

        String pointer() {
            return error().at("/source/pointer").asString();
        }
    }
}
