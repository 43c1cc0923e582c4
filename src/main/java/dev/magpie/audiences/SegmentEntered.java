package dev.magpie.audiences;

import java.time.Instant;

/** A profile came to meet a segment's definition (flows trigger on it); also on the profile's timeline. */
public record SegmentEntered(String accountId, String segmentId, String profileId, Instant at) {
}
