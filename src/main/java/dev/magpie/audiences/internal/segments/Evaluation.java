package dev.magpie.audiences.internal.segments;

import java.time.Instant;
import java.util.List;

/**
 * Why a profile is in a segment or not: each group and each condition, with the profile's actual value (the count
 * in the window, the property's value) and whether it held; and when the answer may next change with time alone.
 *
 * @param member whether every group held
 * @param nextCheck when a time-relative condition may next change its answer for this profile, or {@code null}
 */
record Evaluation(boolean member, List<GroupResult> groups, Instant nextCheck) {

    /** One condition group: held when any of its conditions held. */
    record GroupResult(boolean held, List<ConditionResult> conditions) {
    }

    /**
     * One condition's outcome.
     *
     * @param pointer where the condition is in the definition
     * @param type its Klaviyo type, e.g. {@code profile-metric}
     * @param actual the profile's value, as shown to people (e.g. {@code "3"}, {@code "berlin"}, {@code "not set"})
     */
    record ConditionResult(String pointer, String type, String actual, boolean held) {
    }
}
