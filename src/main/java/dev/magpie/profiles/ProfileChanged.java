package dev.magpie.profiles;

/**
 * A profile's stored fields, properties or consent changed (an upsert or an API update that changed
 * something; repeats that change nothing are not announced). Segments re-evaluate the profile.
 */
public record ProfileChanged(String accountId, String profileId) {
}
