package dev.magpie.integrations.storefront;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.audiences.Subscription;
import dev.magpie.audiences.UnknownListException;
import dev.magpie.integrations.internal.Feed;
import dev.magpie.integrations.internal.FeedMapper;
import dev.magpie.integrations.internal.Intake;
import dev.magpie.integrations.internal.IntegrationsProperties;
import dev.magpie.integrations.internal.Json;
import dev.magpie.integrations.internal.PayloadException;
import dev.magpie.integrations.internal.RequestBodies;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.RateLimit;
import dev.magpie.web.api.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Klaviyo's client (browser) API: Create Client Event ({@code POST /client/events}), Create Client Profile
 * ({@code POST /client/profiles}) and Create Client Subscription ({@code POST /client/subscriptions}), called from
 * storefronts with the account's public site key in {@code company_id}. The key only lets a browser add data, never
 * read it. Bodies are checked at once (400 naming the field), then queued (a subscription is made at once); the
 * answer is 202 with no body, as Klaviyo's. Calls are rate-limited per site key.
 */
@RestController
class ClientApiController {

    /** The consent method recorded for subscriptions from a storefront. */
    static final String CONSENT_METHOD = "storefront";

    private final AccountDirectory accounts;

    private final Intake intake;

    private final RateLimiter limiter;

    private final IntegrationsProperties properties;

    private final JsonMapper json;

    private final Clock clock;

    private final ListDirectory lists;

    ClientApiController(AccountDirectory accounts, Intake intake, RateLimiter limiter,
            IntegrationsProperties properties, JsonMapper json, Clock clock, ListDirectory lists) {
        this.accounts = accounts;
        this.intake = intake;
        this.limiter = limiter;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.lists = lists;
    }

    @PostMapping("/client/events")
    ResponseEntity<Void> createEvent(@RequestParam(name = "company_id", required = false) String companyId,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        AccountView account = site(companyId, "POST /client/events", response);
        byte[] body = RequestBodies.read(request, properties.maxClientRequestSize().toBytes());
        ClientPayloads.event(Json.parse(json, body), clock.instant());
        intake.accept(account.id(), Feed.CLIENT_EVENT, new String(body, StandardCharsets.UTF_8));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/client/profiles")
    ResponseEntity<Void> createProfile(@RequestParam(name = "company_id", required = false) String companyId,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        AccountView account = site(companyId, "POST /client/profiles", response);
        byte[] body = RequestBodies.read(request, properties.maxClientRequestSize().toBytes());
        ClientPayloads.profile(Json.parse(json, body));
        intake.accept(account.id(), Feed.CLIENT_PROFILE, new String(body, StandardCharsets.UTF_8));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/client/subscriptions")
    ResponseEntity<Void> createSubscription(@RequestParam(name = "company_id", required = false) String companyId,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        AccountView account = site(companyId, "POST /client/subscriptions", response);
        byte[] body = RequestBodies.read(request, properties.maxClientRequestSize().toBytes());
        ClientPayloads.ClientSubscription subscription = ClientPayloads.subscription(Json.parse(json, body));
        // Subscribed at once, not queued: the browser is told now if the list is not there, and a double opt-in
        // email goes out while the shopper is still looking for it
        try {
            lists.subscribe(account.id(), subscription.listId(), new Subscription(subscription.profile(),
                    subscription.email(), subscription.sms(), CONSENT_METHOD, subscription.source()));
        }
        catch (UnknownListException unknown) {
            throw new PayloadException("/data/relationships/list/data/id", unknown.getMessage());
        }
        catch (InvalidProfileException invalid) {
            throw new PayloadException("/data/attributes/profile/data/attributes/" + invalid.field(),
                    invalid.getMessage());
        }
        return ResponseEntity.accepted().build();
    }

    /** The active account whose site key {@code companyId} is, once the call is within its rate limit. */
    private AccountView site(String companyId, String endpoint, HttpServletResponse response) {
        if (companyId == null || companyId.isBlank()) {
            throw ApiException.invalidParameter("company_id",
                    "The company_id parameter is required: your public site key.");
        }
        AccountView account = accounts.findByPublicApiKey(companyId.trim())
            .filter(found -> !found.suspended())
            .orElseThrow(() -> ApiException.invalidParameter("company_id",
                    "company_id is not the public site key of any account."));
        RateLimit limit = limiter.consume("site:" + account.publicApiKey(), endpoint, properties.clientRateLimit());
        if (!limit.allowed()) {
            throw ApiException.throttled(limit.retryAfterSeconds());
        }
        response.setHeader("RateLimit-Limit", Integer.toString(limit.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(limit.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(limit.resetSeconds()));
        return account;
    }

    /** The consumers' readers of what this API queued. */
    @Configuration(proxyBeanMethods = false)
    static class Mappers {

        @Bean
        FeedMapper clientEventMapper(JsonMapper json) {
            return new ClientPayloads.EventMapper(json);
        }

        @Bean
        FeedMapper clientProfileMapper(JsonMapper json) {
            return new ClientPayloads.ProfileMapper(json);
        }
    }
}
