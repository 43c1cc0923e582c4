package dev.magpie.activity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;

import com.github.f4b6a3.ulid.Ulid;

/**
 * Event identity. An event's id is a ULID: its time part is the event's time to the second, its random part the
 * start of a SHA-256 of account, profile, metric and unique id (or, without one, the second of the event, as
 * Klaviyo does). So the same event always gets the same id and rows, ids sort by time, and an id alone names the
 * partitions its event lives in: the hour of its time and its shard.
 *
 * <p>The event's <em>key</em> is the same hash without the time: it recognises a repeat of an event whose
 * unique id comes back with another time (a retry that left the time to Magpie, which uses the time it
 * received it).
 */
final class EventIds {

    /** How many partitions an hour of an account's events is spread over. */
    static final int SHARDS = 16;

    private static final int ID_LENGTH = 26;

    private EventIds() {
    }

    /** The id and key of the event that {@code profileId} did in {@code metricId} at {@code time}. */
    static Identity identify(String accountId, String profileId, String metricId, String uniqueId, Instant time) {
        Instant second = time.truncatedTo(ChronoUnit.SECONDS);
        String discriminator = uniqueId != null ? "u" + uniqueId : "t" + second.getEpochSecond();
        byte[] hash = sha256(accountId + '\u0000' + profileId + '\u0000' + metricId + '\u0000' + discriminator);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        String id = new Ulid(second.toEpochMilli(), Arrays.copyOf(hash, Ulid.RANDOM_BYTES)).toString();
        return new Identity(id, key);
    }

    /** The key of an event, as {@link #identify} computes it; for an event that moves to another profile. */
    static String key(String accountId, String profileId, String metricId, String uniqueId, Instant time) {
        return identify(accountId, profileId, metricId, uniqueId, time).key();
    }

    /** Whether {@code text} can be an event id (in any letter case). */
    static boolean isId(String text) {
        return text != null && text.length() == ID_LENGTH && Ulid.isValid(text);
    }

    /** The id in its stored form: upper case. */
    static String canonical(String id) {
        return Ulid.from(id).toString();
    }

    /** The event time the id carries. */
    static Instant time(String id) {
        return Instant.ofEpochMilli(Ulid.getTime(id));
    }

    /** The hour of the event, which partitions {@code events} and {@code events_by_metric}. */
    static Instant hour(String id) {
        return hourOf(time(id));
    }

    static Instant hourOf(Instant time) {
        return time.truncatedTo(ChronoUnit.HOURS);
    }

    /** The shard of the event within its hour of {@code events}: the low bits of the id's last character. */
    static byte shard(String id) {
        return (byte) (Ulid.from(id).getLeastSignificantBits() & (SHARDS - 1));
    }

    /** The month of a profile's timeline partition, as {@code yyyymm} in UTC. */
    static int monthOf(Instant time) {
        ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
        return utc.getYear() * 100 + utc.getMonthValue();
    }

    /** The first instant of a {@code yyyymm} month. */
    static Instant startOfMonth(int month) {
        return LocalDate.of(month / 100, month % 100, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The UTC day of a profile's rollup row. */
    static LocalDate dayOf(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    /** The smallest id an event at {@code time} (to the millisecond) can have. */
    static String lowestAt(Instant time) {
        return Ulid.min(time.toEpochMilli()).toString();
    }

    /** The largest id an event at {@code time} (to the millisecond) can have. */
    static String highestAt(Instant time) {
        return Ulid.max(time.toEpochMilli()).toString();
    }

    /** The id as a UUID (the same 128 bits), which Klaviyo's {@code uuid} attribute carries. */
    static String uuid(String id) {
        return Ulid.from(id).toUuid().toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
        }
    }

    /** An event's id and its key. */
    record Identity(String id, String key) {
    }
}
