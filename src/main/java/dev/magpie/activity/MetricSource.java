package dev.magpie.activity;

/** Where a metric's events come from. */
public enum MetricSource {

    /** The REST API, the browser API or the Segment-compatible API. */
    API,
    SHOPIFY,
    WOOCOMMERCE,
    /** Magpie itself: Received Email, Opened Email, Clicked Email, Unsubscribed, … */
    MAGPIE
}
