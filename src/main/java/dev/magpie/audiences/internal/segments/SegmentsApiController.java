package dev.magpie.audiences.internal.segments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.magpie.audiences.internal.segments.SegmentMemberStore.MemberPage;
import dev.magpie.audiences.internal.segments.SegmentMemberStore.Position;
import dev.magpie.audiences.internal.segments.SegmentResources.ProfileAttributes;
import dev.magpie.audiences.internal.segments.SegmentResources.SegmentAttributes;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.CollectionDocument;
import dev.magpie.web.api.CursorPageRequest;
import dev.magpie.web.api.PageCursor;
import dev.magpie.web.api.PageLinks;
import dev.magpie.web.api.Paged;
import dev.magpie.web.api.RateLimitTier;
import dev.magpie.web.api.RateLimited;
import dev.magpie.web.api.RequiresScope;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceDocument;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Klaviyo's Segments API: Get Segments, Create Segment, Get Segment, Update Segment, Delete Segment, Get Profiles
 * for Segment, and Get Segments for Profile. Definitions are Klaviyo's JSON; a bad one is a 400 whose
 * {@code source.pointer} names the field (e.g. {@code /data/attributes/definition/condition_groups/0/conditions/1/metric_id}).
 */
@RestController
class SegmentsApiController {

    private static final String DEFINITION = "/data/attributes/definition";

    private final Segments segments;

    private final SegmentMemberStore members;

    private final Profiles profiles;

    SegmentsApiController(Segments segments, SegmentMemberStore members, Profiles profiles) {
        this.segments = segments;
        this.members = members;
        this.profiles = profiles;
    }

    @GetMapping("/api/segments")
    @RequiresScope("segments:read")
    @RateLimited(RateLimitTier.M)
    CollectionDocument<SegmentAttributes> list(@RequestParam(name = SegmentResources.ADDITIONAL_FIELDS,
            required = false) String additionalFields, @Paged(defaultSize = 10, maxSize = 100) CursorPageRequest page,
            HttpServletRequest request) {
        boolean withCount = withCount(additionalFields);
        String after = page.cursor().filter(cursor -> !cursor.position().isEmpty())
            .map(cursor -> cursor.position().get(0))
            .orElse("");
        List<Segment> all = segments.all(TenantContext.requireAccountId()).stream()
            .filter(segment -> segment.id().compareTo(after) > 0)
            .toList();
        List<Segment> shown = all.subList(0, Math.min(all.size(), page.size()));
        PageCursor next = all.size() > shown.size() ? PageCursor.after(shown.get(shown.size() - 1).id()) : null;
        return CollectionDocument.of(shown.stream().map(segment -> SegmentResources.segment(segment, withCount))
            .toList(), PageLinks.of(request, next, null));
    }

    @PostMapping("/api/segments")
    @RequiresScope("segments:write")
    @RateLimited(RateLimitTier.XS)
    ResponseEntity<ResourceDocument<SegmentAttributes>> create(@RequestBody JsonNode body) {
        JsonNode attributes = attributes(body, null);
        String name = name(attributes, true);
        JsonNode definition = attributes.get("definition");
        if (definition == null || definition.isNull()) {
            throw ApiException.invalidInput(DEFINITION, "A segment needs a definition.");
        }
        Segment segment = defining(() -> segments.create(TenantContext.requireAccountId(), name, definition,
                starred(attributes)));
        return ResponseEntity.status(HttpStatus.CREATED).body(ResourceDocument.of(
                SegmentResources.segment(segment, false)));
    }

    @GetMapping("/api/segments/{id}")
    @RequiresScope("segments:read")
    @RateLimited(RateLimitTier.L)
    ResourceDocument<SegmentAttributes> get(@PathVariable String id, @RequestParam(
            name = SegmentResources.ADDITIONAL_FIELDS, required = false) String additionalFields) {
        return ResourceDocument.of(SegmentResources.segment(found(id), withCount(additionalFields)));
    }

    @PatchMapping("/api/segments/{id}")
    @RequiresScope("segments:write")
    @RateLimited(RateLimitTier.S)
    ResourceDocument<SegmentAttributes> update(@PathVariable String id, @RequestBody JsonNode body) {
        found(id);
        JsonNode attributes = attributes(body, id);
        String name = name(attributes, false);
        JsonNode definition = attributes.has("definition") && !attributes.get("definition").isNull()
                ? attributes.get("definition") : null;
        Boolean starred = attributes.has("is_starred") ? starred(attributes) : null;
        Segment segment = defining(() -> segments.update(TenantContext.requireAccountId(), id, name, definition,
                starred)).orElseThrow(() -> notFound(id));
        return ResourceDocument.of(SegmentResources.segment(segment, false));
    }

    @DeleteMapping("/api/segments/{id}")
    @RequiresScope("segments:write")
    @RateLimited(RateLimitTier.S)
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!segments.delete(TenantContext.requireAccountId(), id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/segments/{id}/profiles")
    @RequiresScope({ "segments:read", "profiles:read" })
    @RateLimited(RateLimitTier.L)
    CollectionDocument<ProfileAttributes> profiles(@PathVariable String id,
            @Paged(defaultSize = 20, maxSize = 100) CursorPageRequest page, HttpServletRequest request) {
        String accountId = TenantContext.requireAccountId();
        found(id);
        Position after = page.cursor().filter(cursor -> cursor.position().size() == 2)
            .map(cursor -> position(cursor.position()))
            .orElse(null);
        MemberPage found = members.members(accountId, id, after, page.size());
        List<Resource<ProfileAttributes>> resources = new ArrayList<>();
        for (SegmentMemberStore.Member member : found.members()) {
            profiles.find(accountId, member.profileId())
                .filter(profile -> profile.id().equals(member.profileId()))
                .map(SegmentResources::profile)
                .ifPresent(resources::add);
        }
        PageCursor next = found.next() == null ? null
                : PageCursor.after(Integer.toString(found.next().shard()), found.next().profileId());
        return CollectionDocument.of(resources, PageLinks.of(request, next, null));
    }

    @GetMapping("/api/profiles/{id}/segments")
    @RequiresScope({ "segments:read", "profiles:read" })
    @RateLimited(RateLimitTier.L)
    CollectionDocument<SegmentAttributes> segmentsOfProfile(@PathVariable String id, HttpServletRequest request) {
        String accountId = TenantContext.requireAccountId();
        Profile profile = profiles.find(accountId, id)
            .orElseThrow(() -> ApiException.notFound("There is no profile with id '%s'.".formatted(shorten(id))));
        Map<String, java.time.Instant> in = members.segmentsOf(accountId, profile.id());
        List<Resource<SegmentAttributes>> resources = segments.all(accountId).stream()
            .filter(segment -> in.containsKey(segment.id()))
            .map(segment -> SegmentResources.segment(segment, false))
            .toList();
        return CollectionDocument.of(resources, PageLinks.of(request, null, null));
    }

    private Segment found(String id) {
        return segments.find(TenantContext.requireAccountId(), id).orElseThrow(() -> notFound(id));
    }

    private static Position position(List<String> position) {
        try {
            int shard = Integer.parseInt(position.get(0));
            if (shard < 0 || shard >= SegmentMemberStore.SHARDS) {
                throw new NumberFormatException();
            }
            return new Position(shard, position.get(1));
        }
        catch (NumberFormatException bad) {
            throw ApiException.invalidParameter("page[cursor]", "The cursor is not one this API gave out.");
        }
    }

    private static <T> T defining(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        }
        catch (DefinitionException refused) {
            throw ApiException.invalidInput(DEFINITION + refused.pointer(), refused.getMessage());
        }
    }

    private static JsonNode attributes(JsonNode body, String id) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.invalidInput("/data", "The request needs a data object.");
        }
        JsonNode type = data.get("type");
        if (type == null || !type.isString() || !type.asString().equals(SegmentResources.TYPE)) {
            throw ApiException.invalidInput("/data/type", "type must be 'segment'.");
        }
        if (id != null) {
            JsonNode given = data.get("id");
            if (given == null || !given.isString() || !given.asString().equals(id)) {
                throw ApiException.invalidInput("/data/id", "id must be the id in the path.");
            }
        }
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) {
            throw ApiException.invalidInput("/data/attributes", "The request needs attributes.");
        }
        return attributes;
    }

    private static String name(JsonNode attributes, boolean required) {
        JsonNode name = attributes.get("name");
        if (name == null || name.isNull()) {
            if (required) {
                throw ApiException.invalidInput("/data/attributes/name", "A segment needs a name.");
            }
            return null;
        }
        if (!name.isString() || name.asString().isBlank() || name.asString().length() > 255) {
            throw ApiException.invalidInput("/data/attributes/name", "name must be text of 1 to 255 characters.");
        }
        return name.asString().strip();
    }

    private static boolean starred(JsonNode attributes) {
        JsonNode starred = attributes.get("is_starred");
        if (starred == null || starred.isNull()) {
            return false;
        }
        if (!starred.isBoolean()) {
            throw ApiException.invalidInput("/data/attributes/is_starred", "is_starred must be true or false.");
        }
        return starred.booleanValue();
    }

    private static boolean withCount(String additionalFields) {
        if (additionalFields == null || additionalFields.isBlank()) {
            return false;
        }
        boolean count = false;
        for (String field : Arrays.stream(additionalFields.split(",")).map(String::strip).toList()) {
            if (field.equals("profile_count")) {
                count = true;
            }
            else if (!field.isEmpty()) {
                throw ApiException.invalidParameter(SegmentResources.ADDITIONAL_FIELDS,
                        "'%s' is not an additional field of segments; use profile_count.".formatted(field));
            }
        }
        return count;
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("There is no segment with id '%s'.".formatted(shorten(id)));
    }

    private static String shorten(String id) {
        return id.length() > 40 ? id.substring(0, 40) + "…" : id;
    }

}
