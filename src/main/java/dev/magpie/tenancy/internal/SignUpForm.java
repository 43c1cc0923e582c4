package dev.magpie.tenancy.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a new store fills in to sign up. */
record SignUpForm(@NotBlank @Size(max = 200) String accountName, @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(min = 10, max = 200) String password) {

    static SignUpForm empty() {
        return new SignUpForm("", "", "", "");
    }
}
