package dev.magpie.imports.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.magpie.imports.internal.Stores.Store;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Klaviyo's Bulk Import Profiles API against the real engines: a job is accepted at once (202), imports its
 * profiles in the background, reports each refused profile under import-errors, and a request that breaks the
 * document's shape or limits is refused whole.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ProfileBulkImportJobsApiTests {

    private static final String PATH = "/api/profile-bulk-import-jobs";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    Stores stores;

    ImportSteps steps;

    @BeforeEach
    void setUp() {
        stores = new Stores(mvc, jdbc, passwords);
        steps = new ImportSteps(mvc, jdbc);
    }

    @Test
    void aJobIsAcceptedImportsItsProfilesAndReportsTheOnesItRefused() throws Exception {
        Store store = stores.open("Fjord Fitness");
        String key = stores.apiKey(store, "write");
        String domain = "api-" + store.accountId().toLowerCase() + ".example";

        MvcResult created = call(post(PATH), key, job("""
                {"type": "profile", "attributes": {"email": "ada@%1$s", "first_name": "Ada",
                  "location": {"city": "Oslo", "latitude": "59.9"}, "properties": {"plan": "gold", "visits": 4}}},
                {"type": "profile", "attributes": {"email": "not an email", "first_name": "Nope"}},
                {"type": "profile", "attributes": {"external_id": "cust-77", "phone_number": "+14155550177"}},
                {"type": "profile", "attributes": {"first_name": "Nobody"}}
                """.formatted(domain)));

        assertThat(created.getResponse().getStatus()).isEqualTo(202);
        JsonNode job = body(created).get("data");
        assertThat(job.get("type").asString()).isEqualTo("profile-bulk-import-job");
        assertThat(job.at("/attributes/total_count").asInt()).isEqualTo(4);
        assertThat(job.at("/attributes/status").asString()).isIn("queued", "processing", "complete");
        assertThat(job.at("/links/self").asString()).endsWith(PATH + "/" + job.get("id").asString() + "/");
        String id = job.get("id").asString();

        steps.awaitFinished(id, Duration.ofSeconds(60));
        JsonNode done = body(call(get(PATH + "/{id}", id), key, null)).get("data");
        assertThat(done.at("/attributes/status").asString()).isEqualTo("complete");
        assertThat(done.at("/attributes/completed_count").asInt()).isEqualTo(4);
        assertThat(done.at("/attributes/failed_count").asInt()).isEqualTo(2);
        assertThat(done.at("/attributes/completed_at").isNull()).isFalse();

        JsonNode errors = body(call(get(PATH + "/{id}/import-errors", id), key, null)).get("data");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("type").asString()).isEqualTo("import-error");
        assertThat(errors.get(0).at("/attributes/code").asString()).isEqualTo("invalid");
        assertThat(errors.get(0).at("/attributes/source/pointer").asString())
            .isEqualTo("/data/attributes/profiles/data/1/attributes/email");
        assertThat(errors.get(0).at("/attributes/original_payload/attributes/first_name").asString()).isEqualTo("Nope");
        assertThat(errors.get(1).at("/attributes/source/pointer").asString())
            .isEqualTo("/data/attributes/profiles/data/3");

        Profile ada = profiles.findBy(store.accountId(), IdentifierKind.EMAIL, "ada@" + domain).orElseThrow();
        assertThat(ada.location().city()).isEqualTo("Oslo");
        assertThat(ada.location().latitude()).isEqualTo(59.9);
        assertThat(ada.properties()).containsEntry("plan", "gold").containsEntry("visits", 4);
        assertThat(profiles.findBy(store.accountId(), IdentifierKind.EXTERNAL_ID, "cust-77")).isPresent();
    }

    @Test
    void aRequestThatBreaksTheShapeOrTheLimitsIsRefusedWholeAndStoresNothing() throws Exception {
        Store store = stores.open("Grove Garden");
        String key = stores.apiKey(store, "write");
        String profile = "{\"type\": \"profile\", \"attributes\": {\"email\": \"p@grove.example\"}}";

        MvcResult tooMany = call(post(PATH), key, job(String.join(",", java.util.Collections.nCopies(10_001, profile))));
        MvcResult withLists = call(post(PATH), key, """
                {"data": {"type": "profile-bulk-import-job", "attributes": {"profiles": {"data": [%s]}},
                  "relationships": {"lists": {"data": [{"type": "list", "id": "Y6nRLr"}]}}}}""".formatted(profile));
        MvcResult wrongType = call(post(PATH), key, job("{\"type\": \"event\", \"attributes\": {}}"));
        MvcResult patch = call(post(PATH), key, job(
                "{\"type\": \"profile\", \"attributes\": {\"email\": \"p@grove.example\", \"meta\": {\"patch_properties\": {\"unset\": \"x\"}}}}"));
        MvcResult tooLarge = call(post(PATH), key, job(profile.replace("p@grove.example", "x".repeat(6_000_000))));
        MvcResult notJson = call(post(PATH), key, "{\"data\": ");

        assertThat(pointer(tooMany, 400)).isEqualTo("/data/attributes/profiles/data");
        assertThat(pointer(withLists, 400)).isEqualTo("/data/relationships/lists");
        assertThat(pointer(wrongType, 400)).isEqualTo("/data/attributes/profiles/data/0/type");
        assertThat(pointer(patch, 400)).isEqualTo("/data/attributes/profiles/data/0/attributes/meta/patch_properties");
        assertThat(tooLarge.getResponse().getStatus()).isEqualTo(413);
        assertThat(notJson.getResponse().getStatus()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM import_jobs WHERE account_id = ?", Integer.class,
                store.accountId())).isZero();
    }

    @Test
    void readingNeedsProfilesReadAndCreatingNeedsProfilesWrite() throws Exception {
        Store store = stores.open("Heath Hats");
        String reader = stores.apiKey(store, "read");
        String job = job("{\"type\": \"profile\", \"attributes\": {\"email\": \"r@heath.example\"}}");

        assertThat(call(post(PATH), reader, job).getResponse().getStatus()).isEqualTo(403);
        assertThat(call(get(PATH), reader, null).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void jobsAreListedByCursorOldestFirstOrNewestFirstAndFilteredByStatus() throws Exception {
        Store store = stores.open("Inlet Ink");
        String key = stores.apiKey(store, "write");
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = body(call(post(PATH), key, job("{\"type\": \"profile\", \"attributes\": {\"email\": \"l%d@inlet.example\"}}"
                .formatted(i)))).at("/data/id").asString();
        }
        for (String id : ids) {
            steps.awaitFinished(id, Duration.ofSeconds(60));
        }

        JsonNode first = body(call(get(PATH).param("page[size]", "2"), key, null));
        assertThat(first.get("data")).extracting(node -> node.get("id").asString()).containsExactly(ids[0], ids[1]);
        String next = first.at("/links/next").asString();
        JsonNode second = body(call(get(java.net.URI.create(next)), key, null));
        assertThat(second.get("data")).extracting(node -> node.get("id").asString()).containsExactly(ids[2]);
        assertThat(second.at("/links/next").isNull()).isTrue();
        String prev = second.at("/links/prev").asString();
        JsonNode back = body(call(get(java.net.URI.create(prev)), key, null));
        assertThat(back.get("data")).extracting(node -> node.get("id").asString()).containsExactly(ids[0], ids[1]);

        JsonNode newest = body(call(get(PATH).param("sort", "-created_at"), key, null));
        assertThat(newest.get("data")).extracting(node -> node.get("id").asString()).containsExactly(ids[2], ids[1],
                ids[0]);
        JsonNode queued = body(call(get(PATH).param("filter", "equals(status,\"queued\")"), key, null));
        assertThat(queued.get("data")).isEmpty();
        JsonNode complete = body(call(get(PATH).param("filter", "equals(status,\"complete\")"), key, null));
        assertThat(complete.get("data")).hasSize(3);
        assertThat(call(get(PATH).param("sort", "status"), key, null).getResponse().getStatus()).isEqualTo(400);
    }

    private MvcResult call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            String key, String body) throws Exception {
        request.header("Authorization", "Klaviyo-API-Key " + key)
            .header("revision", "2026-07-15")
            .header("Accept", "application/vnd.api+json");
        if (body != null) {
            request.contentType("application/vnd.api+json").content(body);
        }
        return mvc.perform(request).andReturn();
    }

    private JsonNode body(MvcResult result) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isLessThan(300);
        return json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private String pointer(MvcResult result, int status) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        return json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
            .at("/errors/0/source/pointer")
            .asString();
    }

    static String job(String profiles) {
        return """
                {"data": {"type": "profile-bulk-import-job", "attributes": {"profiles": {"data": [%s]}}}}"""
            .formatted(profiles);
    }
}
