package dev.magpie.profiles;

/** The identifiers a caller names a profile by; any of them may be {@code null}. */
public record Identifiers(String email, String phoneNumber, String externalId, String anonymousId) {

    /** No identifier at all. */
    public static final Identifiers NONE = new Identifiers(null, null, null, null);

    /** Whether no identifier is given. */
    public boolean isEmpty() {
        return email == null && phoneNumber == null && externalId == null && anonymousId == null;
    }
}
