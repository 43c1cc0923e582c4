package dev.magpie.tenancy.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of accounts and sign-in.
 *
 * @param invitationValidity how long an emailed invitation can be accepted
 * @param passwordResetValidity how long a password-reset link works
 * @param mailFrom the sender of invitation and password-reset emails
 * @param defaultTimezone the time zone a new account starts with
 * @param defaultCurrency the currency a new account starts with
 * @param apiKeyCacheTtl how long an instance trusts a verified API key before looking it up again; a key revoked
 *        or an account suspended on another instance stops working here within this time (at once on this one)
 */
@ConfigurationProperties("magpie.tenancy")
record TenancyProperties(@DefaultValue("7d") Duration invitationValidity,
        @DefaultValue("1h") Duration passwordResetValidity,
        @DefaultValue("Magpie <no-reply@magpie.local>") String mailFrom,
        @DefaultValue("UTC") String defaultTimezone,
        @DefaultValue("USD") String defaultCurrency,
        @DefaultValue("5s") Duration apiKeyCacheTtl) {
}
