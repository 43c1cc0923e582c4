package dev.magpie.tenancy;

/** An operator lifted an account's suspension. */
public record AccountResumed(String accountId) {
}
