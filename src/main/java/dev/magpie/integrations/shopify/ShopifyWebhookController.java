package dev.magpie.integrations.shopify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.magpie.integrations.internal.Connections;
import dev.magpie.integrations.internal.Feed;
import dev.magpie.integrations.internal.Intake;
import dev.magpie.integrations.internal.IntegrationsProperties;
import dev.magpie.integrations.internal.Platform;
import dev.magpie.integrations.internal.Refusals;
import dev.magpie.integrations.internal.RequestBodies;
import dev.magpie.integrations.internal.Signatures;
import dev.magpie.integrations.internal.WebhookEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives a Shopify store's webhooks: checks {@code X-Shopify-Hmac-Sha256} (the base64 HMAC-SHA256 of the raw
 * body with the connection's secret), recognises redeliveries by {@code X-Shopify-Webhook-Id}, queues the rest
 * and answers 200 at once: Shopify gives a webhook five seconds and retries what it thinks failed.
 */
@RestController
class ShopifyWebhookController {

    static final String SIGNATURE = "X-Shopify-Hmac-Sha256";

    static final String TOPIC = "X-Shopify-Topic";

    static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";

    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhookController.class);

    private final Connections connections;

    private final Intake intake;

    private final IntegrationsProperties properties;

    ShopifyWebhookController(Connections connections, Intake intake, IntegrationsProperties properties) {
        this.connections = connections;
        this.intake = intake;
        this.properties = properties;
    }

    @PostMapping("/webhooks/shopify/{connectionId}")
    ResponseEntity<Void> receive(@PathVariable String connectionId, HttpServletRequest request) throws IOException {
        WebhookEndpoint endpoint = connections.endpoint(connectionId, Platform.SHOPIFY)
            .orElseThrow(() -> Refusals.noConnection(Platform.SHOPIFY));
        byte[] body = RequestBodies.read(request, properties.maxWebhookSize().toBytes());
        String signature = request.getHeader(SIGNATURE);
        if (!endpoint.verifies(secret -> Signatures.isBase64Hmac(signature, body, secret))) {
            throw Refusals.badSignature(SIGNATURE);
        }
        String topic = request.getHeader(TOPIC);
        if (!ShopifyMapper.TOPICS.contains(topic)) {
            // Acknowledged, so that Shopify does not retry (and eventually remove) a subscription Magpie ignores
            log.debug("Ignoring Shopify topic {} on connection {}", topic, connectionId);
            return ResponseEntity.ok().build();
        }
        intake.accept(endpoint, Feed.SHOPIFY, topic, request.getHeader(WEBHOOK_ID),
                new String(body, StandardCharsets.UTF_8));
        return ResponseEntity.ok().build();
    }
}
