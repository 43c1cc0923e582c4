package dev.magpie.profiles;

/**
 * An identifier an upsert named that already belongs to a different profile, and was therefore left where it
 * is: Magpie never merges profiles silently.
 *
 * @param kind which identifier
 * @param value its normalised value
 * @param profileId the profile that holds it
 */
public record IdentifierConflict(IdentifierKind kind, String value, String profileId) {
}
