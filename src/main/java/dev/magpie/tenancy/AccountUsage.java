package dev.magpie.tenancy;

/** An account with what it uses, for operators. */
public record AccountUsage(AccountView account, long members, long activeApiKeys) {
}
