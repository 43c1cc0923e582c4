package dev.magpie.profiles.internal;

import dev.magpie.profiles.IdentifierKind;

/**
 * One identifier in stored form: a lower-cased email, an E.164 phone number, an external or anonymous id.
 *
 * @param kind which identifier
 * @param value its normalised value
 */
public record Identifier(IdentifierKind kind, String value) {

    /** The identifier's attribute as Klaviyo spells it, such as {@code phone_number}. */
    public static String attribute(IdentifierKind kind) {
        return switch (kind) {
            case EMAIL -> "email";
            case PHONE_NUMBER -> "phone_number";
            case EXTERNAL_ID -> "external_id";
            case ANONYMOUS_ID -> "anonymous_id";
        };
    }
}
