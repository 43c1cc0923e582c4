package dev.magpie.profiles.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.InvalidProfileException;

/**
 * The limits every profile change is held to, whoever makes it (the API, events, imports), so that nothing
 * that could not be stored or shown reaches the tables.
 */
final class ProfileChecks {

    static final int MAX_PROPERTY_KEY_LENGTH = 255;

    static final int MAX_CONSENT_TEXT_LENGTH = 255;

    private ProfileChecks() {
    }

    static void check(ProfileChange change) {
        change.fields().forEach(ProfileChecks::checkField);
        change.properties().keySet().forEach(key -> checkKey("properties", key));
        checkKeys("meta/patch_properties/append", change.append().keySet());
        checkKeys("meta/patch_properties/unappend", change.unappend().keySet());
        checkKeys("meta/patch_properties/unset", change.unset());
        checkAppended(change.append());
        change.consent().forEach(ProfileChecks::checkConsent);
    }

    static void checkField(ProfileField field, Object value) {
        if (value == null) {
            return;
        }
        if (field.numeric()) {
            double number = ((Number) value).doubleValue();
            double limit = field == ProfileField.LATITUDE ? 90 : 180;
            if (!Double.isFinite(number) || Math.abs(number) > limit) {
                throw new InvalidProfileException(field.attribute(),
                        "%s must be a number from -%.0f to %.0f.".formatted(field.column(), limit, limit));
            }
        }
        else if (((String) value).length() > field.maxLength()) {
            throw new InvalidProfileException(field.attribute(),
                    "%s must be at most %d characters long.".formatted(field.column(), field.maxLength()));
        }
    }

    private static void checkKeys(String field, Collection<String> keys) {
        keys.forEach(key -> checkKey(field, key));
    }

    private static void checkKey(String field, String key) {
        if (key.isBlank() || key.length() > MAX_PROPERTY_KEY_LENGTH) {
            throw new InvalidProfileException(field, "Property names must be 1 to %d characters long."
                .formatted(MAX_PROPERTY_KEY_LENGTH));
        }
    }

    private static void checkAppended(Map<String, List<Object>> append) {
        append.forEach((key, values) -> values.forEach(value -> {
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new InvalidProfileException("meta/patch_properties/append/" + key,
                        "Only simple values (text, numbers, booleans) can be appended to a property.");
            }
        }));
    }

    private static void checkConsent(Channel channel, Consent consent) {
        String field = switch (channel) {
            case EMAIL_MARKETING -> "subscriptions/email/marketing";
            case SMS_MARKETING -> "subscriptions/sms/marketing";
            case SMS_TRANSACTIONAL -> "subscriptions/sms/transactional";
        };
        if (consent == null || consent.state() == null) {
            throw new InvalidProfileException(field + "/consent",
                    "consent must be one of SUBSCRIBED, UNSUBSCRIBED or NEVER_SUBSCRIBED.");
        }
        if (length(consent.method()) > MAX_CONSENT_TEXT_LENGTH || length(consent.source()) > MAX_CONSENT_TEXT_LENGTH) {
            throw new InvalidProfileException(field + "/method",
                    "Consent methods and their details must be at most %d characters long."
                        .formatted(MAX_CONSENT_TEXT_LENGTH));
        }
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
