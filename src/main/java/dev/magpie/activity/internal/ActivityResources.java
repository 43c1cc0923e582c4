package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.magpie.activity.Event;
import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import dev.magpie.web.api.Relationship;
import dev.magpie.web.api.Resource;
import dev.magpie.web.api.ResourceIdentifier;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Events, metrics and profiles as Klaviyo's API shows them (revision 2026-07-15). */
final class ActivityResources {

    static final String EVENT = "event";

    static final String METRIC = "metric";

    static final String PROFILE = "profile";

    /** Klaviyo's date-times: ISO 8601 with a numeric offset, {@code 2026-07-15T10:30:00+00:00}. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private ActivityResources() {
    }

    /** The event with its {@code metric} and {@code profile} relationships. */
    static Resource<EventAttributes> event(Event event) {
        String self = url("/api/events/" + event.id() + "/");
        Map<String, Relationship> relationships = new LinkedHashMap<>();
        relationships.put(METRIC, related(event.id(), METRIC, event.metricId()));
        relationships.put(PROFILE, related(event.id(), PROFILE, event.profileId()));
        return Resource.of(EVENT, event.id(), EventAttributes.of(event), self).withRelationships(relationships);
    }

    static Resource<MetricAttributes> metric(Metric metric) {
        return Resource.of(METRIC, metric.id(), MetricAttributes.of(metric), url("/api/metrics/" + metric.id() + "/"));
    }

    static Resource<ProfileView> profile(Profile profile) {
        return Resource.of(PROFILE, profile.id(), ProfileView.of(profile),
                url("/api/profiles/" + profile.id() + "/"));
    }

    /** The body of a relationship endpoint: the related resource's identifier. */
    static Map<String, Object> relationship(String eventId, String type, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", new ResourceIdentifier(type, id));
        body.put("links", Map.of("self", url("/api/events/" + eventId + "/relationships/" + type + "/")));
        return body;
    }

    static String format(Instant time) {
        return time == null ? null : DATE_TIME.format(time.atOffset(ZoneOffset.UTC));
    }

    static String url(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
    }

    private static Relationship related(String eventId, String type, String id) {
        return Relationship.toOne(new ResourceIdentifier(type, id),
                new Relationship.Links(url("/api/events/" + eventId + "/relationships/" + type + "/"),
                        url("/api/events/" + eventId + "/" + type + "/")));
    }

    /**
     * An event's attributes. As in Klaviyo, {@code event_properties} also carry the event's {@code $value},
     * {@code $value_currency} and unique id ({@code $event_id}) when it has them.
     */
    record EventAttributes(long timestamp, @JsonProperty("event_properties") Map<String, Object> eventProperties,
            String datetime, String uuid) {

        static EventAttributes of(Event event) {
            Map<String, Object> properties = new LinkedHashMap<>(event.properties());
            if (event.value() != null) {
                properties.put("$value", event.value());
            }
            if (event.valueCurrency() != null) {
                properties.put("$value_currency", event.valueCurrency());
            }
            if (event.uniqueId() != null) {
                properties.put("$event_id", event.uniqueId());
            }
            return new EventAttributes(event.time().getEpochSecond(), properties, format(event.time()),
                    EventIds.uuid(event.id()));
        }
    }

    /** A metric's attributes: its name, when it was first and last seen, and where its events come from. */
    record MetricAttributes(String name, String created, String updated, Integration integration) {

        static MetricAttributes of(Metric metric) {
            return new MetricAttributes(metric.name(), format(metric.firstSeen()), format(metric.lastSeen()),
                    Integration.of(metric.source()));
        }
    }

    /** Where a metric's events come from, in the shape of Klaviyo's integration object. */
    record Integration(String object, String id, String key, String name, String category) {

        static Integration of(MetricSource source) {
            return switch (source) {
                case API -> new Integration("integration", "api", "api", "API", "API");
                case SHOPIFY -> new Integration("integration", "shopify", "shopify", "Shopify", "eCommerce");
                case WOOCOMMERCE -> new Integration("integration", "woocommerce", "woocommerce", "WooCommerce",
                        "eCommerce");
                case MAGPIE -> new Integration("integration", "magpie", "magpie", "Magpie", "Internal");
            };
        }
    }

    /** A profile's attributes, for {@code include=profile} and {@code /api/events/{id}/profile}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProfileView(String email, @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("external_id") String externalId, @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName, String organization, String title, String image,
            String created, String updated, ProfileLocation location, Map<String, Object> properties) {

        static ProfileView of(Profile profile) {
            return new ProfileView(profile.email(), profile.phoneNumber(), profile.externalId(),
                    profile.firstName(), profile.lastName(), profile.organization(), profile.title(), profile.image(),
                    format(profile.created()), format(profile.updated()), ProfileLocation.of(profile.location()),
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
