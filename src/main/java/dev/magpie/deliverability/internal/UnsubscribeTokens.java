package dev.magpie.deliverability.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens of unsubscribe links, made as double opt-in links are: {@code base64url(payload)} and an HMAC-SHA256
 * of the payload under the account's own secret, where the payload is the account, profile, email and message id
 * joined by line feeds (which none of them can contain; an email may contain dots). A token names everything
 * needed to check it, so any instance can, and none of its parts can be changed, nor the token used for another
 * account, without that account's secret.
 */
final class UnsubscribeTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private static final String SEPARATOR = "\n";

    private UnsubscribeTokens() {
    }

    /** A token for the recipient; {@code messageId} may be {@code null}. */
    static String token(String accountId, String profileId, String email, String messageId, String secret) {
        String payload = String.join(SEPARATOR, accountId, profileId, email, messageId == null ? "" : messageId);
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + sign(payload, secret);
    }

    /** What a token claims, before its signature is checked; empty when it cannot be read at all. */
    static Optional<Claim> read(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1 || token.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            String[] parts = payload.split(SEPARATOR, -1);
            if (parts.length != 4 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Claim(parts[0], parts[1], parts[2], parts[3].isEmpty() ? null : parts[3], payload,
                    token.substring(dot + 1)));
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

    /** What a token says: which recipient of which account, of which message (or {@code null}). */
    record Claim(String accountId, String profileId, String email, String messageId, String payload,
            String signature) {

        /** Whether the account's secret signed exactly this claim (compared in constant time). */
        boolean signedWith(String secret) {
            return MessageDigest.isEqual(sign(payload, secret).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
