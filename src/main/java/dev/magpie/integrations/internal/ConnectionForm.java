package dev.magpie.integrations.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What an admin names a new connection, such as the store it is for. */
record ConnectionForm(@NotBlank @Size(max = 200) String name) {

    static ConnectionForm empty() {
        return new ConnectionForm("");
    }
}
