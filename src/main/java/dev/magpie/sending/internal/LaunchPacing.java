package dev.magpie.sending.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The pace of a throttled send ("spread over N hours"): of {@code planned} recipients, the k-th (from 0) is due at
 * {@code start + duration × k / planned}, so the last goes out just before the period ends; recipients beyond the
 * plan (the audience grew since it was counted) are due at its end. The launcher publishes what is due and pauses
 * until a {@code step} of jobs is due again, so that a small audience is not woken for every job and a large one
 * at most once per batch.
 *
 * @param start when the launch was first claimed; the pace survives restarts because it is counted from here
 */
record LaunchPacing(Instant start, Duration duration, long planned, int step) {

    /** The pace of {@code planned} recipients over {@code hours} from {@code start}: at most one pause a minute. */
    static LaunchPacing of(Instant start, int hours, long planned, int batchSize) {
        long perMinute = planned / (hours * 60L);
        return new LaunchPacing(start, Duration.ofHours(hours), planned,
                (int) Math.max(1, Math.min(batchSize, perMinute)));
    }

    /** When job {@code index} (counted from 0) is due. */
    Instant dueAt(long index) {
        if (index >= planned) {
            return start.plus(duration);
        }
        return start.plus(duration.multipliedBy(index).dividedBy(planned));
    }

    /** Whether job {@code index} may be published at {@code now}. */
    boolean allows(long index, Instant now) {
        return !dueAt(index).isAfter(now);
    }

    /** When to resume once job {@code index} is not yet due: when a whole step from it is. */
    Instant resumeAt(long index) {
        return dueAt(index + step - 1);
    }
}
