package dev.magpie.tenancy;

/** An operator suspended an account: its members cannot sign in to it and its keys stop working. */
public record AccountSuspended(String accountId) {
}
