package dev.magpie.engines;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * Declares the RabbitMQ queues of one kind of job, wired into Magpie's retry and dead-letter topology. A module
 * declares its queue from a {@code @Bean} method: {@code return jobQueues.declare("magpie.sending.email");}.
 *
 * <p>Each job queue is bound to {@value #JOBS_EXCHANGE} under its own name and dead-letters into
 * {@value #DEAD_LETTER_EXCHANGE} (keeping that name as routing key), where {@value #DEAD_LETTER_QUEUE} collects
 * every dead letter. Beside it sit its retry queues, one per back-off delay, whose messages return to the job
 * queue when their delay expires (see {@link JobRetries}).
 */
public final class JobQueues {

    /** Where jobs are published, with the name of their queue as routing key. */
    public static final String JOBS_EXCHANGE = "magpie.jobs";

    /** Where job queues send the messages they reject or give up on (a topic exchange). */
    public static final String DEAD_LETTER_EXCHANGE = "magpie.dead-letter";

    /** Collects every dead letter, for operators to inspect and replay. */
    public static final String DEAD_LETTER_QUEUE = "magpie.dead-letter";

    private final MessagingProperties properties;

    public JobQueues(MessagingProperties properties) {
        this.properties = properties;
    }

    /** The job queue {@code name}, its binding to {@value #JOBS_EXCHANGE}, and its retry queues. */
    public Declarables declare(String name) {
        Queue queue = durable(name).deadLetterExchange(DEAD_LETTER_EXCHANGE).build();
        List<Declarable> declarables = new ArrayList<>();
        declarables.add(queue);
        declarables.add(BindingBuilder.bind(queue).to(new DirectExchange(JOBS_EXCHANGE)).with(name));
        for (Duration delay : retryDelays()) {
            declarables.add(durable(retryQueue(name, delay)).ttl(Math.toIntExact(delay.toMillis()))
                .deadLetterExchange(JOBS_EXCHANGE)
                .deadLetterRoutingKey(name)
                .build());
        }
        return new Declarables(declarables);
    }

    /**
     * The retry queue that holds a job of queue {@code name} after its failed attempt number {@code attempt}.
     * Its name carries its delay, so changing the retry settings declares new queues instead of clashing with
     * the arguments of existing ones.
     */
    public String retryQueue(String name, int attempt) {
        return retryQueue(name, properties.retry().delayAfter(attempt));
    }

    /**
     * What every job queue relies on: the {@value #JOBS_EXCHANGE} exchange, the {@value #DEAD_LETTER_EXCHANGE}
     * exchange and the {@value #DEAD_LETTER_QUEUE} queue bound to it for every routing key. Declared once by the
     * engines module.
     */
    public Declarables topology() {
        Queue deadLetters = durable(DEAD_LETTER_QUEUE).build();
        TopicExchange deadLetterExchange = ExchangeBuilder.topicExchange(DEAD_LETTER_EXCHANGE).durable(true).build();
        return new Declarables(ExchangeBuilder.directExchange(JOBS_EXCHANGE).durable(true).build(),
                deadLetterExchange, deadLetters, BindingBuilder.bind(deadLetters).to(deadLetterExchange).with("#"));
    }

    private Set<Duration> retryDelays() {
        Set<Duration> delays = new LinkedHashSet<>();
        for (int attempt = 1; attempt < properties.retry().maxAttempts(); attempt++) {
            delays.add(properties.retry().delayAfter(attempt));
        }
        return delays;
    }

    private static String retryQueue(String name, Duration delay) {
        // PT1M30S becomes 1m30s
        return name + ".retry." + delay.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private QueueBuilder durable(String name) {
        QueueBuilder queue = QueueBuilder.durable(name);
        return properties.quorumQueues() ? queue.quorum() : queue;
    }
}
