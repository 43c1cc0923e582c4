package dev.magpie.tenancy.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The name a person goes by in every account they belong to. */
record ProfileForm(@NotBlank @Size(max = 200) String name) {
}
