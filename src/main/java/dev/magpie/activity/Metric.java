package dev.magpie.activity;

import java.time.Instant;

/** A kind of event in one account's catalogue, created when its first event arrives. */
public record Metric(String id, String name, MetricSource source, Instant firstSeen, Instant lastSeen) {
}
