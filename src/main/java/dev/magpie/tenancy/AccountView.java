package dev.magpie.tenancy;

import java.time.Instant;

/** An account as other modules and the API see it. */
public record AccountView(String id, String name, String publicApiKey, String timezone, String currency,
        String locale, String websiteUrl, String senderName, String senderEmail, boolean suspended,
        Instant createdAt) {
}
