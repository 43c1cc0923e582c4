package dev.magpie.profiles;

/**
 * The ways a profile is recognised, strongest first. When identifiers in one request name different
 * existing profiles, the strongest one decides which profile is meant (see docs/data-model.md).
 */
public enum IdentifierKind {

    /** The store's own customer id. */
    EXTERNAL_ID,
    /** An email address, lower-cased. */
    EMAIL,
    /** A phone number in E.164 form. */
    PHONE_NUMBER,
    /** A browser's or device's id, before the person is known. */
    ANONYMOUS_ID
}
