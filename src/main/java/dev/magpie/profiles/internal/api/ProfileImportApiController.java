package dev.magpie.profiles.internal.api;

import dev.magpie.profiles.internal.ProfileChange;
import dev.magpie.profiles.internal.ProfileUpserter;
import dev.magpie.profiles.internal.UpsertResult;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.ResourceDocument;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Klaviyo's Create or Update Profile: finds the profile by {@code data.id} or by its identifiers (the strongest
 * one that has a profile decides), creates it when there is none (201) or updates it (200). An identifier that
 * belongs to a different profile refuses the request with 409 {@code duplicate_profile}; nothing is changed then.
 */
@RestController
class ProfileImportApiController {

    private final ProfileUpserter upserter;

    private final ProfileRequestReader reader;

    private final ProfileResources resources;

    ProfileImportApiController(ProfileUpserter upserter, ProfileRequestReader reader, ProfileResources resources) {
        this.upserter = upserter;
        this.reader = reader;
        this.resources = resources;
    }

    @PostMapping("/api/profile-import")
    @RequiresScope("profiles:write")
    @RateLimited(RateLimitTier.L)
    ResponseEntity<ResourceDocument<ProfileResourceAttributes>> importProfile(@RequestBody JsonNode body,
            @RequestParam(name = ProfileResources.ADDITIONAL_FIELDS, required = false) String additionalFields) {
        boolean subscriptions = ProfileResources.withSubscriptions(additionalFields);
        ProfileChange change = reader.read(body, ProfileRequestReader.Purpose.IMPORT, null);
        UpsertResult result = ProfileWrites.write(upserter, TenantContext.requireAccountId(), change,
                ProfileUpserter.Mode.STRICT);
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
            .body(ResourceDocument.of(resources.resource(TenantContext.requireAccountId(), result.profile(),
                    subscriptions)));
    }
}
