package dev.magpie.integrations.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures as platforms send them, compared in constant time so that the time an answer takes
 * says nothing about how much of a forged signature was right.
 */
public final class Signatures {

    private Signatures() {
    }

    /** The HMAC-SHA256 of {@code data} with {@code secret} (its UTF-8 bytes) as key. */
    public static byte[] hmacSha256(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        }
        catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Whether {@code signature} is the base64 HMAC-SHA256 of {@code body} (Shopify, WooCommerce). */
    public static boolean isBase64Hmac(String signature, byte[] body, String secret) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(signature.trim());
        }
        catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(claimed, hmacSha256(secret, body));
    }

    /** Whether {@code signature} is the hex HMAC-SHA256 of {@code data}, in either case. */
    public static boolean isHexHmac(String signature, byte[] data, String secret) {
        if (signature == null || signature.length() != 64) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(signature);
        }
        catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(claimed, hmacSha256(secret, data));
    }

    /** The base64 HMAC-SHA256 of {@code body}, as Shopify and WooCommerce sign. */
    public static String base64Hmac(byte[] body, String secret) {
        return Base64.getEncoder().encodeToString(hmacSha256(secret, body));
    }

    /** The hex HMAC-SHA256 of {@code data}. */
    public static String hexHmac(byte[] data, String secret) {
        return HexFormat.of().formatHex(hmacSha256(secret, data));
    }
}
