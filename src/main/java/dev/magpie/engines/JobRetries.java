package dev.magpie.engines;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Gives a failed job another attempt after a back-off delay, until it has had
 * {@code magpie.messaging.retry.max-attempts}. A listener with manual acknowledgement uses it so:
 *
 * <pre>{@code
 * if (retries.retryLater(message, QUEUE)) channel.basicAck(tag, false);  // the retry queue holds it now
 * else channel.basicReject(tag, false);                                  // dead-lettered
 * }</pre>
 */
public class JobRetries {

    /** The header counting attempts: absent on the first, 2 on the second. */
    public static final String ATTEMPT_HEADER = "x-magpie-attempt";

    private final RabbitTemplate rabbit;

    private final JobQueues queues;

    private final MessagingProperties properties;

    public JobRetries(RabbitTemplate rabbit, JobQueues queues, MessagingProperties properties) {
        this.rabbit = rabbit;
        this.queues = queues;
        this.properties = properties;
    }

    /** Which attempt this delivery of a job is: 1 for the first. */
    public static int attempt(Message message) {
        Object attempt = message.getMessageProperties().getHeader(ATTEMPT_HEADER);
        return attempt instanceof Number number ? number.intValue() : 1;
    }

    /**
     * Schedules another attempt of {@code message}, delivered from job queue {@code queue}, and returns
     * {@code true} once the broker holds the copy; returns {@code false} without sending anything when the job has
     * had all its attempts, so the caller rejects it (without requeue) into the dead-letter queue.
     */
    public boolean retryLater(Message message, String queue) {
        int attempt = attempt(message);
        if (attempt >= properties.retry().maxAttempts()) {
            return false;
        }
        Message next = MessageBuilder.fromClonedMessage(message).setHeader(ATTEMPT_HEADER, attempt + 1).build();
        // Through the default exchange, which routes by queue name
        JobPublisher.sendConfirmed(rabbit, "", queues.retryQueue(queue, attempt), next, properties);
        return true;
    }

    /**
     * Puts {@code message}, delivered from job queue {@code queue}, back for another try after the first back-off
     * delay, without counting an attempt: for a job that did not fail but has to wait its turn (a rate limit), and
     * must never run out of attempts for that. Returns once the broker holds the copy.
     */
    public void postpone(Message message, String queue) {
        Message copy = MessageBuilder.fromClonedMessage(message).build();
        JobPublisher.sendConfirmed(rabbit, "", queues.retryQueue(queue, 1), copy, properties);
    }
}
