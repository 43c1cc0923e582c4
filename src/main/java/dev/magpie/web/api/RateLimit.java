package dev.magpie.web.api;

/**
 * The outcome of counting one request against its limits.
 *
 * @param allowed whether the request may proceed
 * @param limit the steady (per-minute) limit, for {@code RateLimit-Limit}
 * @param remaining requests left in the current steady window, for {@code RateLimit-Remaining}
 * @param resetSeconds seconds until the steady window starts over, for {@code RateLimit-Reset}
 * @param retryAfterSeconds when refused, seconds until a request would be allowed, for {@code Retry-After}
 */
public record RateLimit(boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds) {
}
