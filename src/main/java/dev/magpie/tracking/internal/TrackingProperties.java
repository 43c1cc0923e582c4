package dev.magpie.tracking.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;

/**
 * Settings of tracking.
 *
 * @param publicUrl the address recipients reach Magpie at, which pixels and click links start with; unset,
 *        {@code magpie.deliverability.public-url} (the unsubscribe links' address) is used
 * @param clickPrefetchWindow a click this soon after the message was made is a link scanner's, not a reader's
 * @param clickBurst more clicks than this on one message within a second are a link scanner's
 */
@ConfigurationProperties("magpie.tracking")
record TrackingProperties(@Nullable URI publicUrl, @DefaultValue("2s") Duration clickPrefetchWindow,
        @DefaultValue("3") int clickBurst) {
}
