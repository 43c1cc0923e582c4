package dev.magpie.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens for links that must not be forged: {@code base64url(payload)} and an HMAC-SHA256 of the payload under a
 * secret, joined by a dot. The payload travels in the token, so any instance that knows the secret can check it;
 * nobody can change it without the secret. Double opt-in and unsubscribe links are made this way.
 */
public final class SignedTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private SignedTokens() {
    }

    /** The token of {@code payload}, signed with {@code secret}. */
    public static String sign(String payload, String secret) {
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + signature(payload, secret);
    }

    /**
     * What a token carries, before its signature is checked (the payload names whose secret to check it with);
     * empty when it is not a token at all.
     */
    public static Optional<Unverified> read(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1 || token.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            return Optional.of(new Unverified(payload, token.substring(dot + 1)));
        }
        catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    private static String signature(String payload, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", impossible);
        }
    }

    /** A token's payload and signature, not yet checked. */
    public record Unverified(String payload, String signature) {

        /** Whether {@code secret} signed exactly this payload (compared in constant time). */
        public boolean signedWith(String secret) {
            return MessageDigest.isEqual(SignedTokens.signature(payload, secret).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
