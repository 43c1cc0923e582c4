package dev.magpie.deliverability.internal;

import java.util.Optional;

import dev.magpie.shared.SignedTokens;

/**
 * The tokens of unsubscribe links, made as double opt-in links are ({@link SignedTokens}) under the account's own
 * secret; the payload is the account, profile, email and message id joined by line feeds (which none of them can
 * contain; an email may contain dots). A token names everything needed to check it, so any instance can, and none
 * of its parts can be changed, nor the token used for another account, without that account's secret.
 */
final class UnsubscribeTokens {

    private static final String SEPARATOR = "\n";

    private UnsubscribeTokens() {
    }

    /** A token for the recipient; {@code messageId} may be {@code null}. */
    static String token(String accountId, String profileId, String email, String messageId, String secret) {
        return SignedTokens.sign(
                String.join(SEPARATOR, accountId, profileId, email, messageId == null ? "" : messageId), secret);
    }

    /** What a token claims, before its signature is checked; empty when it cannot be read at all. */
    static Optional<Claim> read(String token) {
        return SignedTokens.read(token).flatMap(unverified -> {
            String[] parts = unverified.payload().split(SEPARATOR, -1);
            if (parts.length != 4 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Claim(parts[0], parts[1], parts[2], parts[3].isEmpty() ? null : parts[3],
                    unverified));
        });
    }

    /** What a token says: which recipient of which account, of which message (or {@code null}). */
    record Claim(String accountId, String profileId, String email, String messageId,
            SignedTokens.Unverified token) {

        /** Whether the account's secret signed exactly this claim. */
        boolean signedWith(String secret) {
            return token.signedWith(secret);
        }
    }
}
