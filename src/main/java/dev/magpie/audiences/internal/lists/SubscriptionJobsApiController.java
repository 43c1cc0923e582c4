package dev.magpie.audiences.internal.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.audiences.Subscription;
import dev.magpie.audiences.internal.lists.SubscriptionRequests.Item;
import dev.magpie.audiences.internal.lists.SubscriptionRequests.Request;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Klaviyo's Bulk Subscribe Profiles and Bulk Unsubscribe Profiles: up to 1,000 profiles by email, phone number or
 * id, optionally to or from one list. The request is checked whole first (400 naming the first bad spot, nothing
 * stored); then each profile is subscribed (consent recorded; on a double opt-in list the email channel waits for
 * the confirmation link) or unsubscribed (consent withdrawn, off the list), all before the 202 that Klaviyo answers.
 */
@RestController
class SubscriptionJobsApiController {

    /** The consent method recorded for subscriptions through this API. */
    static final String METHOD = "API";

    private static final String DEFAULT_SOURCE = "Magpie API";

    private final ListCatalog catalog;

    private final ListSubscriptions subscriptions;

    private final Profiles profiles;

    SubscriptionJobsApiController(ListCatalog catalog, ListSubscriptions subscriptions, Profiles profiles) {
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.profiles = profiles;
    }

    @PostMapping("/api/profile-subscription-bulk-create-jobs")
    @RequiresScope({ "lists:write", "profiles:write", "subscriptions:write" })
    @RateLimited(RateLimitTier.L)
    ResponseEntity<Void> subscribe(@RequestBody JsonNode body) {
        String accountId = TenantContext.requireAccountId();
        Request request = SubscriptionRequests.read(body, true);
        Optional<ListDefinition> list = list(accountId, request);
        List<Resolved> resolved = resolve(accountId, request);
        String source = request.source() == null ? DEFAULT_SOURCE : request.source();
        for (Resolved one : resolved) {
            try {
                subscriptions.subscribe(accountId, list, new Subscription(ProfileAttributes.of(one.identifiers()),
                        one.item().emailChannel(), one.item().smsChannel(), METHOD, source), one.item().consentedAt());
            }
            catch (InvalidProfileException invalid) {
                throw ApiException.invalidInput(one.item().pointer() + "/attributes/" + invalid.field(),
                        invalid.getMessage());
            }
        }
        return ResponseEntity.accepted().build();
    }

    @PostMapping({ "/api/profile-subscription-bulk-delete-jobs", "/api/profile-unsubscription-bulk-create-jobs" })
    @RequiresScope({ "lists:write", "profiles:write", "subscriptions:write" })
    @RateLimited(RateLimitTier.L)
    ResponseEntity<Void> unsubscribe(@RequestBody JsonNode body) {
        String accountId = TenantContext.requireAccountId();
        Request request = SubscriptionRequests.read(body, false);
        Optional<ListDefinition> list = list(accountId, request);
        List<Resolved> resolved = resolve(accountId, request);
        String source = request.source() == null ? DEFAULT_SOURCE : request.source();
        for (Resolved one : resolved) {
            subscriptions.unsubscribe(accountId, list, one.identifiers(), one.item().emailChannel(),
                    one.item().smsChannel(), METHOD, source);
        }
        return ResponseEntity.accepted().build();
    }

    private Optional<ListDefinition> list(String accountId, Request request) {
        if (request.listId().isEmpty()) {
            return Optional.empty();
        }
        // Another account's list is as unknown here as one that never existed
        return Optional.of(catalog.find(accountId, request.listId().get())
            .orElseThrow(() -> ApiException.invalidInput("/data/relationships/list/data/id",
                    "There is no list with id '%s'.".formatted(ListResources.shorten(request.listId().get())))));
    }

    /**
     * Each item's identifiers; a profile named by id must exist and every identifier must be one the profiles
     * module accepts (checked for all before any is changed, so a bad item stores nothing).
     */
    private List<Resolved> resolve(String accountId, Request request) {
        List<Resolved> resolved = new ArrayList<>();
        for (Item item : request.items()) {
            String email = item.email();
            String phone = item.phoneNumber();
            String externalId = null;
            if (item.profileId() != null) {
                Profile profile = profiles.find(accountId, item.profileId())
                    .orElseThrow(() -> ApiException.invalidInput(item.pointer() + "/id",
                            "There is no profile with id '%s'.".formatted(ListResources.shorten(item.profileId()))));
                externalId = profile.externalId();
                email = email == null ? profile.email() : email;
                phone = phone == null ? profile.phoneNumber() : phone;
                if (externalId == null && email == null && phone == null) {
                    throw ApiException.invalidInput(item.pointer() + "/attributes",
                            "This profile has no email or phone number to subscribe.");
                }
            }
            Identifiers identifiers = new Identifiers(email, phone, externalId, null);
            try {
                profiles.check(identifiers);
            }
            catch (InvalidProfileException invalid) {
                throw ApiException.invalidInput(item.pointer() + "/attributes/" + invalid.field(), invalid.getMessage());
            }
            resolved.add(new Resolved(item, identifiers));
        }
        return resolved;
    }

    private record Resolved(Item item, Identifiers identifiers) {
    }
}
