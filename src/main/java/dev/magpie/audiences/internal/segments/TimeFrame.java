package dev.magpie.audiences.internal.segments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A span of time a condition looks at, in Klaviyo's date filters: all time, before or after a date, between two
 * dates, in the last or next N hours, days or weeks, at least N units ago, between N and M units ago.
 *
 * <p>The time-zone rule: hours are rolling ({@code now - N hours}); days and weeks are calendar days of the
 * account's time zone, so "in the last 30 days" starts at midnight (account time) 30 days before today and ends
 * now, and "at least 7 days ago" means before midnight 7 days before today. Such a window moves only at the
 * account's midnights, which is when the scheduler re-evaluates the profiles it affects.
 */
record TimeFrame(Bound lower, Bound upper) {

    /** Everything, past and future. */
    static final TimeFrame ALL_TIME = new TimeFrame(Bound.NONE, Bound.NONE);

    /** Units of relative frames. */
    enum Unit {
        HOUR, DAY, WEEK;

        int days(int quantity) {
            return this == WEEK ? 7 * quantity : quantity;
        }
    }

    /** After {@code instant} (inclusive). */
    static TimeFrame after(Instant instant) {
        return new TimeFrame(new Bound.Fixed(instant), Bound.NONE);
    }

    /** Before {@code instant} (exclusive). */
    static TimeFrame before(Instant instant) {
        return new TimeFrame(Bound.NONE, new Bound.Fixed(instant));
    }

    static TimeFrame between(Instant start, Instant end) {
        return new TimeFrame(new Bound.Fixed(start), new Bound.Fixed(end));
    }

    /** In the last N units, up to now. */
    static TimeFrame inTheLast(int quantity, Unit unit) {
        return new TimeFrame(ago(quantity, unit), new Bound.Rolling(Duration.ofMillis(1)));
    }

    /** From now to N units ahead. */
    static TimeFrame inTheNext(int quantity, Unit unit) {
        Bound upper = unit == Unit.HOUR ? new Bound.Rolling(Duration.ofHours(quantity))
                : new Bound.Stepped(unit.days(quantity) + 1);
        return new TimeFrame(new Bound.Rolling(Duration.ZERO), upper);
    }

    /** At least N units ago. */
    static TimeFrame atLeast(int quantity, Unit unit) {
        return new TimeFrame(Bound.NONE, ago(quantity, unit));
    }

    /** Between {@code start} and {@code end} units ago (in either order). */
    static TimeFrame betweenAgo(int start, int end, Unit unit) {
        int near = Math.min(start, end);
        int far = Math.max(start, end);
        return new TimeFrame(ago(far, unit), ago(near, unit));
    }

    private static Bound ago(int quantity, Unit unit) {
        return unit == Unit.HOUR ? new Bound.Rolling(Duration.ofHours(-quantity)) : new Bound.Stepped(-unit.days(quantity));
    }

    /** Whether {@code point} lies in the frame as it stands at {@code now}. */
    boolean contains(Instant point, Instant now, ZoneId zone) {
        Instant from = lower.at(now, zone);
        Instant to = upper.at(now, zone);
        return (from == null || !point.isBefore(from)) && (to == null || point.isBefore(to));
    }

    /** The frame's start at {@code now}, or {@code null} when it has none. */
    Instant from(Instant now, ZoneId zone) {
        return lower.at(now, zone);
    }

    /** The frame's (exclusive) end at {@code now}, or {@code null} when it has none. */
    Instant to(Instant now, ZoneId zone) {
        return upper.at(now, zone);
    }

    /** Whether the frame moves as time passes. */
    boolean moves() {
        return lower.moves() || upper.moves();
    }

    /**
     * The first instant after {@code now} at which {@code point} enters or leaves the frame, if it ever does. A
     * moving bound passes a point once: both bounds only move forward.
     */
    Optional<Instant> nextCrossing(Instant point, Instant now, ZoneId zone) {
        Instant first = null;
        for (Bound bound : new Bound[] { lower, upper }) {
            Instant crossing = bound.passes(point, zone);
            if (crossing != null && crossing.isAfter(now) && (first == null || crossing.isBefore(first))) {
                first = crossing;
            }
        }
        return Optional.ofNullable(first);
    }

    /** One end of a frame, as a function of the time it is evaluated at. */
    sealed interface Bound {

        Bound NONE = new None();

        /** The bound's instant at {@code now}; {@code null} for none. */
        Instant at(Instant now, ZoneId zone);

        /** The first instant at which this bound is later than {@code point}; {@code null} if it never moves. */
        Instant passes(Instant point, ZoneId zone);

        default boolean moves() {
            return false;
        }

        /** No bound: the frame is open on this side. */
        record None() implements Bound {

            @Override
            public Instant at(Instant now, ZoneId zone) {
                return null;
            }

            @Override
            public Instant passes(Instant point, ZoneId zone) {
                return null;
            }
        }

        /** A fixed instant. */
        record Fixed(Instant instant) implements Bound {

            @Override
            public Instant at(Instant now, ZoneId zone) {
                return instant;
            }

            @Override
            public Instant passes(Instant point, ZoneId zone) {
                return null;
            }
        }

        /** {@code now + offset}. */
        record Rolling(Duration offset) implements Bound {

            @Override
            public Instant at(Instant now, ZoneId zone) {
                return now.plus(offset);
            }

            @Override
            public Instant passes(Instant point, ZoneId zone) {
                // now + offset > point first at the next millisecond after point - offset
                return point.minus(offset).plusMillis(1);
            }

            @Override
            public boolean moves() {
                return true;
            }
        }

        /** Midnight (in the account's zone) of today plus {@code days}. */
        record Stepped(int days) implements Bound {

            @Override
            public Instant at(Instant now, ZoneId zone) {
                return LocalDate.ofInstant(now, zone).plusDays(days).atStartOfDay(zone).toInstant();
            }

            @Override
            public Instant passes(Instant point, ZoneId zone) {
                // midnight(today + days) > point first on the day when today + days = date(point) + 1
                return LocalDate.ofInstant(point, zone).plusDays(1L - days).atStartOfDay(zone).toInstant();
            }

            @Override
            public boolean moves() {
                return true;
            }
        }
    }
}
