package dev.magpie.integrations.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import dev.magpie.activity.MetricSource;

/** A kind of connection an account can have, named in URLs by its slug. */
public enum Platform {

    /** A Shopify store's webhooks, signed with {@code X-Shopify-Hmac-Sha256}. */
    SHOPIFY(MetricSource.SHOPIFY, true),
    /** A WooCommerce store's webhooks, signed with {@code X-WC-Webhook-Signature}. */
    WOOCOMMERCE(MetricSource.WOOCOMMERCE, true),
    /** Magpie's own signed webhook, for any other system. */
    GENERIC(MetricSource.API, true),
    /** A Segment-compatible source, authenticated by its write key. */
    SEGMENT(MetricSource.API, false);

    private final MetricSource source;

    private final boolean signed;

    Platform(MetricSource source, boolean signed) {
        this.source = source;
        this.signed = signed;
    }

    /** Where the metrics of this platform's events come from. */
    public MetricSource source() {
        return source;
    }

    /** Whether deliveries are signed with a shared secret (otherwise a write key authenticates them). */
    public boolean signed() {
        return signed;
    }

    /** The platform's name in URLs and message keys: {@code shopify}, {@code woocommerce}, … */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The platform named {@code slug}, if any. */
    public static Optional<Platform> fromSlug(String slug) {
        return Arrays.stream(values()).filter(platform -> platform.slug().equals(slug)).findFirst();
    }
}
