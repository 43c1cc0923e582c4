package dev.magpie.activity.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;

import dev.magpie.shared.Ids;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores with API keys for the activity API tests, and an HTTP client that calls the API as Klaviyo's SDKs do.
 * Accounts and keys are written as the tenancy module stores them (a key is kept as its SHA-256), which keeps
 * these tests independent of the sign-up and key pages.
 */
final class ApiStores {

    static final String REVISION = "2026-07-15";

    private static final SecureRandom random = new SecureRandom();

    private final JdbcTemplate jdbc;

    private final JsonMapper json;

    private final int port;

    private final HttpClient http = HttpClient.newHttpClient();

    ApiStores(JdbcTemplate jdbc, JsonMapper json, int port) {
        this.jdbc = jdbc;
        this.json = json;
        this.port = port;
    }

    /** A new account. */
    Store open(String name) {
        String id = Ids.newId();
        String publicKey = HexFormat.of().formatHex(bytes(3));
        jdbc.update("INSERT INTO accounts (id, name, public_api_key, timezone, currency, locale, status, created_at) "
                + "VALUES (?, ?, ?, 'UTC', 'USD', 'en-US', 'ACTIVE', ?)", id, name, publicKey, Timestamp.from(Instant.now()));
        return new Store(id, name);
    }

    /** A new private key of {@code store} with {@code scopes} (such as {@code events:write}). */
    String key(Store store, String... scopes) {
        String raw = "pk_" + HexFormat.of().formatHex(bytes(20));
        jdbc.update("INSERT INTO api_keys (id, account_id, name, display_hint, key_hash, scopes, created_at) "
                + "VALUES (?, ?, 'Test key', ?, ?, ?, ?)", Ids.newId(), store.accountId(), raw.substring(0, 7),
                sha256(raw), Arrays.stream(scopes).sorted().collect(Collectors.joining(" ")),
                Timestamp.from(Instant.now()));
        return raw;
    }

    HttpResponse<String> get(String key, String path) {
        return send(request(key, path).GET().build());
    }

    HttpResponse<String> post(String key, String path, String body) {
        return send(request(key, path).header("Content-Type", "application/vnd.api+json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    /** The one error of an error response. */
    JsonNode error(HttpResponse<String> response) {
        JsonNode errors = json.readTree(response.body()).at("/errors");
        if (errors.size() != 1) {
            throw new AssertionError("Expected one error in " + response.body());
        }
        return errors.get(0);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    private HttpRequest.Builder request(String key, String path) {
        return HttpRequest.newBuilder(URI.create(url(path)))
            .header("Authorization", "Klaviyo-API-Key " + key)
            .header("revision", REVISION)
            .header("Accept", "application/vnd.api+json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception failed) {
            throw new IllegalStateException("Calling " + request.uri() + " failed", failed);
        }
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** An account. */
    record Store(String accountId, String name) {
    }
}
