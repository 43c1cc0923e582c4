package dev.magpie.audiences.internal.lists;

import java.time.Instant;
import java.util.Optional;

import dev.magpie.shared.SignedTokens;

/**
 * The tokens of double opt-in confirmation links ({@link SignedTokens}): the account, list, profile and expiry,
 * signed with the list's own secret. A token names everything needed to check it, so any instance can, and none
 * can be altered or reused for another list, profile or account without the secret.
 */
final class ConfirmationLinks {

    private ConfirmationLinks() {
    }

    /** A token for the profile's confirmation of the list, valid until {@code expiry}. */
    static String token(String accountId, String listId, String profileId, Instant expiry, String secret) {
        return SignedTokens.sign(
                String.join(".", accountId, listId, profileId, Long.toString(expiry.getEpochSecond())), secret);
    }

    /** What a token claims, before its signature is checked; empty when it cannot be read at all. */
    static Optional<Claim> read(String token) {
        return SignedTokens.read(token).flatMap(unverified -> {
            String[] parts = unverified.payload().split("\\.");
            if (parts.length != 4) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Claim(parts[0], parts[1], parts[2],
                        Instant.ofEpochSecond(Long.parseLong(parts[3])), unverified));
            }
            catch (NumberFormatException unreadable) {
                return Optional.empty();
            }
        });
    }

    /** What a token says: whose confirmation of which list, until when. */
    record Claim(String accountId, String listId, String profileId, Instant expiry, SignedTokens.Unverified token) {

        /** Whether the list's secret signed exactly this claim. */
        boolean signedWith(String secret) {
            return token.signedWith(secret);
        }
    }
}
