package dev.magpie.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets a person who forgot their password choose a new one through a single-use link sent to their email.
 * Only the link's hash is stored, so a leaked database does not hand out working links.
 */
@Service
class PasswordResets {

    private static final int TOKEN_BYTES = 32;

    private final UserRepository users;

    private final PasswordResetRepository resets;

    private final PasswordEncoder passwordEncoder;

    private final TenancyMailer mailer;

    private final TenancyProperties properties;

    private final Clock clock;

    PasswordResets(UserRepository users, PasswordResetRepository resets, PasswordEncoder passwordEncoder,
            TenancyMailer mailer, TenancyProperties properties, Clock clock) {
        this.users = users;
        this.resets = resets;
        this.passwordEncoder = passwordEncoder;
        this.mailer = mailer;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Emails a reset link if a user has this email, and does nothing otherwise: the caller answers the same
     * either way, so the form cannot be used to find out who has a login. The link is stored only if the
     * email went out.
     */
    @Transactional
    void request(String email) {
        users.findByEmailIgnoreCase(AccountRegistrar.normalizeEmail(email)).ifPresent(user -> {
            String token = Secrets.token(TOKEN_BYTES);
            Instant now = clock.instant();
            resets.save(new PasswordReset(Secrets.sha256(token), user.id(), now,
                    now.plus(properties.passwordResetValidity())));
            mailer.sendPasswordReset(user.email(), token);
        });
    }

    /** Whether the link with this token can still be used. */
    @Transactional(readOnly = true)
    boolean isUsable(String token) {
        return usable(token).isPresent();
    }

    /** Sets the new password and uses up this link and every other pending link of the same person. */
    @Transactional
    void reset(String token, String newPassword) {
        PasswordReset reset = usable(token)
                .orElseThrow(() -> new TenancyException(null, "password-reset.invalid"));
        Instant now = clock.instant();
        User user = users.findById(reset.userId()).orElseThrow();
        user.changePassword(passwordEncoder.encode(newPassword));
        resets.findAllByUserIdAndUsedAtIsNull(user.id()).forEach(pending -> pending.use(now));
        reset.use(now);
    }

    private Optional<PasswordReset> usable(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return resets.findById(Secrets.sha256(token)).filter(reset -> reset.isUsable(clock.instant()));
    }
}
