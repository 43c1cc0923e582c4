package dev.magpie.tenancy.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a person new to Magpie fills in to accept an invitation; the email comes from the invitation. */
record NewMemberForm(@NotBlank @Size(max = 200) String name, @NotBlank @Size(min = 10, max = 200) String password) {

    static NewMemberForm empty() {
        return new NewMemberForm("", "");
    }
}
