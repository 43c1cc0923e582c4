package dev.magpie.engines.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.magpie.devengines.LocalRabbit;
import dev.magpie.engines.JobPublisher;
import dev.magpie.engines.JobQueues;
import dev.magpie.engines.JobRetries;
import dev.magpie.engines.MessagingProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jobs on the real broker of the tests: published with confirms, consumed with manual acks, retried after their
 * back-off and dead-lettered. Dead-lettering and retries need RabbitMQ and are skipped on the embedded Qpid.
 */
@SpringBootTest(classes = MessagingConfigurationTests.Messaging.class,
        properties = { "magpie.messaging.retry.max-attempts=3", "magpie.messaging.retry.initial-interval=300ms",
                "magpie.messaging.retry.multiplier=2", "magpie.messaging.retry.max-interval=5s" })
class MessagingConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(RabbitAutoConfiguration.class)
    @EnableConfigurationProperties(MessagingProperties.class)
    @Import(MessagingConfiguration.class)
    static class Messaging {
    }

    record SendBatch(String campaign, int recipients) {
    }

    @Autowired
    JobQueues jobQueues;

    @Autowired
    JobPublisher publisher;

    @Autowired
    JobRetries retries;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    SimpleRabbitListenerContainerFactory listeners;

    @Autowired
    MessagingProperties properties;

    private final List<Queue> declaredQueues = new ArrayList<>();

    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();

    @AfterEach
    void removeTestQueues() {
        containers.forEach(SimpleMessageListenerContainer::stop);
        declaredQueues.forEach(queue -> admin.deleteQueue(queue.getName()));
    }

    @Test
    void declaresTheJobAndDeadLetterTopologyWhenItConnects() {
        assertThat(admin.getQueueInfo(JobQueues.DEAD_LETTER_QUEUE)).isNotNull();
        rabbit.execute(channel -> {
            channel.exchangeDeclarePassive(JobQueues.JOBS_EXCHANGE);
            channel.exchangeDeclarePassive(JobQueues.DEAD_LETTER_EXCHANGE);
            return null;
        });
    }

    @Test
    void aJobIsConfirmedThenConsumedAndAcknowledgedByItsListener() throws Exception {
        String queue = declareJobQueue(jobQueues);
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        SimpleMessageListenerContainer container = listen(queue, (message, channel) -> {
            received.add(message);
            channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
        });
        assertThat(container.getAcknowledgeMode()).isEqualTo(AcknowledgeMode.MANUAL);

        publisher.publish(queue, "acme", new SendBatch("spring-sale", 250));

        Message message = received.poll(10, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        assertThat(rabbit.getMessageConverter().fromMessage(message)).isEqualTo(new SendBatch("spring-sale", 250));
        assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat((String) message.getMessageProperties().getHeader(JobPublisher.TENANT_HEADER)).isEqualTo("acme");
        assertThat(JobRetries.attempt(message)).isEqualTo(1);
        container.stop();
        assertThat(admin.getQueueInfo(queue).getMessageCount()).isZero();
    }

    @Test
    void aBatchOfJobsIsConfirmedAsAWholeAndEachKeepsItsTenant() throws Exception {
        String queue = declareJobQueue(jobQueues);
        List<SendBatch> jobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            jobs.add(new SendBatch(i % 2 == 0 ? "acme-sale" : "tern-sale", i));
        }

        publisher.publishAll(queue, jobs, job -> job.campaign().startsWith("acme") ? "acme" : "tern");

        // Confirmed means held by the broker: every job is on the queue once publishAll returns
        assertThat(admin.getQueueInfo(queue).getMessageCount()).isEqualTo(200);
        List<SendBatch> received = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Message message = rabbit.receive(queue, 10_000);
            assertThat(message).isNotNull();
            SendBatch job = (SendBatch) rabbit.getMessageConverter().fromMessage(message);
            assertThat((String) message.getMessageProperties().getHeader(JobPublisher.TENANT_HEADER))
                .isEqualTo(job.campaign().startsWith("acme") ? "acme" : "tern");
            received.add(job);
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(jobs);
    }

    @Test
    void aBatchToAQueueNobodyDeclaredFails() {
        String undeclared = "magpie.test.undeclared-" + UUID.randomUUID();

        assertThatThrownBy(() -> publisher.publishAll(undeclared,
                List.of(new SendBatch("spring-sale", 1), new SendBatch("spring-sale", 2)), job -> "acme"))
            .isInstanceOf(AmqpException.class)
            .hasMessageContaining("job for " + undeclared);
    }

    @Test
    void turnsOnlyMagpieTypesBackIntoObjects() {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setHeader("__TypeId__", "java.net.URL");
        Message foreign = new Message("\"https://attacker.example\"".getBytes(StandardCharsets.UTF_8), properties);

        assertThatThrownBy(() -> rabbit.getMessageConverter().fromMessage(foreign))
            .isInstanceOf(MessageConversionException.class)
            .hasMessageContaining("Not a Magpie type");
    }

    @Test
    void publishingToAQueueNobodyDeclaredFails() {
        String undeclared = "magpie.test.undeclared-" + UUID.randomUUID();

        assertThatThrownBy(() -> publisher.publish(undeclared, "acme", new SendBatch("spring-sale", 1)))
            .isInstanceOf(AmqpException.class)
            .hasMessageContaining("job for " + undeclared);
    }

    @Test
    void aRejectedJobLandsInTheDeadLetterQueue() throws Exception {
        LocalRabbit.assumeRealRabbitMq();
        String queue = declareJobQueue(jobQueues);
        listen(queue, (message, channel) -> channel.basicReject(message.getMessageProperties().getDeliveryTag(),
                false));

        publisher.publish(queue, "acme", new SendBatch("spring-sale", 250));

        Message deadLetter = takeDeadLetter(queue, Duration.ofSeconds(10));
        assertThat(rabbit.getMessageConverter().fromMessage(deadLetter)).isEqualTo(new SendBatch("spring-sale", 250));
        assertThat((String) deadLetter.getMessageProperties().getHeader(JobPublisher.TENANT_HEADER)).isEqualTo("acme");
        Map<String, ?> death = deadLetter.getMessageProperties().getXDeathHeader().get(0);
        assertThat(String.valueOf(death.get("queue"))).isEqualTo(queue);
        assertThat(String.valueOf(death.get("reason"))).isEqualTo("rejected");
    }

    @Test
    void aFailingJobIsRetriedAfterEachBackOffThenDeadLettered() throws Exception {
        LocalRabbit.assumeRealRabbitMq();
        String queue = declareJobQueue(jobQueues);
        BlockingQueue<long[]> attempts = new LinkedBlockingQueue<>();
        listen(queue, (message, channel) -> {
            attempts.add(new long[] { JobRetries.attempt(message), System.nanoTime() });
            long tag = message.getMessageProperties().getDeliveryTag();
            if (retries.retryLater(message, queue)) {
                channel.basicAck(tag, false);
            }
            else {
                channel.basicReject(tag, false);
            }
        });

        publisher.publish(queue, "acme", new SendBatch("spring-sale", 250));

        long[] first = attempts.poll(10, TimeUnit.SECONDS);
        long[] second = attempts.poll(10, TimeUnit.SECONDS);
        long[] third = attempts.poll(10, TimeUnit.SECONDS);
        assertThat(List.of(first, second, third)).extracting(attempt -> attempt[0]).containsExactly(1L, 2L, 3L);
        assertThat(Duration.ofNanos(second[1] - first[1])).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(third[1] - second[1])).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        Message deadLetter = takeDeadLetter(queue, Duration.ofSeconds(10));
        assertThat(JobRetries.attempt(deadLetter)).isEqualTo(3);
        assertThat(attempts.poll(1, TimeUnit.SECONDS)).as("no attempt after the last").isNull();
    }

    @Test
    void quorumJobQueuesCarryAndDeadLetterJobsToo() throws Exception {
        LocalRabbit.assumeRealRabbitMq();
        JobQueues quorum = new JobQueues(new MessagingProperties(true, properties.confirmTimeout(),
                properties.retry()));
        String queue = declareJobQueue(quorum);
        assertThatThrownBy(() -> admin.declareQueue(new Queue(queue))).as("a classic queue of the same name")
            .isInstanceOf(AmqpException.class);
        listen(queue, (message, channel) -> channel.basicReject(message.getMessageProperties().getDeliveryTag(),
                false));

        publisher.publish(queue, "acme", new SendBatch("spring-sale", 250));

        assertThat(rabbit.getMessageConverter().fromMessage(takeDeadLetter(queue, Duration.ofSeconds(10))))
            .isEqualTo(new SendBatch("spring-sale", 250));
    }

    private String declareJobQueue(JobQueues queues) {
        String name = "magpie.test." + UUID.randomUUID();
        Declarables declarables = queues.declare(name);
        for (Queue queue : declarables.getDeclarablesByType(Queue.class)) {
            admin.declareQueue(queue);
            declaredQueues.add(queue);
        }
        declarables.getDeclarablesByType(Binding.class).forEach(admin::declareBinding);
        return name;
    }

    private SimpleMessageListenerContainer listen(String queue, ChannelAwareMessageListener listener) {
        SimpleRabbitListenerEndpoint endpoint = new SimpleRabbitListenerEndpoint();
        endpoint.setQueueNames(queue);
        endpoint.setMessageListener(listener);
        SimpleMessageListenerContainer container = listeners.createListenerContainer(endpoint);
        container.afterPropertiesSet();
        container.start();
        containers.add(container);
        return container;
    }

    /**
     * Takes the dead letter that came from {@code queue} off the shared dead-letter queue, leaving every other dead
     * letter where it was.
     */
    private Message takeDeadLetter(String queue, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message found = rabbit.execute(channel -> {
                long lastTag = 0;
                try {
                    for (GetResponse response; (response = channel.basicGet(JobQueues.DEAD_LETTER_QUEUE,
                            false)) != null;) {
                        long tag = response.getEnvelope().getDeliveryTag();
                        if (response.getEnvelope().getRoutingKey().equals(queue)) {
                            channel.basicAck(tag, false);
                            return new Message(response.getBody(), new DefaultMessagePropertiesConverter()
                                .toMessageProperties(response.getProps(), response.getEnvelope(), "UTF-8"));
                        }
                        lastTag = tag;
                    }
                    return null;
                }
                finally {
                    if (lastTag > 0) {
                        channel.basicNack(lastTag, true, true);
                    }
                }
            });
            if (found != null) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No dead letter from " + queue + " within " + timeout);
    }
}
