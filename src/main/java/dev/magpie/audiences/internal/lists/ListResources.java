package dev.magpie.audiences.internal.lists;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.web.api.ApiException;
import dev.magpie.web.api.Resource;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Lists, and the profiles on them, as Klaviyo's API shows them (revision 2026-07-15). */
final class ListResources {

    static final String LIST = "list";

    static final String PROFILE = "profile";

    /** Klaviyo's date-times: ISO 8601 with a numeric offset. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private ListResources() {
    }

    /** The list; {@code profileCount} only when asked for ({@code additional-fields[list]=profile_count}). */
    static Resource<ListAttributes> list(ListDefinition list, Long profileCount) {
        return Resource.of(LIST, list.id(), new ListAttributes(list.name(), format(list.createdAt()),
                format(list.updatedAt()), list.optInProcess().apiName(), profileCount), url("/api/lists/" + list.id()
                        + "/"));
    }

    static Resource<ProfileView> profile(Profile profile, Instant joined) {
        return Resource.of(PROFILE, profile.id(), ProfileView.of(profile, joined),
                url("/api/profiles/" + profile.id() + "/"));
    }

    /** 404 for a list the account does not have, whoever else may have it. */
    static ApiException listNotFound(String id) {
        return ApiException.notFound("A list with id %s does not exist.".formatted(shorten(id)));
    }

    static ApiException profileNotFound(String id) {
        return ApiException.notFound("A profile with id %s does not exist.".formatted(shorten(id)));
    }

    static String shorten(String id) {
        return id.length() > 40 ? id.substring(0, 40) + "…" : id;
    }

    static String format(Instant time) {
        return time == null ? null : DATE_TIME.format(time.atOffset(ZoneOffset.UTC));
    }

    static String url(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
    }

    /** A list's attributes. */
    record ListAttributes(String name, String created, String updated,
            @JsonProperty("opt_in_process") String optInProcess,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("profile_count") Long profileCount) {
    }

    /** A profile on a list; {@code joined_group_at} is when it became a member (Klaviyo's name). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProfileView(String email, @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("external_id") String externalId, @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName, String organization, String title, String image,
            String created, String updated, @JsonProperty("joined_group_at") String joinedGroupAt,
            ProfileLocation location, Map<String, Object> properties) {

        static ProfileView of(Profile profile, Instant joined) {
            return new ProfileView(profile.email(), profile.phoneNumber(), profile.externalId(), profile.firstName(),
                    profile.lastName(), profile.organization(), profile.title(), profile.image(),
                    format(profile.created()), format(profile.updated()), format(joined),
                    ProfileLocation.of(profile.location()),
                    profile.properties() == null ? Map.of() : profile.properties());
        }
    }

    /** A profile's location. */
    record ProfileLocation(String address1, String address2, String city, String country, String region, String zip,
            String timezone, BigDecimal latitude, BigDecimal longitude) {

        static ProfileLocation of(Location location) {
            if (location == null) {
                return new ProfileLocation(null, null, null, null, null, null, null, null, null);
            }
            return new ProfileLocation(location.address1(), location.address2(), location.city(), location.country(),
                    location.region(), location.zip(), location.timezone(),
                    location.latitude() == null ? null : BigDecimal.valueOf(location.latitude()),
                    location.longitude() == null ? null : BigDecimal.valueOf(location.longitude()));
        }
    }
}
