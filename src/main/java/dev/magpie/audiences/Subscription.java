package dev.magpie.audiences;

import dev.magpie.profiles.ProfileAttributes;

/**
 * Someone asking to join a list: the profile (identifiers and any fields to set), the channels they consent to,
 * and the evidence to keep with that consent.
 *
 * @param profile who subscribes; its {@code consent} is ignored (the channels below decide)
 * @param email whether they consent to email marketing
 * @param sms whether they consent to SMS marketing
 * @param method how they subscribed, e.g. "API" or "storefront"
 * @param source where from, e.g. a form's name or the caller's {@code custom_source}
 */
public record Subscription(ProfileAttributes profile, boolean email, boolean sms, String method, String source) {
}
