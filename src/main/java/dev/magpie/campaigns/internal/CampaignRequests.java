package dev.magpie.campaigns.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import dev.magpie.campaigns.SendStrategy;
import dev.magpie.web.api.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON:API documents of the campaign endpoints into settings and message content, refusing anything off
 * with the pointer to it. A patch is read over the current values: what it leaves out stays as it is.
 */
final class CampaignRequests {

    static final int MAX_NAME = 255;

    static final int MAX_AUDIENCES = 100;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private CampaignRequests() {
    }

    static JsonNode resource(JsonNode body, String type) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.invalidInput("/data", "The document must have a data object.");
        }
        JsonNode actual = data.get("type");
        if (actual == null || !actual.isString() || !actual.asString().equals(type)) {
            throw ApiException.invalidInput("/data/type", "The type must be '%s'.".formatted(type));
        }
        JsonNode attributes = data.get("attributes");
        if (attributes != null && !attributes.isNull() && !attributes.isObject()) {
            throw ApiException.invalidInput("/data/attributes", "attributes must be an object.");
        }
        return data;
    }

    /** The {@code data.id} of a document, which must be a string. */
    static String id(JsonNode data) {
        JsonNode id = data.get("id");
        if (id == null || !id.isString() || id.asString().isBlank()) {
            throw ApiException.invalidInput("/data/id", "data.id must be the id of the resource.");
        }
        return id.asString();
    }

    /** The settings of a new campaign ({@code current} null) or of a patched one. */
    static CampaignSettings settings(JsonNode data, CampaignSettings current) {
        JsonNode attributes = object(data.get("attributes"), "/data/attributes");
        String name = current == null ? null : current.name();
        if (current == null || attributes.has("name")) {
            name = name(text(attributes.get("name"), "/data/attributes/name"));
        }
        List<String> included = current == null ? List.of() : current.included();
        List<String> excluded = current == null ? List.of() : current.excluded();
        JsonNode audiences = attributes.get("audiences");
        if (audiences != null && !audiences.isNull()) {
            object(audiences, "/data/attributes/audiences");
            if (audiences.has("included")) {
                included = ids(audiences.get("included"), "/data/attributes/audiences/included");
            }
            if (audiences.has("excluded")) {
                excluded = ids(audiences.get("excluded"), "/data/attributes/audiences/excluded");
            }
        }
        if (included.isEmpty()) {
            throw ApiException.invalidInput("/data/attributes/audiences/included",
                    "A campaign needs at least one list or segment to go to.");
        }
        SendStrategy strategy = current == null ? SendStrategy.IMMEDIATE : current.sendStrategy();
        Instant sendAt = current == null ? null : current.sendAt();
        Integer throttleHours = current == null ? null : current.throttleHours();
        JsonNode sendStrategy = attributes.get("send_strategy");
        if (sendStrategy != null && !sendStrategy.isNull()) {
            String pointer = "/data/attributes/send_strategy";
            object(sendStrategy, pointer);
            String method = text(sendStrategy.get("method"), pointer + "/method");
            JsonNode options = sendStrategy.get("options");
            boolean local = options != null && options.isObject() && options.has("is_local")
                    && bool(options.get("is_local"), pointer + "/options/is_local");
            switch (method == null ? "" : method) {
                case "immediate" -> {
                    strategy = SendStrategy.IMMEDIATE;
                    sendAt = null;
                }
                case "static" -> {
                    strategy = local ? SendStrategy.LOCAL : SendStrategy.STATIC;
                    sendAt = dateTime(sendStrategy.get("datetime"), pointer + "/datetime");
                }
                default -> throw ApiException.invalidInput(pointer + "/method",
                        "The send strategy's method must be 'immediate' or 'static'.");
            }
            if (sendStrategy.has("throttle_hours")) {
                throttleHours = hours(sendStrategy.get("throttle_hours"), pointer + "/throttle_hours", true);
            }
        }
        boolean smartSending = current == null || current.smartSending();
        int smartHours = current == null ? CampaignSettings.DEFAULT_SMART_SENDING_HOURS : current.smartSendingHours();
        JsonNode sendOptions = attributes.get("send_options");
        if (sendOptions != null && !sendOptions.isNull()) {
            object(sendOptions, "/data/attributes/send_options");
            if (sendOptions.has("use_smart_sending")) {
                smartSending = bool(sendOptions.get("use_smart_sending"),
                        "/data/attributes/send_options/use_smart_sending");
            }
            if (sendOptions.has("smart_sending_hours")) {
                smartHours = hours(sendOptions.get("smart_sending_hours"),
                        "/data/attributes/send_options/smart_sending_hours", false);
            }
        }
        return new CampaignSettings(name, included, excluded, strategy, sendAt, throttleHours, smartSending,
                smartHours);
    }

    /**
     * The campaign message of a Create Campaign document ({@code attributes.campaign-messages.data[0]}), whose
     * content is at {@code pointer}; empty content when there is none.
     */
    static MessageContent createdMessage(JsonNode data) {
        JsonNode attributes = data.get("attributes");
        JsonNode messages = attributes == null ? null : attributes.get("campaign-messages");
        if (messages == null || messages.isNull()) {
            return MessageContent.EMPTY;
        }
        String pointer = "/data/attributes/campaign-messages/data";
        JsonNode list = messages.isObject() ? messages.get("data") : null;
        if (list == null || !list.isArray() || list.size() > 1) {
            throw ApiException.invalidInput(pointer, "An email campaign has exactly one campaign message.");
        }
        if (list.isEmpty()) {
            return MessageContent.EMPTY;
        }
        JsonNode message = list.get(0);
        JsonNode type = message.get("type");
        if (type == null || !type.isString() || !type.asString().equals(CampaignResources.MESSAGE)) {
            throw ApiException.invalidInput(pointer + "/0/type", "The type must be 'campaign-message'.");
        }
        return message(message, pointer + "/0", MessageContent.EMPTY);
    }

    /** A message's definition read over {@code current}; {@code pointer} is where the resource object is. */
    static MessageContent message(JsonNode resource, String pointer, MessageContent current) {
        JsonNode attributes = object(resource.get("attributes"), pointer + "/attributes");
        JsonNode definition = attributes.get("definition");
        if (definition == null || definition.isNull()) {
            return current;
        }
        String at = pointer + "/attributes/definition";
        object(definition, at);
        if (definition.has("channel")) {
            String channel = text(definition.get("channel"), at + "/channel");
            if (!StoredCampaign.EMAIL.equals(channel)) {
                throw ApiException.invalidInput(at + "/channel", "Magpie's campaigns are email campaigns: "
                        + "the channel must be 'email'.");
            }
        }
        String label = definition.has("label") ? limited(text(definition.get("label"), at + "/label"), 255,
                at + "/label") : current.label();
        JsonNode content = definition.get("content");
        if (content == null || content.isNull()) {
            return new MessageContent(label, current.subject(), current.previewText(), current.fromEmail(),
                    current.fromLabel(), current.replyToEmail());
        }
        String c = at + "/content";
        object(content, c);
        return new MessageContent(label,
                content.has("subject") ? limited(text(content.get("subject"), c + "/subject"), 998, c + "/subject")
                        : current.subject(),
                content.has("preview_text")
                        ? limited(text(content.get("preview_text"), c + "/preview_text"), 998, c + "/preview_text")
                        : current.previewText(),
                content.has("from_email") ? email(content.get("from_email"), c + "/from_email") : current.fromEmail(),
                content.has("from_label")
                        ? limited(text(content.get("from_label"), c + "/from_label"), 255, c + "/from_label")
                        : current.fromLabel(),
                content.has("reply_to_email") ? email(content.get("reply_to_email"), c + "/reply_to_email")
                        : current.replyToEmail());
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalidInput("/data/attributes/name", "A campaign needs a name.");
        }
        return limited(name.strip(), MAX_NAME, "/data/attributes/name");
    }

    private static String limited(String value, int max, String pointer) {
        if (value != null && value.length() > max) {
            throw ApiException.invalidInput(pointer, "At most %d characters.".formatted(max));
        }
        return value;
    }

    private static String email(JsonNode node, String pointer) {
        String value = text(node, pointer);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!EMAIL.matcher(value.strip()).matches() || value.length() > 320) {
            throw ApiException.invalidInput(pointer, "'%s' is not an email address.".formatted(value));
        }
        return value.strip();
    }

    private static JsonNode object(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw ApiException.invalidInput(pointer, "Must be an object.");
        }
        return node;
    }

    private static String text(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.invalidInput(pointer, "Must be a string.");
        }
        return node.asString();
    }

    private static boolean bool(JsonNode node, String pointer) {
        if (node == null || !node.isBoolean()) {
            throw ApiException.invalidInput(pointer, "Must be true or false.");
        }
        return node.asBoolean();
    }

    private static Integer hours(JsonNode node, String pointer, boolean nullable) {
        if (node == null || node.isNull()) {
            if (nullable) {
                return null;
            }
            throw ApiException.invalidInput(pointer, "Must be a number of hours.");
        }
        if (!node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > 168) {
            throw ApiException.invalidInput(pointer, "Must be a whole number of hours from 1 to 168.");
        }
        return node.asInt();
    }

    private static List<String> ids(JsonNode node, String pointer) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.invalidInput(pointer, "Must be an array of list and segment ids.");
        }
        if (node.size() > MAX_AUDIENCES) {
            throw ApiException.invalidInput(pointer, "At most %d audiences.".formatted(MAX_AUDIENCES));
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            if (id == null || !id.isString() || id.asString().isBlank() || id.asString().length() > 26
                    || id.asString().contains(" ")) {
                throw ApiException.invalidInput(pointer + "/" + i, "Must be a list or segment id.");
            }
            ids.add(id.asString());
        }
        return new ArrayList<>(ids);
    }

    /** An ISO date-time; without an offset it is read as UTC (as a local send time's wall clock). */
    private static Instant dateTime(JsonNode node, String pointer) {
        String text = text(node, pointer);
        if (text == null || text.isBlank()) {
            throw ApiException.invalidInput(pointer, "A static send strategy needs its datetime.");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        }
        catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            catch (DateTimeParseException invalid) {
                throw ApiException.invalidInput(pointer, "'%s' is not an ISO 8601 date-time.".formatted(text));
            }
        }
    }
}
