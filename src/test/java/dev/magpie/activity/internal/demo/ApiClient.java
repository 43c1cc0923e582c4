package dev.magpie.activity.internal.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a running Magpie's API with a private key, as a Klaviyo client would. A 429 is waited out
 * ({@code Retry-After}) and sent again, as Klaviyo's SDKs do, and counted; any other failure is counted.
 */
final class ApiClient {

    private static final String REVISION = "2026-07-15";

    private final HttpClient http;

    private final URI base;

    private final String key;

    private final JsonMapper json = JsonMapper.builder().build();

    final AtomicLong throttled = new AtomicLong();

    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    ApiClient(URI base, String key, int connections) {
        this.base = base;
        this.key = key;
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newFixedThreadPool(Math.max(2, connections / 4)))
            .build();
    }

    /**
     * POSTs {@code body}, waiting out any 429s; when the API accepts it (2xx), the {@code Location} it names (or
     * an empty string), otherwise {@code null}.
     */
    String post(String path, byte[] body, Latencies latencies) throws InterruptedException {
        HttpRequest request = request(path).header("Content-Type", "application/vnd.api+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        while (true) {
            long started = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            catch (IOException failed) {
                fail(failed.getClass().getSimpleName());
                return null;
            }
            if (response.statusCode() == 429) {
                throttled.incrementAndGet();
                long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(1000 * Math.max(1, wait));
                continue;
            }
            latencies.add(System.nanoTime() - started);
            if (response.statusCode() / 100 == 2) {
                return response.headers().firstValue("Location").orElse("");
            }
            fail(response.statusCode() + " " + abbreviate(response.body()).replaceAll("\"id\":\"[^\"]*\",", ""));
            return null;
        }
    }

    /** GETs a JSON document; fails loudly, since the tool cannot report without it. */
    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET().build());
    }

    /** POSTs a JSON document and returns the answer; fails loudly. */
    JsonNode postForDocument(String path, Object document) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/vnd.api+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(document)))
            .build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        for (int attempt = 1;; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            // Counting reads a lot at once: a busy node may time out, and the next try usually succeeds
            if (response.statusCode() >= 500 && attempt < 5) {
                Thread.sleep(2_000L * attempt);
                continue;
            }
            if (response.statusCode() == 429) {
                Thread.sleep(1000 * Math.max(1, response.headers().firstValueAsLong("Retry-After").orElse(1)));
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + abbreviate(response.body()));
            }
            return json.readTree(response.body());
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Klaviyo-API-Key " + key)
            .header("revision", REVISION)
            .header("Accept", "application/vnd.api+json");
    }

    /** The failures counted since the last call, by status and answer; empties the count. */
    synchronized Map<String, Long> drainFailures() {
        Map<String, Long> drained = new java.util.TreeMap<>();
        failures.forEach((why, count) -> drained.put(why, count.get()));
        failures.clear();
        return drained;
    }

    private void fail(String why) {
        failures.computeIfAbsent(why, reason -> new AtomicLong()).incrementAndGet();
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
