package dev.magpie.engines;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/** What a module gets when it declares a job queue; the broker side is in MessagingConfigurationTests. */
class JobQueuesTests {

    private static final MessagingProperties.Retry RETRY = new MessagingProperties.Retry(4, Duration.ofSeconds(10),
            3.0, Duration.ofSeconds(60));

    @Test
    void aJobQueueDeadLettersAndIsBoundUnderItsOwnName() {
        Declarables declared = new JobQueues(properties(false)).declare("magpie.sending.email");

        Queue queue = queue(declared, "magpie.sending.email");
        assertThat(queue.isDurable()).isTrue();
        assertThat(queue.getArguments()).containsEntry("x-dead-letter-exchange", "magpie.dead-letter")
            .doesNotContainKey("x-queue-type");
        assertThat(declared.getDeclarablesByType(Binding.class)).singleElement()
            .satisfies(binding -> {
                assertThat(binding.getExchange()).isEqualTo("magpie.jobs");
                assertThat(binding.getRoutingKey()).isEqualTo("magpie.sending.email");
                assertThat(binding.getDestination()).isEqualTo("magpie.sending.email");
            });
    }

    @Test
    void eachBackOffDelayHasARetryQueueThatReturnsJobsToTheirQueue() {
        JobQueues jobQueues = new JobQueues(properties(false));
        Declarables declared = jobQueues.declare("magpie.sending.email");

        assertThat(jobQueues.retryQueue("magpie.sending.email", 1)).isEqualTo("magpie.sending.email.retry.10s");
        assertThat(jobQueues.retryQueue("magpie.sending.email", 2)).isEqualTo("magpie.sending.email.retry.30s");
        assertThat(jobQueues.retryQueue("magpie.sending.email", 3)).isEqualTo("magpie.sending.email.retry.1m");
        Queue retry = queue(declared, "magpie.sending.email.retry.30s");
        assertThat(retry.getArguments()).containsEntry("x-message-ttl", 30_000)
            .containsEntry("x-dead-letter-exchange", "magpie.jobs")
            .containsEntry("x-dead-letter-routing-key", "magpie.sending.email");
        assertThat(declared.getDeclarablesByType(Queue.class)).extracting(Queue::getName)
            .containsExactly("magpie.sending.email", "magpie.sending.email.retry.10s",
                    "magpie.sending.email.retry.30s", "magpie.sending.email.retry.1m");
    }

    @Test
    void quorumQueuesWhenConfigured() {
        JobQueues jobQueues = new JobQueues(properties(true));

        assertThat(jobQueues.declare("magpie.flows.steps").getDeclarablesByType(Queue.class))
            .allSatisfy(queue -> assertThat(queue.getArguments()).containsEntry("x-queue-type", "quorum"));
        assertThat(jobQueues.topology().getDeclarablesByType(Queue.class)).singleElement()
            .satisfies(queue -> {
                assertThat(queue.getName()).isEqualTo("magpie.dead-letter");
                assertThat(queue.getArguments()).containsEntry("x-queue-type", "quorum");
            });
    }

    private static MessagingProperties properties(boolean quorum) {
        return new MessagingProperties(quorum, Duration.ofSeconds(5), RETRY);
    }

    private static Queue queue(Declarables declared, String name) {
        return declared.getDeclarablesByType(Queue.class)
            .stream()
            .filter(queue -> queue.getName().equals(name))
            .findFirst()
            .orElseThrow();
    }
}
