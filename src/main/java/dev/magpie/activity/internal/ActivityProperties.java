package dev.magpie.activity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the activity module stores events (prefix {@code magpie.activity}).
 *
 * @param dedupWindow how long Magpie remembers which event a profile's (metric, unique id) became; a repeat
 * within the window is recognised without changing anything, a repeat after it is stored again. Events with an
 * explicit time get the same id on every repeat, so their rows are never duplicated, whatever the window
 * @param writesInFlight the most Cassandra statements one instance keeps in flight at once; more waits, which
 * keeps a burst of bulk jobs from overrunning the cluster
 * @param bulkConsumers how many bulk-create jobs one instance works on at once
 * @param bulkProfileThreads how many of a bulk job's profiles are resolved at once (profile look-ups block)
 * @param profileCacheTtl how long a profile found for identifiers alone is remembered, so that a stream of
 * events naming the same email does not look the profile up each time. Merges move events that arrived within
 * this time again once it has passed
 * @param profileCacheSize the most such profiles remembered per instance
 * @param maxRequestBytes the largest request body the event endpoints accept (Klaviyo's limit is 5 MB)
 */
@ConfigurationProperties("magpie.activity")
record ActivityProperties(@DefaultValue("400d") Duration dedupWindow, @DefaultValue("256") int writesInFlight,
        @DefaultValue("2") int bulkConsumers, @DefaultValue("16") int bulkProfileThreads,
        @DefaultValue("60s") Duration profileCacheTtl, @DefaultValue("100000") int profileCacheSize,
        @DefaultValue("5242880") int maxRequestBytes) {

    ActivityProperties {
        if (writesInFlight < 1 || bulkConsumers < 1 || bulkProfileThreads < 1) {
            throw new IllegalArgumentException(
                    "magpie.activity.writes-in-flight, bulk-consumers and bulk-profile-threads must be at least 1");
        }
        if (dedupWindow.toSeconds() < 1 || dedupWindow.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("magpie.activity.dedup-window must be between 1 second and 68 years");
        }
    }
}
