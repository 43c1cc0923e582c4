package dev.magpie.tenancy.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new password, with the current one to prove it is the person themselves at the keyboard. */
record PasswordChangeForm(@NotBlank String currentPassword, @NotBlank @Size(min = 10, max = 200) String newPassword) {

    static PasswordChangeForm empty() {
        return new PasswordChangeForm("", "");
    }
}
