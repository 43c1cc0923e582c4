package dev.magpie.integrations.storefront;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.integrations.internal.Feed;
import dev.magpie.integrations.internal.FeedMapper;
import dev.magpie.integrations.internal.Ingestion;
import dev.magpie.integrations.internal.IngestionJob;
import dev.magpie.integrations.internal.Json;
import dev.magpie.integrations.internal.PayloadException;
import dev.magpie.integrations.internal.ProfileFields;
import dev.magpie.profiles.ProfileAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the bodies of Klaviyo's Create Client Event and Create Client Profile, JSON:API documents:
 *
 * <pre>{@code
 * {"data": {"type": "event", "attributes": {"properties": {…}, "time": "…", "value": 9.99, "value_currency": "USD",
 *   "unique_id": "…", "metric": {"data": {"type": "metric", "attributes": {"name": "Viewed Product"}}},
 *   "profile": {"data": {"type": "profile", "attributes": {"email": "…", "anonymous_id": "…"}}}}}}
 * {"data": {"type": "profile", "attributes": {"email": "…", "first_name": "…", "properties": {…}}}}
 * }</pre>
 *
 * A browser cannot be trusted with consent, so the client API never changes it (as in Klaviyo, where
 * subscribing goes through its own endpoint).
 */
final class ClientPayloads {

    private ClientPayloads() {
    }

    /** The event a Create Client Event body asks for. */
    static List<Ingestion> event(JsonNode document, Instant receivedAt) {
        JsonNode attributes = attributes(document, "event");
        JsonNode metric = attributes.path("metric").path("data");
        String name = Json.text(metric.path("attributes").get("name"));
        if (name == null) {
            throw new PayloadException("/data/attributes/metric/data/attributes/name",
                    "The event's metric needs a name, such as \"Viewed Product\".");
        }
        JsonNode profileData = attributes.path("profile").path("data");
        if (!profileData.isObject()) {
            throw new PayloadException("/data/attributes/profile/data",
                    "The event needs a profile: {\"data\": {\"type\": \"profile\", \"attributes\": {…}}}.");
        }
        ProfileAttributes profile = ProfileFields.read(profileData.get("attributes"),
                "/data/attributes/profile/data/attributes");
        JsonNode properties = attributes.get("properties");
        if (!Json.isAbsent(properties) && !properties.isObject()) {
            throw new PayloadException("/data/attributes/properties", "properties must be an object.");
        }
        BigDecimal value = Json.decimal(attributes, "value");
        if (value == null && !Json.isAbsent(attributes.get("value"))) {
            throw new PayloadException("/data/attributes/value", "value must be a number.");
        }
        Instant time = Json.instant(attributes, "time");
        if (time == null && !Json.isAbsent(attributes.get("time"))) {
            throw new PayloadException("/data/attributes/time",
                    "time must be an ISO-8601 date-time, such as 2026-07-15T09:30:00Z.");
        }
        Map<String, Object> propertyMap = Json.toMap(properties);
        return List.of(new Ingestion.RecordEvent(new NewEvent(name, MetricSource.API, profile,
                time != null ? time : receivedAt, value, Json.text(attributes, "value_currency"), propertyMap,
                Json.text(attributes, "unique_id"))));
    }

    /** The profile a Create Client Profile body asks for. */
    static List<Ingestion> profile(JsonNode document) {
        return List.of(new Ingestion.UpsertProfile(ProfileFields.read(attributes(document, "profile"),
                "/data/attributes")));
    }

    /**
     * What a Create Client Subscription body asks for: the profile, the channels it subscribes to (as named in
     * {@code subscriptions}, or else the channels its email and phone number allow), the list, and the source.
     */
    static ClientSubscription subscription(JsonNode document) {
        JsonNode attributes = attributes(document, "subscription");
        String pointer = "/data/attributes/profile/data";
        JsonNode profile = attributes.path("profile").path("data");
        if (!profile.isObject()) {
            throw new PayloadException(pointer, "The subscription needs a profile: profile.data.");
        }
        if (!"profile".equals(Json.text(profile, "type"))) {
            throw new PayloadException(pointer + "/type", "profile.data.type must be \"profile\".");
        }
        ProfileAttributes fields = ProfileFields.read(profile.get("attributes"), pointer + "/attributes");
        JsonNode subscriptions = profile.path("attributes").path("subscriptions");
        boolean email;
        boolean sms;
        if (subscriptions.isMissingNode() || subscriptions.isNull()) {
            email = fields.identifiers().email() != null;
            sms = fields.identifiers().phoneNumber() != null;
        }
        else {
            email = subscribed(subscriptions.path("email").path("marketing"),
                    pointer + "/attributes/subscriptions/email/marketing/consent");
            sms = subscribed(subscriptions.path("sms").path("marketing"),
                    pointer + "/attributes/subscriptions/sms/marketing/consent");
        }
        if (email && fields.identifiers().email() == null) {
            throw new PayloadException(pointer + "/attributes/email", "Subscribing to email needs an email.");
        }
        if (sms && fields.identifiers().phoneNumber() == null) {
            throw new PayloadException(pointer + "/attributes/phone_number",
                    "Subscribing to SMS needs a phone_number.");
        }
        if (!email && !sms) {
            throw new PayloadException(pointer + "/attributes",
                    "The profile needs an email or a phone_number to subscribe.");
        }
        JsonNode list = document.path("data").path("relationships").path("list").path("data");
        String listId = list.isObject() ? Json.text(list, "id") : null;
        if (listId == null || listId.isBlank()) {
            throw new PayloadException("/data/relationships/list/data/id", "Name the list to subscribe to.");
        }
        String source = Json.text(attributes, "custom_source");
        return new ClientSubscription(listId, fields, email, sms, source == null ? "Storefront" : source);
    }

    private static boolean subscribed(JsonNode marketing, String pointer) {
        if (marketing.isMissingNode() || marketing.isNull()) {
            return false;
        }
        if (!"SUBSCRIBED".equals(Json.text(marketing, "consent"))) {
            throw new PayloadException(pointer, "consent must be \"SUBSCRIBED\".");
        }
        return true;
    }

    /** A storefront's subscription of one profile to one list. */
    record ClientSubscription(String listId, ProfileAttributes profile, boolean email, boolean sms, String source) {
    }

    private static JsonNode attributes(JsonNode document, String type) {
        JsonNode data = document.get("data");
        if (data == null || !data.isObject()) {
            throw new PayloadException("/data", "The body must be a JSON:API document with a data object.");
        }
        if (!type.equals(Json.text(data, "type"))) {
            throw new PayloadException("/data/type", "data.type must be \"%s\".".formatted(type));
        }
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) {
            throw new PayloadException("/data/attributes", "data.attributes must be an object.");
        }
        return attributes;
    }

    /** Reads queued Create Client Event calls. */
    static final class EventMapper implements FeedMapper {

        private final JsonMapper json;

        EventMapper(JsonMapper json) {
            this.json = json;
        }

        @Override
        public Feed feed() {
            return Feed.CLIENT_EVENT;
        }

        @Override
        public List<Ingestion> map(IngestionJob job) {
            return event(Json.parse(json, job.payload()), job.receivedAt());
        }
    }

    /** Reads queued Create Client Profile calls. */
    static final class ProfileMapper implements FeedMapper {

        private final JsonMapper json;

        ProfileMapper(JsonMapper json) {
            this.json = json;
        }

        @Override
        public Feed feed() {
            return Feed.CLIENT_PROFILE;
        }

        @Override
        public List<Ingestion> map(IngestionJob job) {
            return profile(Json.parse(json, job.payload()));
        }
    }
}
