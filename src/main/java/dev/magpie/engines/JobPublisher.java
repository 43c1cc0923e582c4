package dev.magpie.engines;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

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
        CorrelationData correlation = send(queue, tenant, job);
        awaitConfirmation(correlation, "job for " + queue, deadline());
    }

    /**
     * Publishes every one of {@code jobs} (converted to JSON) to the job queue {@code queue}, each for the tenant
     * {@code tenantOf} names, then waits for the broker to confirm them all: one confirmation round trip for the
     * batch instead of one per job. Returns only once every job is confirmed; when any is not, throws, and the
     * caller must treat the whole batch as unpublished (some jobs may be queued: jobs must be safe to run twice).
     *
     * @throws AmqpException when the broker refuses a job, no such queue is declared, or not every confirmation
     * comes within {@code magpie.messaging.confirm-timeout} of the last job's publication
     */
    public <T> void publishAll(String queue, List<? extends T> jobs, Function<? super T, String> tenantOf) {
        List<CorrelationData> correlations = new ArrayList<>(jobs.size());
        for (T job : jobs) {
            correlations.add(send(queue, tenantOf.apply(job), job));
        }
        long deadline = deadline();
        for (CorrelationData correlation : correlations) {
            awaitConfirmation(correlation, "job for " + queue, deadline);
        }
    }

    private CorrelationData send(String queue, String tenant, Object job) {
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        rabbit.convertAndSend(JobQueues.JOBS_EXCHANGE, queue, job, message -> {
            message.getMessageProperties().setHeader(TENANT_HEADER, tenant);
            return message;
        }, correlation);
        return correlation;
    }

    private long deadline() {
        return System.nanoTime() + properties.confirmTimeout().toNanos();
    }

    private void awaitConfirmation(CorrelationData correlation, String what, long deadline) {
        awaitConfirmation(correlation, what, deadline, properties);
    }

    /** Sends {@code message} as it is and waits for the broker's confirmation. */
    static void sendConfirmed(RabbitTemplate rabbit, String exchange, String routingKey, Message message,
            MessagingProperties properties) {
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        rabbit.send(exchange, routingKey, message, correlation);
        awaitConfirmation(correlation, "message for " + routingKey,
                System.nanoTime() + properties.confirmTimeout().toNanos(), properties);
    }

    private static void awaitConfirmation(CorrelationData correlation, String what, long deadline,
            MessagingProperties properties) {
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture()
                .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
