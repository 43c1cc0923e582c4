package dev.magpie.integrations.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTests {

    private static final byte[] BODY = "{\"id\":820982911946154508}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBase64HmacOfTheExactBodyWithTheSecretMatches() {
        String signature = Signatures.base64Hmac(BODY, "shpss_secret");

        assertThat(Signatures.isBase64Hmac(signature, BODY, "shpss_secret")).isTrue();
        assertThat(Signatures.isBase64Hmac(signature, BODY, "another secret")).isFalse();
        assertThat(Signatures.isBase64Hmac(signature, "{\"id\":820982911946154509}".getBytes(StandardCharsets.UTF_8),
                "shpss_secret")).as("a changed body").isFalse();
    }

    @Test
    void missingOrMalformedSignaturesNeverMatch() {
        assertThat(Signatures.isBase64Hmac(null, BODY, "secret")).isFalse();
        assertThat(Signatures.isBase64Hmac("", BODY, "secret")).isFalse();
        assertThat(Signatures.isBase64Hmac("not base64 !", BODY, "secret")).isFalse();
        assertThat(Signatures.isHexHmac("abc", BODY, "secret")).isFalse();
        assertThat(Signatures.isHexHmac("z".repeat(64), BODY, "secret")).isFalse();
    }

    @Test
    void hexHmacsMatchInEitherCase() {
        String signature = Signatures.hexHmac(BODY, "secret");

        assertThat(Signatures.isHexHmac(signature, BODY, "secret")).isTrue();
        assertThat(Signatures.isHexHmac(signature.toUpperCase(), BODY, "secret")).isTrue();
    }

    @Test
    void knownVector() {
        // RFC 4231 test case 2
        assertThat(Signatures.hexHmac("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8), "Jefe"))
            .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
