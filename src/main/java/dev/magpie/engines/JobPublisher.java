package dev.magpie.engines;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.util.Assert;

/**
 * Publishes jobs to their queue and returns only once RabbitMQ holds them (publisher confirms), so that a caller
 * who goes on to record "queued" never loses a job to a broker hiccup.
 */
public class JobPublisher {

    /** The header that names the tenant a job belongs to. */
    public static final String TENANT_HEADER = "x-magpie-tenant";

    private final RabbitTemplate rabbit;

    private final MessagingProperties properties;

    public JobPublisher(RabbitTemplate rabbit, MessagingProperties properties) {
        Assert.state(rabbit.getConnectionFactory().isPublisherConfirms(),
                "Jobs need publisher confirms: set spring.rabbitmq.publisher-confirm-type=correlated");
        this.rabbit = rabbit;
        this.properties = properties;
    }

    /**
     * Publishes {@code job} (converted to JSON) to the job queue {@code queue} for {@code tenant} and waits for
     * the broker's confirmation.
     *
     * @throws AmqpException when the broker refuses the job, no such queue is declared, or no confirmation comes
     * within {@code magpie.messaging.confirm-timeout}
     */
    public void publish(String queue, String tenant, Object job) {
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        rabbit.convertAndSend(JobQueues.JOBS_EXCHANGE, queue, job, message -> {
            message.getMessageProperties().setHeader(TENANT_HEADER, tenant);
            return message;
        }, correlation);
        awaitConfirmation(rabbit, correlation, "job for " + queue, properties);
    }

    /** Sends {@code message} as it is and waits for the broker's confirmation. */
    static void sendConfirmed(RabbitTemplate rabbit, String exchange, String routingKey, Message message,
            MessagingProperties properties) {
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        rabbit.send(exchange, routingKey, message, correlation);
        awaitConfirmation(rabbit, correlation, "message for " + routingKey, properties);
    }

    private static void awaitConfirmation(RabbitTemplate rabbit, CorrelationData correlation, String what,
            MessagingProperties properties) {
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture()
                .get(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            throw new AmqpTimeoutException("RabbitMQ did not confirm the %s within %s".formatted(what,
                    properties.confirmTimeout()), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("Interrupted while waiting for RabbitMQ to confirm the " + what, e);
        }
        catch (ExecutionException e) {
            throw new AmqpException("RabbitMQ could not confirm the " + what, e.getCause());
        }
        // RabbitMQ returns an unroutable message, then confirms it (other brokers may refuse it instead)
        if (correlation.getReturned() != null) {
            throw new AmqpException("No queue took the %s: %s".formatted(what,
                    correlation.getReturned().getReplyText()));
        }
        if (!confirm.ack()) {
            throw new AmqpException("The broker refused the %s%s".formatted(what,
                    confirm.reason() == null ? "" : ": " + confirm.reason()));
        }
    }
}
