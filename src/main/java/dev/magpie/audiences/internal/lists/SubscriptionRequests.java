package dev.magpie.audiences.internal.lists;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.magpie.web.api.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * Reads Klaviyo's Bulk Subscribe and Bulk Unsubscribe documents, whole, before anything is stored: the first thing
 * off is refused with its pointer.
 */
final class SubscriptionRequests {

    static final String SUBSCRIBE_TYPE = "profile-subscription-bulk-create-job";

    static final String UNSUBSCRIBE_TYPE = "profile-subscription-bulk-delete-job";

    /** The type of the same request under the name some SDKs use. */
    static final String UNSUBSCRIBE_ALIAS_TYPE = "profile-unsubscription-bulk-create-job";

    static final int MAX_PROFILES = 1000;

    // A first check of the shape only; the profiles module normalises and has the last word
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-.]{6,24}");

    private SubscriptionRequests() {
    }

    static Request read(JsonNode body, boolean subscribe) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.invalidInput("/data", "The document must have a data object.");
        }
        JsonNode type = data.get("type");
        boolean typeOk = type != null && type.isString() && (subscribe ? type.asString().equals(SUBSCRIBE_TYPE)
                : type.asString().equals(UNSUBSCRIBE_TYPE) || type.asString().equals(UNSUBSCRIBE_ALIAS_TYPE));
        if (!typeOk) {
            throw ApiException.invalidInput("/data/type",
                    "The type must be '%s'.".formatted(subscribe ? SUBSCRIBE_TYPE : UNSUBSCRIBE_TYPE));
        }
        JsonNode attributes = data.get("attributes");
        if (attributes == null || !attributes.isObject()) {
            throw ApiException.invalidInput("/data/attributes", "attributes must be an object.");
        }
        String source = optionalString(attributes, "custom_source", "/data/attributes/custom_source");
        boolean historical = attributes.has("historical_import") && attributes.get("historical_import").asBoolean();
        JsonNode profiles = attributes.path("profiles").path("data");
        if (!profiles.isArray() || profiles.isEmpty()) {
            throw ApiException.invalidInput("/data/attributes/profiles/data", "Name at least one profile.");
        }
        if (profiles.size() > MAX_PROFILES) {
            throw ApiException.invalidInput("/data/attributes/profiles/data",
                    "At most %d profiles can be named in one request.".formatted(MAX_PROFILES));
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            items.add(item(profiles.get(i), "/data/attributes/profiles/data/" + i, subscribe, historical));
        }
        Optional<String> listId = Optional.empty();
        JsonNode list = data.path("relationships").path("list").path("data");
        if (!list.isMissingNode() && !list.isNull()) {
            JsonNode listType = list.get("type");
            if (listType == null || !listType.isString() || !listType.asString().equals(ListResources.LIST)) {
                throw ApiException.invalidInput("/data/relationships/list/data/type", "The type must be 'list'.");
            }
            JsonNode id = list.get("id");
            if (id == null || !id.isString() || id.asString().isBlank()) {
                throw ApiException.invalidInput("/data/relationships/list/data/id", "The list needs an id.");
            }
            listId = Optional.of(id.asString());
        }
        return new Request(items, listId, source);
    }

    private static Item item(JsonNode profile, String pointer, boolean subscribe, boolean historical) {
        if (profile == null || !profile.isObject()) {
            throw ApiException.invalidInput(pointer, "Each profile must be an object.");
        }
        JsonNode type = profile.get("type");
        if (type == null || !type.isString() || !type.asString().equals(ListResources.PROFILE)) {
            throw ApiException.invalidInput(pointer + "/type", "The type must be 'profile'.");
        }
        String id = optionalString(profile, "id", pointer + "/id");
        JsonNode attributes = profile.path("attributes");
        String at = pointer + "/attributes";
        String email = attributes.isObject() ? optionalString(attributes, "email", at + "/email") : null;
        String phone = attributes.isObject() ? optionalString(attributes, "phone_number", at + "/phone_number") : null;
        if (email != null && !EMAIL.matcher(email.strip()).matches()) {
            throw ApiException.invalidInput(at + "/email", "'%s' is not an email address.".formatted(email));
        }
        if (phone != null && !PHONE.matcher(phone.strip()).matches()) {
            throw ApiException.invalidInput(at + "/phone_number", "'%s' is not a phone number.".formatted(phone));
        }
        if (email == null && phone == null && id == null) {
            throw ApiException.invalidInput(at, "Each profile needs an email, a phone_number or an id.");
        }
        String wanted = subscribe ? "SUBSCRIBED" : "UNSUBSCRIBED";
        JsonNode subscriptions = attributes.path("subscriptions");
        boolean emailChannel;
        boolean smsChannel;
        Instant consentedAt = null;
        if (subscriptions.isMissingNode() || subscriptions.isNull()) {
            if (subscribe) {
                throw ApiException.invalidInput(at + "/subscriptions",
                        "Say which channels the profile subscribes to (subscriptions.email / subscriptions.sms).");
            }
            // Klaviyo's older unsubscribe requests name only identifiers: each withdraws its own channel
            emailChannel = email != null || id != null;
            smsChannel = phone != null || id != null;
        }
        else {
            emailChannel = consent(subscriptions.path("email").path("marketing"), wanted,
                    at + "/subscriptions/email/marketing");
            smsChannel = consent(subscriptions.path("sms").path("marketing"), wanted,
                    at + "/subscriptions/sms/marketing");
            if (!emailChannel && !smsChannel) {
                throw ApiException.invalidInput(at + "/subscriptions",
                        "Say which channels: subscriptions.email.marketing or subscriptions.sms.marketing.");
            }
            consentedAt = consentedAt(subscriptions, at + "/subscriptions");
        }
        if (subscribe && emailChannel && email == null && id == null) {
            throw ApiException.invalidInput(at + "/email", "Subscribing to email needs an email address.");
        }
        if (subscribe && smsChannel && phone == null && id == null) {
            throw ApiException.invalidInput(at + "/phone_number", "Subscribing to SMS needs a phone number.");
        }
        if (historical && subscribe && consentedAt == null) {
            throw ApiException.invalidInput(at + "/subscriptions",
                    "A historical import needs consented_at for each profile.");
        }
        return new Item(pointer, id, email == null ? null : email.strip(), phone == null ? null : phone.strip(),
                emailChannel, smsChannel, historical ? consentedAt : null);
    }

    private static boolean consent(JsonNode marketing, String wanted, String pointer) {
        if (marketing.isMissingNode() || marketing.isNull()) {
            return false;
        }
        JsonNode consent = marketing.get("consent");
        if (consent == null || !consent.isString() || !consent.asString().equals(wanted)) {
            throw ApiException.invalidInput(pointer + "/consent", "consent must be '%s'.".formatted(wanted));
        }
        return true;
    }

    private static Instant consentedAt(JsonNode subscriptions, String pointer) {
        for (String channel : List.of("email", "sms")) {
            JsonNode value = subscriptions.path(channel).path("marketing").path("consented_at");
            if (value.isString()) {
                try {
                    return OffsetDateTime.parse(value.asString()).toInstant();
                }
                catch (DateTimeParseException notADate) {
                    throw ApiException.invalidInput(pointer + "/" + channel + "/marketing/consented_at",
                            "consented_at must be an ISO 8601 date-time with an offset.");
                }
            }
        }
        return null;
    }

    private static String optionalString(JsonNode object, String name, String pointer) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.invalidInput(pointer, name + " must be a string.");
        }
        return value.asString().isBlank() ? null : value.asString();
    }

    /** A whole request: the profiles, the list (optional, as in Klaviyo) and the caller's source. */
    record Request(List<Item> items, Optional<String> listId, String source) {
    }

    /** One profile of a request, with the channels it names. */
    record Item(String pointer, String profileId, String email, String phoneNumber, boolean emailChannel, boolean smsChannel,
            Instant consentedAt) {
    }
}
