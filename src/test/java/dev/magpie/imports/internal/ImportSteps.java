package dev.magpie.imports.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** What a marketer does on the imports pages, step by step, and what the tests read back. */
final class ImportSteps {

    private final MockMvc mvc;

    private final JdbcTemplate jdbc;

    ImportSteps(MockMvc mvc, JdbcTemplate jdbc) {
        this.mvc = mvc;
        this.jdbc = jdbc;
    }

    /** Uploads {@code csv} as {@code fileName}; returns the new job's id. */
    String upload(MockHttpSession session, String fileName, String csv) throws Exception {
        MvcResult uploaded = mvc.perform(multipart("/imports")
            .file(new MockMultipartFile("file", fileName, "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
            .session(session)
            .with(csrf())).andReturn();
        String redirect = uploaded.getResponse().getRedirectedUrl();
        assertThat(redirect).as("upload of " + fileName).matches("/imports/[0-9A-Z]{26}/mapping");
        return redirect.substring("/imports/".length(), redirect.length() - "/mapping".length());
    }

    /**
     * Posts the mapping page with {@code action}; {@code columns} holds per column "TARGET" or
     * "PROPERTY:name:TYPE".
     */
    MvcResult map(MockHttpSession session, String jobId, String action, boolean subscribe, String... columns)
            throws Exception {
        MockHttpServletRequestBuilder request = post("/imports/{id}/mapping", jobId).session(session)
            .with(csrf())
            .param("action", action)
            .param("emailConsent", subscribe ? "subscribe" : "leave");
        for (int i = 0; i < columns.length; i++) {
            String[] parts = columns[i].split(":");
            request.param("columns[%d].target".formatted(i), parts[0]);
            if (parts.length > 1) {
                request.param("columns[%d].property".formatted(i), parts[1]);
                request.param("columns[%d].type".formatted(i), parts[2]);
            }
        }
        return mvc.perform(request).andReturn();
    }

    /** Maps and starts the import; fails unless the page accepts the mapping. */
    void start(MockHttpSession session, String jobId, boolean subscribe, String... columns) throws Exception {
        MvcResult started = map(session, jobId, "start", subscribe, columns);
        assertThat(started.getResponse().getRedirectedUrl()).as("start of " + jobId).isEqualTo("/imports/" + jobId);
    }

    /** Waits until the job has finished, and returns its row. */
    Map<String, Object> awaitFinished(String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> job = job(jobId);
        while (!isFinished(job) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = job(jobId);
        }
        assertThat(isFinished(job)).as("job %s finished within %s: %s", jobId, timeout, job).isTrue();
        return job;
    }

    /** The job's row of import_jobs. */
    Map<String, Object> job(String jobId) {
        return jdbc.queryForMap("SELECT * FROM import_jobs WHERE id = ?", jobId);
    }

    /** The page at {@code path}, as {@code session} sees it; fails unless it is a 200. */
    String page(MockHttpSession session, String path) throws Exception {
        MvcResult result = mvc.perform(get(path).session(session)).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static boolean isFinished(Map<String, Object> job) {
        Object status = job.get("status");
        return "COMPLETE".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }
}
