package dev.magpie.admin.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An operator's password change. */
record PasswordForm(@NotBlank String currentPassword, @NotBlank @Size(min = 10, max = 200) String newPassword) {

    static PasswordForm empty() {
        return new PasswordForm("", "");
    }
}
