package dev.magpie.audiences.internal.segments;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.web.api.Resource;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Segments (and the profiles in them) as Klaviyo's Segments API shows them. */
final class SegmentResources {

    static final String TYPE = "segment";

    static final String ADDITIONAL_FIELDS = "additional-fields[segment]";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx")
        .withZone(ZoneOffset.UTC);

    private SegmentResources() {
    }

    static Resource<SegmentAttributes> segment(Segment segment, boolean withCount) {
        return Resource.of(TYPE, segment.id(), new SegmentAttributes(segment.name(),
                JSON.readTree(segment.definition()), timestamp(segment.createdAt()), timestamp(segment.updatedAt()),
                true, segment.status() == Segment.Status.EVALUATING, segment.starred(),
                withCount ? segment.memberCount() : null), link("/api/segments/{id}/", segment.id()));
    }

    static Resource<ProfileAttributes> profile(Profile profile) {
        return Resource.of("profile", profile.id(), new ProfileAttributes(profile.email(), profile.phoneNumber(),
                profile.externalId(), profile.firstName(), profile.lastName(), profile.organization(), profile.title(),
                profile.image(), timestamp(profile.created()), timestamp(profile.updated()), profile.location(),
                profile.properties()), link("/api/profiles/{id}/", profile.id()));
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }

    private static String link(String path, String id) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).buildAndExpand(id).toUriString();
    }

    /** A segment's attributes; {@code profile_count} only when asked for with {@code additional-fields}. */
    record SegmentAttributes(String name, JsonNode definition, String created, String updated,
            @JsonProperty("is_active") boolean active, @JsonProperty("is_processing") boolean processing,
            @JsonProperty("is_starred") boolean starred,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("profile_count") Long profileCount) {
    }

    /** A member profile, with Klaviyo's profile attributes. */
    record ProfileAttributes(String email, @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("external_id") String externalId, @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName, String organization, String title, String image,
            String created, String updated, Location location, Map<String, Object> properties) {
    }
}
