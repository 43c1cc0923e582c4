package dev.magpie.integrations.internal;

import java.net.URI;
import java.time.Duration;

import dev.magpie.web.api.RateLimitTier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of store webhooks, the browser API and the Segment-compatible API (prefix {@code magpie.integrations}).
 *
 * @param publicUrl the address stores and browsers reach Magpie at, such as {@code https://magpie.example.com},
 * used in the webhook URLs and snippets the integration pages show; empty to use the address the page was
 * requested at
 * @param signatureTolerance how far the timestamp of a generic webhook's signature may lie from Magpie's clock;
 * older (or newer) deliveries are refused, so a captured delivery cannot be replayed later
 * @param deliveryRetention how long delivery ids are remembered to recognise a platform's redeliveries; longer
 * than any platform keeps retrying (Shopify: 48 hours)
 * @param secretGracePeriod how long the previous signing secret is still accepted after a rotation, while the
 * store switches to the new one
 * @param maxWebhookSize the largest webhook body accepted; larger ones are answered 413
 * @param maxClientRequestSize the largest body of a browser (client) API call
 * @param clientRateLimit the rate-limit tier of the browser API, counted per public site key and endpoint
 * @param consumers how many deliveries one instance processes at once
 */
@ConfigurationProperties("magpie.integrations")
public record IntegrationsProperties(@Nullable URI publicUrl, @DefaultValue("5m") Duration signatureTolerance,
        @DefaultValue("14d") Duration deliveryRetention, @DefaultValue("24h") Duration secretGracePeriod,
        @DefaultValue("5MB") DataSize maxWebhookSize, @DefaultValue("1MB") DataSize maxClientRequestSize,
        @DefaultValue("XL") RateLimitTier clientRateLimit, @DefaultValue("2") int consumers) {

    public IntegrationsProperties {
        if (consumers < 1) {
            throw new IllegalArgumentException("magpie.integrations.consumers must be at least 1");
        }
    }
}
