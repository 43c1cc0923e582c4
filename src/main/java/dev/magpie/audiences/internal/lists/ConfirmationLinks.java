package dev.magpie.audiences.internal.lists;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens of double opt-in confirmation links: {@code base64url(account.list.profile.expiry)} and an HMAC-SHA256
 * of it under the list's own secret. A token names everything needed to check it, so any instance can, and none
 * can be altered or reused for another list, profile or account without the secret.
 */
final class ConfirmationLinks {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private ConfirmationLinks() {
    }

    /** A token for the profile's confirmation of the list, valid until {@code expiry}. */
    static String token(String accountId, String listId, String profileId, Instant expiry, String secret) {
        String payload = String.join(".", accountId, listId, profileId, Long.toString(expiry.getEpochSecond()));
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + sign(payload, secret);
    }

    /** What a token claims, before its signature is checked; empty when it cannot be read at all. */
    static Optional<Claim> read(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            String[] parts = payload.split("\\.");
            if (parts.length != 4) {
                return Optional.empty();
            }
            return Optional.of(new Claim(parts[0], parts[1], parts[2], Instant.ofEpochSecond(Long.parseLong(parts[3])),
                    payload, token.substring(dot + 1)));
        }
        catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    private static String sign(String payload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", impossible);
        }
    }

    /** What a token says: whose confirmation of which list, until when. */
    record Claim(String accountId, String listId, String profileId, Instant expiry, String payload,
            String signature) {

        /** Whether the list's secret signed exactly this claim (compared in constant time). */
        boolean signedWith(String secret) {
            return MessageDigest.isEqual(sign(payload, secret).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
