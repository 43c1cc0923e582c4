package dev.magpie.profiles.internal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.magpie.profiles.internal.ProfileMerger;
import dev.magpie.profiles.internal.ProfileNotFoundException;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceDocument;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Klaviyo's Merge Profiles: {@code data.id} is the profile that stays, {@code data.relationships.profiles.data}
 * the profiles merged into it (Klaviyo takes one; Magpie takes up to {@value #MAX_SOURCES}). The merge is done
 * by the time the 201 is sent; the moved timeline follows shortly after.
 */
@RestController
class ProfileMergeApiController {

    static final String TYPE = "profile-merge";

    static final int MAX_SOURCES = 10;

    private final ProfileMerger merger;

    ProfileMergeApiController(ProfileMerger merger) {
        this.merger = merger;
    }

    @PostMapping("/api/profile-merge")
    @RequiresScope("profiles:write")
    @RateLimited(RateLimitTier.M)
    ResponseEntity<ResourceDocument<Map<String, Object>>> merge(@RequestBody JsonNode body) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.invalidInput("/data", "The request body must hold a profile-merge resource in 'data'.");
        }
        JsonNode type = data.get("type");
        if (type == null || !type.isString() || !TYPE.equals(type.asString())) {
            throw ApiException.invalidInput("/data/type", "'type' must be 'profile-merge'.");
        }
        String survivorId = id(data.get("id"), "/data/id");
        List<String> sources = sources(data.path("relationships").path("profiles").path("data"));
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).equals(survivorId)) {
                throw ApiException.invalidInput("/data/relationships/profiles/data/" + i + "/id",
                        "A profile cannot be merged into itself.");
            }
        }
        ProfileMerger.Merge merge;
        try {
            merge = merger.mergeProfiles(TenantContext.requireAccountId(), survivorId, sources);
        }
        catch (ProfileNotFoundException notFound) {
            throw ProfileApiErrors.notFound(notFound.profileId());
        }
        catch (IllegalArgumentException itself) {
            // a source that was merged into the survivor's own chain, seen only once resolved
            throw ApiException.invalidInput("/data/relationships/profiles/data", "A profile cannot be merged into itself.");
        }
        String id = merge.survivor().id();
        return ResponseEntity.status(HttpStatus.CREATED).body(ResourceDocument
            .of(Resource.of(ProfilesApiController.TYPE, id, Map.of(), ProfileResources.selfLink(id))));
    }

    private static List<String> sources(JsonNode data) {
        String pointer = "/data/relationships/profiles/data";
        if (!data.isArray() || data.isEmpty()) {
            throw ApiException.invalidInput(pointer, "Name the profiles to merge in 'relationships.profiles.data'.");
        }
        if (data.size() > MAX_SOURCES) {
            throw ApiException.invalidInput(pointer,
                    "At most %d profiles can be merged at once.".formatted(MAX_SOURCES));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode profile = data.get(i);
            JsonNode type = profile.get("type");
            if (type == null || !type.isString() || !ProfilesApiController.TYPE.equals(type.asString())) {
                throw ApiException.invalidInput(pointer + "/" + i + "/type", "'type' must be 'profile'.");
            }
            ids.add(id(profile.get("id"), pointer + "/" + i + "/id"));
        }
        return ids;
    }

    private static String id(JsonNode id, String pointer) {
        if (id == null || !id.isString() || id.asString().isBlank()) {
            throw ApiException.invalidInput(pointer, "'id' must be a profile id.");
        }
        return id.asString().strip();
    }
}
