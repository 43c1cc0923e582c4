package dev.magpie.integrations.internal;

/** What a queued delivery came through, which decides how it is read. */
public enum Feed {

    /** A Shopify webhook; the topic is {@code X-Shopify-Topic}. */
    SHOPIFY,
    /** A WooCommerce webhook; the topic is {@code X-WC-Webhook-Topic}. */
    WOOCOMMERCE,
    /** Magpie's generic signed webhook. */
    GENERIC,
    /** The browser API's Create Client Event. */
    CLIENT_EVENT,
    /** The browser API's Create Client Profile. */
    CLIENT_PROFILE,
    /** A Segment-compatible call; the topic is {@code track}, {@code identify} or {@code batch}. */
    SEGMENT
}
