package dev.magpie.tenancy;

/** Someone signed up: a new account exists with its owner. */
public record AccountSignedUp(String accountId, String ownerUserId) {
}
