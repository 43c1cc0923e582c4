package dev.magpie.imports.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large CSV file, generated on the fly, uploaded over real HTTP and imported as the application streams it:
 * the upload goes to disk, the rows are read and upserted batch by batch. 30,000 rows by default, about half a minute
 * on two cores; {@code -Dmagpie.imports.test-rows=1000000} measures a million (see docs/performance.md). Prints
 * the rate and the most heap the JVM used meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LargeCsvImportTests {

    private static final int ROWS = Integer.getInteger("magpie.imports.test-rows", 30_000);

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Profiles profiles;

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void aLargeFileIsStreamedFromUploadToProfiles() throws Exception {
        String domain = "big-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Path csv = generate(directory.resolve("customers.csv"), ROWS, domain);
        signUp();

        resetPeakHeap();
        long started = System.nanoTime();
        String mappingPath = upload(csv);
        String jobId = mappingPath.split("/")[2];
        long uploaded = System.nanoTime();
        form(mappingPath, "action=start&emailConsent=leave&columns%5B0%5D.target=EMAIL"
                + "&columns%5B1%5D.target=FIRST_NAME&columns%5B2%5D.target=LAST_NAME&columns%5B3%5D.target=CITY"
                + "&columns%5B4%5D.target=PROPERTY&columns%5B4%5D.property=orders&columns%5B4%5D.type=NUMBER");
        Map<String, Object> job = new ImportSteps(null, jdbc).awaitFinished(jobId,
                Duration.ofSeconds(Math.max(300, ROWS / 100)));
        long finished = System.nanoTime();

        assertThat(job).containsEntry("status", "COMPLETE")
            .containsEntry("total_count", ROWS)
            .containsEntry("created_count", ROWS)
            .containsEntry("failed_count", 0);
        String accountId = (String) job.get("account_id");
        assertThat(profiles.findBy(accountId, IdentifierKind.EMAIL, "p" + (ROWS - 1) + "@" + domain)).isPresent();
        double seconds = (finished - uploaded) / 1e9;
        System.out.printf("CSV import: %,d rows (%,d MB) uploaded in %.1f s, imported in %.1f s: %,.0f rows/s; "
                + "peak heap %,d MB%n", ROWS, Files.size(csv) / (1024 * 1024), (uploaded - started) / 1e9, seconds,
                ROWS / seconds, peakHeap() / (1024 * 1024));
    }

    private static Path generate(Path file, int rows, String domain) throws IOException {
        String[] cities = { "London", "Paris", "Berlin", "Oslo", "Lisbon", "Austin", "Denver", "Kyoto" };
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("Email,First Name,Last Name,City,Orders\n");
            for (int i = 0; i < rows; i++) {
                out.write("p" + i + "@" + domain + ",First" + i + ",Last" + (i % 977) + "," + cities[i % cities.length]
                        + "," + (i % 50) + "\n");
            }
        }
        return file;
    }

    private void signUp() throws Exception {
        String csrf = csrf(get("/signup"));
        HttpResponse<String> signedUp = post("/signup", "application/x-www-form-urlencoded",
                BodyPublishers.ofString("_csrf=" + csrf + "&accountName=Big+Store&name=Big+Owner&email="
                        + URLEncoder.encode("big-" + UUID.randomUUID() + "@store.example", StandardCharsets.UTF_8)
                        + "&password=store-password-1"));
        assertThat(signedUp.statusCode()).isEqualTo(302);
    }

    /** Uploads the file as a browser does, streaming it from disk; returns where the page redirects. */
    private String upload(Path csv) throws Exception {
        String csrf = csrf(get("/imports/new"));
        String boundary = "----magpie" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"customers.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> uploaded = post("/imports", "multipart/form-data; boundary=" + boundary,
                BodyPublishers.concat(BodyPublishers.ofString(head), BodyPublishers.ofFile(csv),
                        BodyPublishers.ofString(tail)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
        String location = uploaded.headers().firstValue("Location").orElseThrow();
        return URI.create(location).getPath();
    }

    private void form(String path, String fields) throws Exception {
        String csrf = csrf(get(path));
        HttpResponse<String> posted = post(path, "application/x-www-form-urlencoded",
                BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&" + fields));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        return page.body();
    }

    private HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
            .POST(body)
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
        return matcher.group(1);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void resetPeakHeap() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return heapPools().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static java.util.stream.Stream<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP);
    }
}
