package dev.magpie.admin.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators' area.
 *
 * @param username the first operator, created at start-up when no operator exists yet
 * @param password that operator's password; generated and printed once when empty. Only read when the
 * operator is created: later changes happen on the operator's password page.
 */
@ConfigurationProperties("magpie.admin")
record AdminProperties(@DefaultValue("admin") String username, String password) {
}
