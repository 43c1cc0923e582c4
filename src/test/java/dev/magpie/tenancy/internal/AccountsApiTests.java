package dev.magpie.tenancy.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.magpie.tenancy.ApiScope;
import dev.magpie.tenancy.TenantTransactions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Klaviyo's "Get Accounts" and "Get Account" against the real engines, called the way Klaviyo's SDKs call
 * them: a key created for an account sees that account, and nothing of any other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountsApiTests {

    private static final String REVISION = "2025-01-15";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    AccountRegistrar registrar;

    @Autowired
    ApiKeyIssuer keys;

    @Autowired
    TenantTransactions transactions;

    @Autowired
    JsonMapper json;

    @Test
    void aKeyGetsItsOwnAccountAsKlaviyosSdksExpectIt() throws Exception {
        Store store = signUp("Acme Outdoor");

        HttpResponse<String> response = call("/api/accounts/", key(store, "accounts:read"), REVISION);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.api+json");
        assertThat(response.headers().firstValue("RateLimit-Limit")).contains("15");
        JsonNode body = json.readTree(response.body());
        assertThat(body.at("/data")).hasSize(1);
        JsonNode account = body.at("/data/0");
        assertThat(account.at("/type").asString()).isEqualTo("account");
        assertThat(account.at("/id").asString()).isEqualTo(store.accountId());
        assertThat(account.at("/links/self").asString()).isEqualTo(url("/api/accounts/" + store.accountId() + "/"));
        JsonNode attributes = account.at("/attributes");
        assertThat(attributes.at("/test_account").asBoolean()).isFalse();
        assertThat(attributes.at("/contact_information/organization_name").asString()).isEqualTo("Acme Outdoor");
        assertThat(attributes.at("/contact_information/street_address/city").isString()).isTrue();
        assertThat(attributes.at("/timezone").asString()).isNotBlank();
        assertThat(attributes.at("/preferred_currency").asString()).hasSize(3);
        assertThat(attributes.at("/public_api_key").asString()).hasSize(6);
        assertThat(attributes.at("/locale").asString()).isEqualTo("en-US");
        assertThat(body.at("/links/self").asString()).isEqualTo(url("/api/accounts"));
    }

    @Test
    void aKeyGetsItsAccountById() throws Exception {
        Store store = signUp("Birch & Co");

        HttpResponse<String> response = call("/api/accounts/" + store.accountId(), key(store, "accounts:read"),
                REVISION);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).at("/data/id").asString()).isEqualTo(store.accountId());
    }

    @Test
    void aKeyCannotSeeAnotherAccount() throws Exception {
        Store a = signUp("Alder Goods");
        Store b = signUp("Beech Supplies");

        HttpResponse<String> response = call("/api/accounts/" + b.accountId(), key(a, "accounts:read"), REVISION);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.api+json");
        assertThat(error(response).at("/code").asString()).isEqualTo("not_found");
        assertThat(response.body()).doesNotContain("Beech");
    }

    @Test
    void aWrongKeyGetsAJsonApi401() throws Exception {
        HttpResponse<String> response = call("/api/accounts", "pk_" + "x".repeat(40), REVISION);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.api+json");
        JsonNode error = error(response);
        assertThat(error.at("/status").asInt()).isEqualTo(401);
        assertThat(error.at("/code").asString()).isEqualTo("not_authenticated");
        assertThat(error.at("/detail").asString()).isEqualTo("Incorrect authentication credentials.");
        assertThat(error.at("/id").asString()).isNotBlank();
    }

    @Test
    void aRevokedKeyStopsWorking() throws Exception {
        Store store = signUp("Cedar Books");
        ApiKeyIssuer.IssuedKey issued = issue(store, "accounts:read");
        transactions.inAccount(store.accountId(), () -> keys.revoke(issued.id()));

        assertThat(call("/api/accounts", issued.rawKey(), REVISION).statusCode()).isEqualTo(401);
    }

    @Test
    void aKeyWithoutTheAccountsScopeIsDenied() throws Exception {
        Store store = signUp("Dogwood Tea");

        HttpResponse<String> response = call("/api/accounts", key(store, "profiles:write"), REVISION);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response).at("/code").asString()).isEqualTo("permission_denied");
    }

    @Test
    void aMissingRevisionIsA400() throws Exception {
        Store store = signUp("Elm Street Shoes");

        HttpResponse<String> response = call("/api/accounts", key(store, "accounts:read"), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).at("/source/parameter").asString()).isEqualTo("revision");
    }

    @Test
    void sparseFieldsetsTrimTheAttributes() throws Exception {
        Store store = signUp("Fir Furniture");
        String fields = URLEncoder.encode("fields[account]", StandardCharsets.UTF_8) + "="
                + URLEncoder.encode("timezone,contact_information.organization_name", StandardCharsets.UTF_8);

        HttpResponse<String> response = call("/api/accounts?" + fields, key(store, "accounts:read"), REVISION);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode attributes = json.readTree(response.body()).at("/data/0/attributes");
        assertThat(attributes.propertyNames()).containsExactlyInAnyOrder("timezone", "contact_information");
        assertThat(attributes.at("/contact_information").propertyNames()).containsExactly("organization_name");
    }

    @Test
    void theSecondCallInOneSecondIsThrottledAsKlaviyosXsTier() throws Exception {
        Store store = signUp("Gum Tree Toys");
        String key = key(store, "accounts:read");

        HttpResponse<String> first = call("/api/accounts", key, REVISION);
        HttpResponse<String> second = call("/api/accounts", key, REVISION);

        // Both calls land in the same one-second window unless the first straddles its end.
        assertThat(first.statusCode()).isEqualTo(200);
        if (second.statusCode() != 200) {
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(error(second).at("/code").asString()).isEqualTo("throttled");
        }
    }

    private Store signUp(String accountName) {
        AccountRegistrar.Registration registration = registrar.signUp(accountName, "Owner of " + accountName,
                "owner-" + UUID.randomUUID() + "@store.example", "correct horse battery");
        return new Store(registration.accountId(), registration.ownerUserId());
    }

    private HttpResponse<String> call(String path, String key, String revision) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
            .header("Authorization", "Klaviyo-API-Key " + key)
            .header("Accept", "application/json")
            .GET();
        if (revision != null) {
            request.header("revision", revision);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode error(HttpResponse<String> response) {
        JsonNode errors = json.readTree(response.body()).at("/errors");
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private record Store(String accountId, String ownerUserId) {
    }

    private String key(Store store, String scope) {
        return issue(store, scope).rawKey();
    }

    private ApiKeyIssuer.IssuedKey issue(Store store, String scope) {
        return transactions.inAccount(store.accountId(), () -> keys.issue("Test key",
                List.of(ApiScope.parse(scope).orElseThrow()), store.ownerUserId()));
    }
}
