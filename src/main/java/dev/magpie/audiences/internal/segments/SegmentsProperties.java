package dev.magpie.audiences.internal.segments;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How segments are evaluated (prefix {@code magpie.audiences.segments}).
 *
 * @param workers threads that re-evaluate profiles after events, profile and list changes (they mostly wait on
 * Cassandra: a re-evaluation is a few reads and a lightweight transaction, so many can run on few cores)
 * @param fullEvaluationThreads shards one full evaluation works on at once
 * @param pollInterval how often an idle instance looks for segments to evaluate in full and for due checks
 * @param lease how long a claimed full evaluation or sweep stays with its instance without a sign of life
 * @param catalogTtl how long an instance trusts its copy of an account's definitions; edits made on another
 * instance reach incremental evaluation here within this time
 * @param timelineEvents whether entering and leaving a segment are recorded on the profile's timeline
 * @param background whether this instance runs full evaluations and due checks in the background (tests that drive
 * them with their own clock turn it off)
 * @param mergeRecheck when the survivor of a merge is evaluated a second time: after the activity module's second
 * move of the merged profiles' events ({@code magpie.activity.profile-cache-ttl} plus 10 s), so keep it longer
 */
@ConfigurationProperties("magpie.audiences.segments")
record SegmentsProperties(@DefaultValue("32") int workers, @DefaultValue("8") int fullEvaluationThreads,
        @DefaultValue("1s") Duration pollInterval, @DefaultValue("1m") Duration lease,
        @DefaultValue("5s") Duration catalogTtl, @DefaultValue("true") boolean timelineEvents,
        @DefaultValue("75s") Duration mergeRecheck, @DefaultValue("true") boolean background) {

    SegmentsProperties {
        if (workers < 1 || fullEvaluationThreads < 1) {
            throw new IllegalArgumentException("magpie.audiences.segments.workers and full-evaluation-threads "
                    + "must be at least 1");
        }
    }
}
