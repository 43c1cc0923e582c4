package dev.magpie.imports.internal;

import java.time.Duration;
import java.util.List;

import dev.magpie.imports.internal.Stores.Store;
import dev.magpie.tenancy.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Who may do what with imports: managers and above import, analysts only look, and nobody — by session or by
 * API key — reaches another account's imports, whatever ids they hold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ImportsAccessTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder passwords;

    Stores stores;

    ImportSteps steps;

    @BeforeEach
    void setUp() {
        stores = new Stores(mvc, jdbc, passwords);
        steps = new ImportSteps(mvc, jdbc);
    }

    @Test
    void managersImportAndAnalystsOnlySeeTheImports() throws Exception {
        Store store = stores.open("Juniper Jams");
        MockHttpSession manager = stores.member(store, Role.MANAGER);
        MockHttpSession analyst = stores.member(store, Role.ANALYST);
        String jobId = steps.upload(manager, "jams.csv", "email\nj@juniper.example\n");
        steps.start(manager, jobId, false, "EMAIL");
        steps.awaitFinished(jobId, Duration.ofSeconds(60));

        assertThat(steps.page(analyst, "/imports")).contains("jams.csv").doesNotContain("id=\"new-import\"");
        assertThat(steps.page(analyst, "/imports/" + jobId)).contains("jams.csv").doesNotContain("cancel-import");
        assertThat(status(analyst, get("/imports/new"))).isEqualTo(403);
        assertThat(status(analyst, multipart("/imports").file(file()))).isEqualTo(403);
        assertThat(status(analyst, post("/imports/{id}/cancel", jobId))).isEqualTo(403);
        assertThat(steps.page(manager, "/imports")).contains("id=\"new-import\"");
    }

    @Test
    void aStoreSeesNoneOfAnotherStoresImportsByPageOrById() throws Exception {
        Store a = stores.open("Acacia A");
        Store b = stores.open("Bluebell B");
        MockHttpSession aManager = stores.member(a, Role.MANAGER);
        String bDraft = steps.upload(b.owner(), "bluebell-draft.csv", "email\nd@bluebell.example\n");
        String bJob = steps.upload(b.owner(), "bluebell-secret.csv", "email\ns@bluebell.example\n");
        steps.start(b.owner(), bJob, false, "EMAIL");
        steps.awaitFinished(bJob, Duration.ofSeconds(60));

        assertThat(steps.page(aManager, "/imports")).doesNotContain("bluebell", bJob, bDraft);
        List<MockHttpServletRequestBuilder> attacks = List.of(get("/imports/{id}", bJob),
                get("/imports/{id}/progress", bJob), get("/imports/{id}/errors.csv", bJob),
                get("/imports/{id}/mapping", bDraft), post("/imports/{id}/mapping", bDraft).param("action", "start")
                    .param("columns[0].target", "EMAIL"),
                post("/imports/{id}/cancel", bDraft), post("/imports/{id}/cancel", bJob));
        for (MockHttpServletRequestBuilder attack : attacks) {
            assertThat(status(aManager, attack)).as(attack.toString()).isEqualTo(404);
        }
        assertThat(steps.job(bDraft)).containsEntry("status", "DRAFT");
        assertThat(steps.job(bJob)).containsEntry("status", "COMPLETE");
    }

    @Test
    void anApiKeyReachesNoneOfAnotherStoresJobs() throws Exception {
        Store a = stores.open("Alder A");
        Store b = stores.open("Birch B");
        String aKey = stores.apiKey(a, "write");
        String bKey = stores.apiKey(b, "write");
        String bJob = apiJob(bKey);

        for (String path : List.of("/api/profile-bulk-import-jobs/" + bJob,
                "/api/profile-bulk-import-jobs/" + bJob + "/import-errors")) {
            assertThat(mvc.perform(api(get(path), aKey)).andReturn().getResponse().getStatus()).as(path)
                .isEqualTo(404);
        }
        assertThat(mvc.perform(api(get("/api/profile-bulk-import-jobs"), aKey))
            .andReturn()
            .getResponse()
            .getContentAsString()).doesNotContain(bJob);
        assertThat(mvc.perform(api(get("/api/profile-bulk-import-jobs"), bKey))
            .andReturn()
            .getResponse()
            .getContentAsString()).contains(bJob);
    }

    private String apiJob(String key) throws Exception {
        String body = mvc.perform(api(post("/api/profile-bulk-import-jobs"), key)
            .contentType("application/vnd.api+json")
            .content(ProfileBulkImportJobsApiTests
                .job("{\"type\": \"profile\", \"attributes\": {\"email\": \"k@birch.example\"}}")))
            .andReturn()
            .getResponse()
            .getContentAsString();
        return body.replaceAll("(?s).*\"id\":\"([0-9A-Z]{26})\".*", "$1");
    }

    private static MockHttpServletRequestBuilder api(MockHttpServletRequestBuilder request, String key) {
        return request.header("Authorization", "Klaviyo-API-Key " + key).header("revision", "2026-07-15");
    }

    private int status(MockHttpSession session, AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.session(session).with(csrf())).andReturn().getResponse().getStatus();
    }

    private static MockMultipartFile file() {
        return new MockMultipartFile("file", "x.csv", "text/csv", "email\nx@example.com\n".getBytes());
    }
}
