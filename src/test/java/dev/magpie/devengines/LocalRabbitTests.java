package dev.magpie.devengines;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.boot.amqp.health.RabbitHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The RabbitMQ the tests and the local run use: configured, the local broker, or an embedded Qpid. */
class LocalRabbitTests {

    @Test
    void leavesAConfiguredBrokerAlone() {
        assertThat(new LocalRabbit().resolve(new MockEnvironment().withProperty("spring.rabbitmq.host", "mq"), "x"))
            .isEmpty();
        assertThat(new LocalRabbit()
            .resolve(new MockEnvironment().withProperty("spring.rabbitmq.addresses", "mq:5672"), "x")).isEmpty();
    }

    @Test
    void usesTheLocalRabbitMq() {
        assumeThat(LocalPorts.isOpen(LocalRabbit.PORT)).as("a broker on 127.0.0.1:5672").isTrue();

        Map<String, Object> properties = new LocalRabbit().resolve(new MockEnvironment(), "x");

        assertThat(properties).containsEntry("spring.rabbitmq.port", 5672)
            .containsEntry(LocalRabbit.KIND_PROPERTY, "rabbitmq");
        assertThat(LocalRabbit.isRealRabbitMq()).isTrue();
        CachingConnectionFactory connections = connectionFactory(5672);
        try {
            assertThat(connections.createConnection().getDelegate().getServerProperties().get("product"))
                .hasToString("RabbitMQ");
        }
        finally {
            connections.destroy();
        }
    }

    @Test
    void embeddedQpidConfirmsPublishesAndDeliversWithManualAcks() throws Exception {
        int port = LocalRabbit.startEmbedded();
        CachingConnectionFactory connections = connectionFactory(port);
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            admin.declareQueue(new Queue("magpie.test.embedded", true, false, false,
                    Map.of("x-dead-letter-exchange", "magpie.dead-letter", "x-queue-type", "classic")));
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            container.setQueueNames("magpie.test.embedded");
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
                received.add(new String(message.getBody(), StandardCharsets.UTF_8));
                channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
            });
            container.start();

            RabbitTemplate template = new RabbitTemplate(connections);
            CorrelationData correlation = new CorrelationData("first");
            template.send("", "magpie.test.embedded",
                    MessageBuilder.withBody("hello".getBytes(StandardCharsets.UTF_8)).build(), correlation);

            assertThat(correlation.getFuture().get(10, TimeUnit.SECONDS).ack()).isTrue();
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
            container.stop();
            assertThat(admin.getQueueInfo("magpie.test.embedded").getMessageCount()).isZero();
            assertThat(new RabbitHealthIndicator(template).health().getStatus()).isEqualTo(Status.UP);
        }
        finally {
            container.stop();
            connections.destroy();
        }
    }

    @Test
    void embeddedQpidIsStartedOncePerJvm() {
        assertThat(LocalRabbit.startEmbedded()).isEqualTo(LocalRabbit.startEmbedded());
    }

    private static CachingConnectionFactory connectionFactory(int port) {
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", port);
        connections.setUsername("guest");
        connections.setPassword("guest");
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setConnectionTimeout((int) Duration.ofSeconds(10).toMillis());
        return connections;
    }
}
