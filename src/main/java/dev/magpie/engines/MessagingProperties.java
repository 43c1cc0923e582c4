package dev.magpie.engines;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Magpie uses RabbitMQ for its jobs (prefix {@code magpie.messaging}). The connection itself is configured
 * with {@code spring.rabbitmq.*}.
 *
 * @param quorumQueues declare job queues and the dead-letter queue as quorum queues, replicated across a
 * RabbitMQ cluster; recommended in production. A queue keeps the type it was first declared with: switching
 * an existing installation needs its queues deleted (once drained) so that they are declared again
 * @param confirmTimeout how long publishing a job waits for the broker to confirm that it holds the job
 * @param retry when and how often a failed job is tried again before it is dead-lettered
 */
@ConfigurationProperties("magpie.messaging")
public record MessagingProperties(@DefaultValue("false") boolean quorumQueues,
        @DefaultValue("10s") Duration confirmTimeout, @DefaultValue Retry retry) {

    /**
     * Retries of failed jobs, with exponential back-off.
     *
     * @param maxAttempts how many times a job is tried in all, the first attempt included, before it is
     * dead-lettered
     * @param initialInterval the wait before the second attempt
     * @param multiplier how much longer each following wait is
     * @param maxInterval the longest wait between two attempts
     */
    public record Retry(@DefaultValue("5") int maxAttempts, @DefaultValue("10s") Duration initialInterval,
            @DefaultValue("3.0") double multiplier, @DefaultValue("15m") Duration maxInterval) {

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("magpie.messaging.retry.max-attempts must be at least 1");
            }
            if (multiplier < 1) {
                throw new IllegalArgumentException("magpie.messaging.retry.multiplier must be at least 1");
            }
        }

        /** The wait after failed attempt number {@code attempt} (1 for the first attempt). */
        public Duration delayAfter(int attempt) {
            double millis = initialInterval.toMillis() * Math.pow(multiplier, attempt - 1);
            return millis >= maxInterval.toMillis() ? maxInterval : Duration.ofMillis(Math.round(millis));
        }
    }
}
