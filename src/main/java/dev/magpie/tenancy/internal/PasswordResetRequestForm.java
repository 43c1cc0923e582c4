package dev.magpie.tenancy.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The email of a person who forgot their password. */
record PasswordResetRequestForm(@NotBlank @Email @Size(max = 320) String email) {

    static PasswordResetRequestForm empty() {
        return new PasswordResetRequestForm("");
    }
}
