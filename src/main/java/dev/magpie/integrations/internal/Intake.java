package dev.magpie.integrations.internal;

import java.time.Clock;
import java.util.List;

import dev.magpie.engines.JobPublisher;
import dev.magpie.web.api.ApiError.Source;
import dev.magpie.web.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Accepts a verified delivery: recognises a repeat by its delivery id, else queues it for processing. Answering
 * comes right after: the work of storing profiles and events happens on the queue's consumers, so platforms
 * with a short time budget (Shopify: 5 seconds) never wait for it.
 */
@Component
public class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private final DeliveryLedger ledger;

    private final JobPublisher publisher;

    private final Connections connections;

    private final Clock clock;

    Intake(DeliveryLedger ledger, JobPublisher publisher, Connections connections, Clock clock) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.connections = connections;
        this.clock = clock;
    }

    /** What became of a delivery. */
    public enum Outcome {
        /** Queued for processing. */
        QUEUED,
        /** Seen before under the same delivery id: nothing was queued. */
        REPEAT
    }

    /**
     * Queues a delivery that came through {@code endpoint}; with a {@code deliveryId}, only the first delivery
     * of that id.
     *
     * @throws ApiException 503 when the queue cannot take it, so that the platform tries again later
     */
    public Outcome accept(WebhookEndpoint endpoint, Feed feed, String topic, String deliveryId, String payload) {
        connections.recordDelivery(endpoint, topic);
        if (deliveryId != null && !ledger.claim(endpoint.accountId(), endpoint.connectionId(), deliveryId, topic)) {
            log.debug("Repeat delivery {} to connection {} ignored", deliveryId, endpoint.connectionId());
            return Outcome.REPEAT;
        }
        try {
            queue(new IngestionJob(endpoint.accountId(), endpoint.connectionId(), feed, topic, deliveryId, payload,
                    clock.instant()));
        }
        catch (RuntimeException failed) {
            if (deliveryId != null) {
                ledger.release(endpoint.accountId(), endpoint.connectionId(), deliveryId);
            }
            throw failed;
        }
        return Outcome.QUEUED;
    }

    /** Queues a browser API call of {@code accountId}, which has no connection and no delivery id. */
    public void accept(String accountId, Feed feed, String payload) {
        queue(new IngestionJob(accountId, null, feed, null, null, payload, clock.instant()));
    }

    private void queue(IngestionJob job) {
        try {
            IngestionQueue.publish(publisher, job);
        }
        catch (AmqpException unavailable) {
            log.error("Could not queue a {} delivery for account {}", job.feed(), job.accountId(), unavailable);
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "30");
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, List.of(ApiException.of(
                    HttpStatus.SERVICE_UNAVAILABLE, "Magpie cannot take deliveries right now; try again shortly.",
                    Source.DOCUMENT).errors().get(0)), headers);
        }
    }
}
