package dev.magpie.tenancy.internal;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes a person's own name and password. */
@Service
class ProfileEditor {

    private final UserRepository users;

    private final PasswordEncoder passwordEncoder;

    ProfileEditor(UserRepository users, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
    }

    @Transactional
    void rename(String userId, String name) {
        users.findById(userId).orElseThrow().rename(name.trim());
    }

    /**
     * Sets a new password.
     *
     * @throws TenancyException when the current password is wrong
     */
    @Transactional
    void changePassword(String userId, String currentPassword, String newPassword) {
        User user = users.findById(userId).orElseThrow();
        if (!passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw new TenancyException("currentPassword", "profile.error.wrong-password");
        }
        user.changePassword(passwordEncoder.encode(newPassword));
    }
}
