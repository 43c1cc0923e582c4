package dev.magpie.integrations.generic;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Magpie's generic webhook body (documented in docs/integrations.md):
 *
 * <pre>{@code
 * {"id": "…", "type": "event", "event": {"metric": "…", "profile": {…}, "properties": {…}, "value": 9.5,
 *  "value_currency": "EUR", "time": "…", "unique_id": "…"}}
 * {"id": "…", "type": "profile", "profile": {"email": "…", …, "consent": {"email_marketing": "subscribed"}}}
 * }</pre>
 */
@Component
class GenericMapper implements FeedMapper {

    static final int MAX_ID_LENGTH = 200;

    private final JsonMapper json;

    GenericMapper(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Feed feed() {
        return Feed.GENERIC;
    }

    @Override
    public List<Ingestion> map(IngestionJob job) {
        return read(Json.parse(json, job.payload()), job.receivedAt());
    }

    /** The delivery's idempotency id, once the body has been read. */
    static String deliveryId(JsonNode body) {
        return Json.text(body, "id");
    }

    /**
     * What the body asks for.
     *
     * @throws PayloadException naming the field that is missing or wrong
     */
    static List<Ingestion> read(JsonNode body, Instant receivedAt) {
        if (!body.isObject()) {
            throw new PayloadException("/", "The body must be a JSON object.");
        }
        String id = Json.text(body, "id");
        if (id == null || !body.get("id").isString()) {
            throw new PayloadException("/id", "id is required: a string that identifies this delivery, so that "
                    + "sending it again stores nothing twice.");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new PayloadException("/id", "id is at most %d characters long.".formatted(MAX_ID_LENGTH));
        }
        String type = Json.text(body, "type");
        if ("event".equals(type)) {
            return List.of(event(body.get("event"), id, receivedAt));
        }
        if ("profile".equals(type)) {
            return List.of(new Ingestion.UpsertProfile(ProfileFields.read(body.get("profile"), "/profile",
                    receivedAt, "webhook")));
        }
        throw new PayloadException("/type", "type must be \"event\" or \"profile\".");
    }

    private static Ingestion event(JsonNode event, String deliveryId, Instant receivedAt) {
        if (event == null || !event.isObject()) {
            throw new PayloadException("/event", "event is required for type \"event\": an object.");
        }
        String metric = Json.text(event, "metric");
        if (metric == null || !event.get("metric").isString()) {
            throw new PayloadException("/event/metric", "metric is required: the name of what happened, such as "
                    + "\"Subscription Renewed\".");
        }
        ProfileAttributes profile = ProfileFields.read(event.get("profile"), "/event/profile");
        JsonNode properties = event.get("properties");
        if (!Json.isAbsent(properties) && !properties.isObject()) {
            throw new PayloadException("/event/properties", "properties must be an object.");
        }
        BigDecimal value = Json.decimal(event, "value");
        if (value == null && !Json.isAbsent(event.get("value"))) {
            throw new PayloadException("/event/value", "value must be a number.");
        }
        Instant time = Json.instant(event, "time");
        if (time == null && !Json.isAbsent(event.get("time"))) {
            throw new PayloadException("/event/time", "time must be an ISO-8601 date-time, such as "
                    + "2026-07-15T09:30:00Z.");
        }
        Map<String, Object> propertyMap = Json.toMap(properties);
        String uniqueId = Optional.ofNullable(Json.text(event, "unique_id")).orElse(deliveryId);
        return new Ingestion.RecordEvent(new NewEvent(metric, MetricSource.API, profile,
                time != null ? time : receivedAt, value, Json.text(event, "value_currency"), propertyMap, uniqueId));
    }
}
