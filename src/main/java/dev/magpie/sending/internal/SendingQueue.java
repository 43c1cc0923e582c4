package dev.magpie.sending.internal;

import java.util.List;

import dev.magpie.engines.JobPublisher;
import dev.magpie.engines.JobQueues;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.SendQueue;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The RabbitMQ queue of send jobs, with Magpie's retries and dead letters, and its consumers
 * ({@code magpie.sending.consumers} per instance, acknowledging by hand once a job is settled).
 */
@Configuration(proxyBeanMethods = false)
class SendingQueue {

    @Bean
    Declarables sendingQueueTopology(JobQueues jobQueues) {
        return jobQueues.declare(SendQueue.NAME);
    }

    @Bean
    SimpleMessageListenerContainer sendingListener(SimpleRabbitListenerContainerFactory listeners,
            SendWorker worker, SendingProperties properties) {
        SimpleRabbitListenerEndpoint endpoint = new SimpleRabbitListenerEndpoint();
        endpoint.setId(SendQueue.NAME);
        endpoint.setQueueNames(SendQueue.NAME);
        endpoint.setMessageListener(worker);
        endpoint.setAckMode(AcknowledgeMode.MANUAL);
        endpoint.setConcurrency(Integer.toString(Math.max(1, properties.consumers())));
        return listeners.createListenerContainer(endpoint);
    }

    @Bean
    SendQueue sendQueue(JobPublisher publisher) {
        return new SendQueue() {

            @Override
            public void enqueue(SendJob job) {
                publisher.publish(SendQueue.NAME, job.accountId(), job);
            }

            @Override
            public void enqueueAll(List<SendJob> jobs) {
                // One confirmation round trip per batch: one per job capped a launch at a few dozen jobs a second
                publisher.publishAll(SendQueue.NAME, jobs, SendJob::accountId);
            }
        };
    }
}
