package dev.magpie.integrations.generic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.integrations.internal.Signatures;

/**
 * The {@code Magpie-Signature} header of a generic webhook: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the
 * HMAC taken over {@code "<t>.<body>"}. Several {@code v1} values may be sent (say, one per secret while a
 * secret is rotated); one match is enough. Signing the timestamp with the body means a captured delivery cannot be
 * replayed once it is older than the tolerance.
 */
record SignatureHeader(long timestamp, List<String> signatures) {

    static final String NAME = "Magpie-Signature";

    /** The header's parts, or empty when it is missing or malformed. */
    static Optional<SignatureHeader> parse(String header) {
        if (header == null || header.length() > 2_000) {
            return Optional.empty();
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1].trim());
                }
                catch (NumberFormatException notANumber) {
                    return Optional.empty();
                }
            }
            else if (pair[0].equals("v1")) {
                signatures.add(pair[1].trim());
            }
        }
        return timestamp == null || signatures.isEmpty() ? Optional.empty()
                : Optional.of(new SignatureHeader(timestamp, List.copyOf(signatures)));
    }

    /** The header a sender with {@code secret} would send for {@code body} at {@code time}. */
    static String sign(byte[] body, String secret, Instant time) {
        long t = time.getEpochSecond();
        return "t=" + t + ",v1=" + Signatures.hexHmac(signedPayload(t, body), secret);
    }

    /** Whether the timestamp lies within {@code tolerance} of {@code now}, either way. */
    boolean isFresh(Instant now, Duration tolerance) {
        return Math.abs(now.getEpochSecond() - timestamp) <= tolerance.toSeconds();
    }

    /** Whether one of the signatures is the HMAC of this timestamp and {@code body} with {@code secret}. */
    boolean matches(byte[] body, String secret) {
        byte[] payload = signedPayload(timestamp, body);
        boolean matched = false;
        for (String signature : signatures) {
            matched |= Signatures.isHexHmac(signature, payload, secret);
        }
        return matched;
    }

    private static byte[] signedPayload(long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(body, 0, payload, prefix.length, body.length);
        return payload;
    }
}
