package dev.magpie.audiences.internal.lists;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of lists.
 *
 * @param confirmationValidity how long a double opt-in confirmation link works
 * @param mailFrom the sender of double opt-in confirmation emails when the account names no sender of its own
 */
@ConfigurationProperties("magpie.audiences.lists")
record ListsProperties(@DefaultValue("7d") Duration confirmationValidity,
        @DefaultValue("Magpie <no-reply@magpie.local>") String mailFrom) {
}
