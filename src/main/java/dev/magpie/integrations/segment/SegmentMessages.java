package dev.magpie.integrations.segment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.integrations.internal.Feed;
import dev.magpie.integrations.internal.FeedMapper;
import dev.magpie.integrations.internal.Ingestion;
import dev.magpie.integrations.internal.IngestionJob;
import dev.magpie.integrations.internal.Json;
import dev.magpie.integrations.internal.Locations;
import dev.magpie.integrations.internal.PayloadException;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.ProfileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Segment's HTTP tracking API messages (the Segment spec) into profiles and events: {@code identify} is a
 * profile upsert, {@code track} an event; page, screen, group and alias calls are accepted and ignored. See
 * docs/integrations.md for the mapping.
 */
@Component
class SegmentMessages implements FeedMapper {

    /** Traits that become a profile's standard fields or identifiers rather than custom properties. */
    private static final Set<String> STANDARD_TRAITS = Set.of("email", "phone", "firstName", "first_name",
            "lastName", "last_name", "name", "title", "company", "avatar", "address");

    private static final Logger log = LoggerFactory.getLogger(SegmentMessages.class);

    private final JsonMapper json;

    SegmentMessages(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Feed feed() {
        return Feed.SEGMENT;
    }

    @Override
    public List<Ingestion> map(IngestionJob job) {
        JsonNode body = Json.parse(json, job.payload());
        if (!"batch".equals(job.topic())) {
            return read(body, job.topic(), "", job.receivedAt(), null);
        }
        List<Ingestion> ingestions = new ArrayList<>();
        Instant sentAt = Json.instant(body, "sentAt");
        JsonNode batch = body.get("batch");
        for (int i = 0; batch != null && i < batch.size(); i++) {
            try {
                ingestions.addAll(read(batch.get(i), Json.text(batch.get(i), "type"), "/batch/" + i,
                        job.receivedAt(), sentAt));
            }
            catch (PayloadException invalid) {
                log.info("Skipping Segment message {} of a batch: {}", i, invalid.getMessage());
            }
        }
        return ingestions;
    }

    /**
     * What one message of {@code type} asks for; nothing for types Magpie ignores.
     *
     * @throws PayloadException naming the field that is missing or wrong
     */
    static List<Ingestion> read(JsonNode message, String type, String pointer, Instant receivedAt,
            Instant batchSentAt) {
        if (message == null || !message.isObject()) {
            throw new PayloadException(pointer.isEmpty() ? "/" : pointer, "A message must be a JSON object.");
        }
        String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!kind.equals("track") && !kind.equals("identify")) {
            return List.of();
        }
        for (String field : new String[] { "userId", "anonymousId", "messageId", "event" }) {
            JsonNode value = message.get(field);
            if (!Json.isAbsent(value) && !value.isString() && !value.isNumber()) {
                throw new PayloadException(pointer + "/" + field, field + " must be a string.");
            }
        }
        String userId = Json.text(message, "userId");
        String anonymousId = Json.text(message, "anonymousId");
        if (userId == null && anonymousId == null) {
            throw new PayloadException(pointer + "/userId", "Either userId or anonymousId is required.");
        }
        JsonNode traits = kind.equals("identify") ? message.get("traits") : message.path("context").get("traits");
        if (!Json.isAbsent(traits) && !traits.isObject()) {
            throw new PayloadException(pointer + (kind.equals("identify") ? "/traits" : "/context/traits"),
                    "traits must be an object.");
        }
        Identifiers identifiers = new Identifiers(lowerCase(Json.text(traits, "email")), Json.text(traits, "phone"),
                userId, anonymousId);
        if (kind.equals("identify")) {
            return List.of(new Ingestion.UpsertProfile(profile(identifiers, traits)));
        }
        String event = Json.text(message, "event");
        if (event == null) {
            throw new PayloadException(pointer + "/event", "event is required: the name of what the user did.");
        }
        JsonNode properties = message.get("properties");
        if (!Json.isAbsent(properties) && !properties.isObject()) {
            throw new PayloadException(pointer + "/properties", "properties must be an object.");
        }
        BigDecimal value = Optional.ofNullable(Json.decimal(properties, "revenue"))
            .orElse(Json.decimal(properties, "value"));
        Map<String, Object> propertyMap = Json.toMap(properties);
        return List.of(new Ingestion.RecordEvent(new NewEvent(event, MetricSource.API,
                ProfileAttributes.of(identifiers), time(message, receivedAt, batchSentAt), value,
                Json.text(properties, "currency"), propertyMap, Json.text(message, "messageId"))));
    }

    private static ProfileAttributes profile(Identifiers identifiers, JsonNode traits) {
        String firstName = Json.firstText(traits, "firstName", "first_name");
        String lastName = Json.firstText(traits, "lastName", "last_name");
        String name = Json.text(traits, "name");
        if (firstName == null && lastName == null && name != null) {
            int space = name.indexOf(' ');
            firstName = space < 0 ? name : name.substring(0, space);
            lastName = space < 0 ? null : name.substring(space + 1).trim();
        }
        JsonNode company = traits == null ? null : traits.get("company");
        String organization = company != null && company.isObject() ? Json.text(company, "name")
                : Json.text(company);
        Map<String, Object> properties = Json.toMap(traits);
        properties.keySet().removeAll(STANDARD_TRAITS);
        return new ProfileAttributes(identifiers, firstName, lastName, organization, Json.text(traits, "title"),
                Json.text(traits, "avatar"), location(traits == null ? null : traits.get("address")),
                properties.isEmpty() ? null : properties, null);
    }

    private static Location location(JsonNode address) {
        if (address == null || !address.isObject()) {
            return null;
        }
        return Locations.of(Json.text(address, "street"), null, Json.text(address, "city"),
                Json.text(address, "country"), Json.text(address, "state"),
                Json.firstText(address, "postalCode", "postal_code"), null, null, null);
    }

    /**
     * When it happened: {@code timestamp} as sent; else {@code originalTimestamp} corrected for the sender's
     * clock skew (the difference between its {@code sentAt} and Magpie's receipt), as Segment does; else receipt.
     */
    private static Instant time(JsonNode message, Instant receivedAt, Instant batchSentAt) {
        Instant timestamp = Json.instant(message, "timestamp");
        if (timestamp != null) {
            return timestamp;
        }
        Instant original = Json.instant(message, "originalTimestamp");
        Instant sentAt = Optional.ofNullable(Json.instant(message, "sentAt")).orElse(batchSentAt);
        if (original != null && sentAt != null) {
            return receivedAt.minus(Duration.between(original, sentAt));
        }
        return original != null ? original : receivedAt;
    }

    private static String lowerCase(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
