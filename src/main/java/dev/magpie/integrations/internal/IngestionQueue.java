package dev.magpie.integrations.internal;

import dev.magpie.engines.JobPublisher;
import dev.magpie.engines.JobQueues;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The RabbitMQ queue of accepted deliveries, with Magpie's retries and dead letters, and its consumers
 * ({@code magpie.integrations.consumers} per instance, acknowledging by hand).
 */
@Configuration(proxyBeanMethods = false)
public class IngestionQueue {

    /** The queue's name. */
    public static final String NAME = "magpie.integrations.ingest";

    @Bean
    Declarables ingestionQueueTopology(JobQueues jobQueues) {
        return jobQueues.declare(NAME);
    }

    @Bean
    SimpleMessageListenerContainer ingestionListener(SimpleRabbitListenerContainerFactory listeners,
            IngestionWorker worker, IntegrationsProperties properties) {
        SimpleRabbitListenerEndpoint endpoint = new SimpleRabbitListenerEndpoint();
        endpoint.setId(NAME);
        endpoint.setQueueNames(NAME);
        endpoint.setMessageListener(worker);
        endpoint.setAckMode(AcknowledgeMode.MANUAL);
        endpoint.setConcurrency(Integer.toString(properties.consumers()));
        return listeners.createListenerContainer(endpoint);
    }

    /** Publishes {@code job} and returns once RabbitMQ holds it. */
    static void publish(JobPublisher publisher, IngestionJob job) {
        publisher.publish(NAME, job.accountId(), job);
    }
}
