package dev.magpie.tracking.internal;

import java.time.Instant;
import java.util.Optional;

import dev.magpie.shared.SignedTokens;
import org.springframework.stereotype.Component;

/**
 * The tokens of pixels and click links ({@link SignedTokens} under the account's tracking secret). The payload is
 * the kind ({@code o} or {@code c}), account, source, profile, message id, the millisecond the token was made and, for
 * a click, the target URL, joined by line feeds (which an id cannot contain, and a URL taken from an href
 * attribute never does). Changing any part — another account, campaign, profile or target — breaks the signature,
 * and a token is checked with the secret of the account it names, so it can only ever touch that account.
 */
@Component
class TrackingTokens {

    private static final String SEPARATOR = "\n";

    private final TrackingSecrets secrets;

    TrackingTokens(TrackingSecrets secrets) {
        this.secrets = secrets;
    }

    /** What a checked token names. */
    record Claim(Kind kind, String accountId, String sourceId, String profileId, String messageId, Instant issuedAt,
            String url) {
    }

    enum Kind {
        OPEN("o"), CLICK("c");

        final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    /** A token signed with {@code secret} (the account's, fetched once per message by the caller). */
    static String sign(Claim claim, String secret) {
        return SignedTokens.sign(String.join(SEPARATOR, claim.kind().code, claim.accountId(), claim.sourceId(),
                claim.profileId(), claim.messageId() == null ? "" : claim.messageId(),
                Long.toString(claim.issuedAt().toEpochMilli()), claim.url() == null ? "" : claim.url()), secret);
    }

    /**
     * What a token names, when it is of this kind and its account's secret signed exactly it; empty for anything
     * else (unreadable, altered, another kind, an account that never sent a tracked message). Reads, never writes.
     */
    Optional<Claim> check(String token, Kind kind) {
        return SignedTokens.read(token).flatMap(unverified -> {
            String[] parts = unverified.payload().split(SEPARATOR, -1);
            if (parts.length != 7 || !parts[0].equals(kind.code) || parts[1].isEmpty() || parts[2].isEmpty()
                    || parts[3].isEmpty() || kind == Kind.CLICK && parts[6].isEmpty()) {
                return Optional.empty();
            }
            long issued;
            try {
                issued = Long.parseLong(parts[5]);
            }
            catch (NumberFormatException unreadable) {
                return Optional.empty();
            }
            if (!secrets.existing(parts[1]).map(unverified::signedWith).orElse(false)) {
                return Optional.empty();
            }
            return Optional.of(new Claim(kind, parts[1], parts[2], parts[3], parts[4].isEmpty() ? null : parts[4],
                    Instant.ofEpochMilli(issued), parts[6].isEmpty() ? null : parts[6]));
        });
    }
}
