/**
 * Integrations: how a store's data reaches Magpie without writing code against the REST API. Store webhooks
 * (Shopify, WooCommerce) and Magpie's generic signed webhook, verified by HMAC; the browser (client) API with the
 * public site key; and a Segment-compatible API with a write key. Each delivery is checked and queued at once,
 * then turned into profile upserts and events by a RabbitMQ consumer.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Integrations")
package dev.magpie.integrations;
