package dev.magpie.integrations.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random secrets and write keys, and the hash write keys are stored and looked up under. */
final class Secrets {

    private static final SecureRandom random = new SecureRandom();

    private static final char[] ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
        .toCharArray();

    private Secrets() {
    }

    /** Letters and digits that survive copying between admin screens; 40 of them carry about 230 bits. */
    static String alphanumeric(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)]);
        }
        return text.toString();
    }

    /** The SHA-256 of a high-entropy key, in hex. */
    static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
