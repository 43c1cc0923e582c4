package dev.magpie.integrations.woocommerce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives a WooCommerce store's webhooks: checks {@code X-WC-Webhook-Signature} (the base64 HMAC-SHA256 of the
 * raw body with the webhook's secret), recognises repeats by {@code X-WC-Webhook-Delivery-ID} (or, without it,
 * by the body), queues the rest and answers 200 at once.
 */
@RestController
class WooCommerceWebhookController {

    static final String SIGNATURE = "X-WC-Webhook-Signature";

    static final String TOPIC = "X-WC-Webhook-Topic";

    static final String DELIVERY_ID = "X-WC-Webhook-Delivery-ID";

    /**
     * What WooCommerce posts, unsigned, when a webhook is saved as active: it keeps the webhook only if the
     * answer is a 2xx. It carries no data, so answering it stores nothing.
     */
    private static final Pattern PING = Pattern.compile("webhook_id=\\d+");

    private final Connections connections;

    private final Intake intake;

    private final IntegrationsProperties properties;

    WooCommerceWebhookController(Connections connections, Intake intake, IntegrationsProperties properties) {
        this.connections = connections;
        this.intake = intake;
        this.properties = properties;
    }

    @PostMapping("/webhooks/woocommerce/{connectionId}")
    ResponseEntity<Void> receive(@PathVariable String connectionId, HttpServletRequest request) throws IOException {
        WebhookEndpoint endpoint = connections.endpoint(connectionId, Platform.WOOCOMMERCE)
            .orElseThrow(() -> Refusals.noConnection(Platform.WOOCOMMERCE));
        byte[] body = RequestBodies.read(request, properties.maxWebhookSize().toBytes());
        String signature = request.getHeader(SIGNATURE);
        String text = new String(body, StandardCharsets.UTF_8);
        if (signature == null && PING.matcher(text.trim()).matches()) {
            return ResponseEntity.ok().build();
        }
        if (!endpoint.verifies(secret -> Signatures.isBase64Hmac(signature, body, secret))) {
            throw Refusals.badSignature(SIGNATURE);
        }
        String topic = request.getHeader(TOPIC);
        if (!WooCommerceMapper.TOPICS.contains(topic)) {
            return ResponseEntity.ok().build();
        }
        String deliveryId = request.getHeader(DELIVERY_ID);
        if (deliveryId == null || deliveryId.isBlank()) {
            // Older WooCommerce versions send no delivery id: a repeat is then the same body
            deliveryId = "body:" + Signatures.hexHmac(body, endpoint.connectionId());
        }
        intake.accept(endpoint, Feed.WOOCOMMERCE, topic, deliveryId, text);
        return ResponseEntity.ok().build();
    }
}
