package dev.magpie.tenancy.internal;

import dev.magpie.tenancy.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Whom to invite, and with which role. */
record InviteForm(@NotBlank @Email @Size(max = 320) String email, @NotNull Role role) {

    static InviteForm empty() {
        return new InviteForm("", Role.MANAGER);
    }
}
