package dev.magpie.tenancy.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The password chosen through a reset link. */
record NewPasswordForm(@NotBlank @Size(min = 10, max = 200) String password) {

    static NewPasswordForm empty() {
        return new NewPasswordForm("");
    }
}
