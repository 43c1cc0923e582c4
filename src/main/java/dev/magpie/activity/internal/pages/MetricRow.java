package dev.magpie.activity.internal.pages;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;

/** A metric as the list shows it: icon, name, source, and first and last seen in the account's zone. */
record MetricRow(String id, String name, String icon, MetricSource source, ZonedDateTime firstSeen,
        ZonedDateTime lastSeen) {

    static MetricRow of(Metric metric, ZoneId zone) {
        return new MetricRow(metric.id(), metric.name(), MetricIcons.of(metric.name()), metric.source(),
                metric.firstSeen() == null ? null : metric.firstSeen().atZone(zone),
                metric.lastSeen() == null ? null : metric.lastSeen().atZone(zone));
    }
}
