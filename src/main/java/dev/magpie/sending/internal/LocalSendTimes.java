package dev.magpie.sending.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * When a local-time campaign reaches each recipient: its date and time of day (stored as read in UTC) in the
 * recipient's own time zone — the profile location's {@code timezone} — or the account's for a profile without
 * one (or with a zone Java does not know). A time that does not exist in a zone (skipped by a daylight-saving
 * change) moves forward by the gap, as {@link LocalDateTime#atZone} does.
 */
final class LocalSendTimes {

    private final LocalDateTime local;

    private final ZoneId fallback;

    private final Map<String, Instant> byZone = new HashMap<>();

    LocalSendTimes(Instant sendAt, String accountTimezone) {
        this.local = LocalDateTime.ofInstant(sendAt, ZoneOffset.UTC);
        this.fallback = zone(accountTimezone, ZoneOffset.UTC);
    }

    /** The moment the campaign's local time comes in {@code timezone} (the account's zone when {@code null}). */
    Instant momentFor(String timezone) {
        return byZone.computeIfAbsent(timezone == null ? "" : timezone,
                zone -> local.atZone(zone(zone, fallback)).toInstant());
    }

    private static ZoneId zone(String name, ZoneId otherwise) {
        if (name == null || name.isBlank()) {
            return otherwise;
        }
        try {
            return ZoneId.of(name.strip());
        }
        catch (DateTimeException unknown) {
            return otherwise;
        }
    }
}
