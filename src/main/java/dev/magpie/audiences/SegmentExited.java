package dev.magpie.audiences;

import java.time.Instant;

/** A profile stopped meeting a segment's definition, or was merged away while a member. */
public record SegmentExited(String accountId, String segmentId, String profileId, Instant at) {
}
