package dev.magpie.tenancy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** One permission of a private API key: read or write access to one family of resources, as in Klaviyo. */
public record ApiScope(String resource, Access access) {

    /** Resource families an API key can be scoped to. */
    public static final java.util.List<String> RESOURCES = java.util.List.of(
            "accounts", "profiles", "events", "metrics", "lists", "segments", "subscriptions", "templates", "campaigns",
            "flows");

    /** Read or write; write includes read. */
    public enum Access {
        READ, WRITE
    }

    /** Parses {@code "profiles:write"}. */
    public static Optional<ApiScope> parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        if (parts.length != 2 || !RESOURCES.contains(parts[0])) {
            return Optional.empty();
        }
        return Arrays.stream(Access.values())
                .filter(access -> access.name().equalsIgnoreCase(parts[1]))
                .findFirst()
                .map(access -> new ApiScope(parts[0], access));
    }

    /** Whether holding this scope allows {@code access} to {@code resource}. */
    public boolean allows(String resource, Access access) {
        return this.resource.equals(resource) && (this.access == Access.WRITE || access == Access.READ);
    }

    @Override
    public String toString() {
        return resource + ":" + access.name().toLowerCase(Locale.ROOT);
    }
}
