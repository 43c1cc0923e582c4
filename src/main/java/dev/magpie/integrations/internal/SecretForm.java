package dev.magpie.integrations.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A signing secret an admin copies from the platform, such as the key Shopify signs its webhooks with. */
record SecretForm(@NotBlank @Size(min = 16, max = 200) @Pattern(regexp = "\\S+") String secret) {

    static SecretForm empty() {
        return new SecretForm("");
    }
}
