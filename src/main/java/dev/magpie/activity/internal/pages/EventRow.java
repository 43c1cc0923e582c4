package dev.magpie.activity.internal.pages;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * An event as a timeline or the feed shows it: its metric's icon, the time in the account's zone, the value
 * with its currency, the properties as a tree, and (in the feed) who did it.
 */
record EventRow(String id, String metricId, String metricName, String icon, ZonedDateTime time, String value,
        String profileId, String profileLabel, List<PropertyTree.Node> properties) {
}
