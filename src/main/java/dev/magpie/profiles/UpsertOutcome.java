package dev.magpie.profiles;

/** The profile an upsert ended with, and whether it had to be created. */
public record UpsertOutcome(Profile profile, boolean created) {
}
