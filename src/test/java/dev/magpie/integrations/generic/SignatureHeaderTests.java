package dev.magpie.integrations.generic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureHeaderTests {

    private static final byte[] BODY = "{\"id\":\"d-1\"}".getBytes(StandardCharsets.UTF_8);

    private static final Instant NOW = Instant.parse("2026-07-15T09:30:00Z");

    @Test
    void aHeaderSignedWithTheSecretAtTheTimeItClaimsMatches() {
        SignatureHeader header = SignatureHeader.parse(SignatureHeader.sign(BODY, "mgps_secret", NOW)).orElseThrow();

        assertThat(header.timestamp()).isEqualTo(NOW.getEpochSecond());
        assertThat(header.matches(BODY, "mgps_secret")).isTrue();
        assertThat(header.matches(BODY, "other")).isFalse();
        assertThat(header.matches("{\"id\":\"d-2\"}".getBytes(StandardCharsets.UTF_8), "mgps_secret")).isFalse();
    }

    @Test
    void theTimestampIsPartOfWhatIsSigned() {
        String signed = SignatureHeader.sign(BODY, "mgps_secret", NOW);
        String moved = signed.replace("t=" + NOW.getEpochSecond(), "t=" + NOW.plusSeconds(600).getEpochSecond());

        assertThat(SignatureHeader.parse(moved).orElseThrow().matches(BODY, "mgps_secret")).isFalse();
    }

    @Test
    void freshnessIsWithinTheToleranceEitherWay() {
        SignatureHeader header = SignatureHeader.parse(SignatureHeader.sign(BODY, "s", NOW)).orElseThrow();

        assertThat(header.isFresh(NOW.plus(Duration.ofMinutes(5)), Duration.ofMinutes(5))).isTrue();
        assertThat(header.isFresh(NOW.minus(Duration.ofMinutes(5)), Duration.ofMinutes(5))).isTrue();
        assertThat(header.isFresh(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1), Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void oneOfSeveralSignaturesIsEnough() {
        String valid = SignatureHeader.sign(BODY, "new-secret", NOW);
        String both = valid + ",v1=" + "0".repeat(64);

        assertThat(SignatureHeader.parse(both).orElseThrow().signatures()).hasSize(2);
        assertThat(SignatureHeader.parse(both).orElseThrow().matches(BODY, "new-secret")).isTrue();
    }

    @Test
    void malformedHeadersAreRefused() {
        assertThat(SignatureHeader.parse(null)).isEmpty();
        assertThat(SignatureHeader.parse("v1=abc")).isEmpty();
        assertThat(SignatureHeader.parse("t=1700000000")).isEmpty();
        assertThat(SignatureHeader.parse("t=yesterday,v1=abc")).isEmpty();
    }
}
