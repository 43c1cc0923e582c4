package dev.magpie.profiles.internal.api;

import dev.magpie.profiles.internal.ProfileChange;
import dev.magpie.profiles.internal.ProfileRows;
import dev.magpie.profiles.internal.ProfileUpserter;
import dev.magpie.profiles.internal.StoredProfile;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.CollectionDocument;
import dev.magpie.web.api.CursorPageRequest;
import dev.magpie.web.api.PageLinks;
import dev.magpie.web.api.Paged;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.ResourceDocument;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Klaviyo's Profiles API: Get Profiles, Create Profile, Get Profile and Update Profile. A profile id of another
 * account, like an unknown one, is a 404; a merged-away id shows (and updates) the profile it was merged into.
 */
@RestController
@RequestMapping("/api/profiles")
class ProfilesApiController {

    static final String TYPE = "profile";

    private final ProfileRows rows;

    private final ProfileUpserter upserter;

    private final ProfileRequestReader reader;

    private final ProfileQuery query;

    private final ProfileResources resources;

    ProfilesApiController(ProfileRows rows, ProfileUpserter upserter, ProfileRequestReader reader,
            ProfileQuery query, ProfileResources resources) {
        this.rows = rows;
        this.upserter = upserter;
        this.reader = reader;
        this.query = query;
        this.resources = resources;
    }

    @GetMapping
    @RequiresScope("profiles:read")
    @RateLimited(RateLimitTier.L)
    CollectionDocument<ProfileResourceAttributes> profiles(@RequestParam(required = false) String filter,
            @RequestParam(required = false) String sort,
            @RequestParam(name = ProfileResources.ADDITIONAL_FIELDS, required = false) String additionalFields,
            @Paged(defaultSize = 20, maxSize = 100) CursorPageRequest page, HttpServletRequest request) {
        boolean subscriptions = ProfileResources.withSubscriptions(additionalFields);
        String accountId = TenantContext.requireAccountId();
        ProfileQuery.Page found = query.find(accountId, filter, sort, page);
        return CollectionDocument.of(resources.resources(accountId, found.profiles(), subscriptions),
                PageLinks.of(request, found.next(), found.prev()));
    }

    @PostMapping
    @RequiresScope("profiles:write")
    @RateLimited(RateLimitTier.L)
    ResponseEntity<ResourceDocument<ProfileResourceAttributes>> create(@RequestBody JsonNode body,
            @RequestParam(name = ProfileResources.ADDITIONAL_FIELDS, required = false) String additionalFields) {
        boolean subscriptions = ProfileResources.withSubscriptions(additionalFields);
        ProfileChange change = reader.read(body, ProfileRequestReader.Purpose.CREATE, null);
        StoredProfile profile = write(change, ProfileUpserter.Mode.CREATE);
        return ResponseEntity.status(HttpStatus.CREATED)
            .body(ResourceDocument.of(resources.resource(TenantContext.requireAccountId(), profile, subscriptions)));
    }

    @GetMapping("/{id}")
    @RequiresScope("profiles:read")
    @RateLimited(RateLimitTier.L)
    ResourceDocument<ProfileResourceAttributes> profile(@PathVariable String id,
            @RequestParam(name = ProfileResources.ADDITIONAL_FIELDS, required = false) String additionalFields) {
        boolean subscriptions = ProfileResources.withSubscriptions(additionalFields);
        StoredProfile profile = rows.findLive(TenantContext.requireAccountId(), id)
            .orElseThrow(() -> ProfileApiErrors.notFound(id));
        return ResourceDocument.of(resources.resource(TenantContext.requireAccountId(), profile, subscriptions));
    }

    @PatchMapping("/{id}")
    @RequiresScope("profiles:write")
    @RateLimited(RateLimitTier.L)
    ResourceDocument<ProfileResourceAttributes> update(@PathVariable String id, @RequestBody JsonNode body,
            @RequestParam(name = ProfileResources.ADDITIONAL_FIELDS, required = false) String additionalFields) {
        boolean subscriptions = ProfileResources.withSubscriptions(additionalFields);
        ProfileChange change = reader.read(body, ProfileRequestReader.Purpose.UPDATE, id);
        return ResourceDocument.of(resources.resource(TenantContext.requireAccountId(),
                write(change, ProfileUpserter.Mode.STRICT), subscriptions));
    }

    private StoredProfile write(ProfileChange change, ProfileUpserter.Mode mode) {
        return ProfileWrites.write(upserter, TenantContext.requireAccountId(), change, mode).profile();
    }
}
