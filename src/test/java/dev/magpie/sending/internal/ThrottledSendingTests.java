package dev.magpie.sending.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.GetResponse;
import dev.magpie.activity.EventRecorder;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.content.TemplateRenderer;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.deliverability.UnsubscribeLinks;
import dev.magpie.devengines.CapturedMailbox;
import dev.magpie.devengines.LocalSmtp;
import dev.magpie.engines.JobPublisher;
import dev.magpie.engines.JobQueues;
import dev.magpie.engines.JobRetries;
import dev.magpie.profiles.Profiles;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.internal.MessageLog.State;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A low limit for one recipient domain, on the real engines: four consumers sending twelve jobs to that domain are
 * held to two messages a second, the jobs whose turn is too far off are put back without counting an attempt, and
 * every message is delivered exactly once with nothing dead-lettered.
 *
 * <p>The worker reads its own queue and its first retry queue by hand, as {@link SmtpFailureTests} does: the
 * embedded broker ignores the retry queues' delays, so the test waits a moment before taking a put-back job.
 */
@SpringBootTest(properties = "magpie.sending.launcher.background=false")
@AutoConfigureMockMvc
class ThrottledSendingTests {

    static final int JOBS = 12;

    static final int CONSUMERS = 4;

    static final int PER_SECOND = 2;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    Suppressions suppressions;

    @Autowired
    UnsubscribeLinks unsubscribeLinks;

    @Autowired
    TemplateRenderer renderer;

    @Autowired
    DkimKeyStore dkimKeys;

    @Autowired
    MessageAssembler assembler;

    @Autowired
    SmtpConnections smtp;

    @Autowired
    EventRecorder events;

    @Autowired
    SendingProperties properties;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Clock clock;

    @Autowired
    SmartSending smartSending;

    @Autowired
    MessageLog messageLog;

    @Autowired
    JobRetries retries;

    @Autowired
    JobQueues jobQueues;

    @Autowired
    JobPublisher publisher;

    @Autowired
    MessageConverter converter;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpAdmin admin;

    SendWorker worker;

    String queue;

    SendingFixtures fixtures;

    CapturedMailbox inbox;

    @BeforeEach
    void throttledWorker() {
        // Two messages a second to any one domain (the fixtures' profiles all live at inbox.example)
        SendThrottle throttle = new SendThrottle(new SendThrottleProperties(200, PER_SECOND, Duration.ofSeconds(1),
                null), clock);
        EmailDelivery delivery = new EmailDelivery(messageLog, profiles, accounts, suppressions, unsubscribeLinks,
                renderer, dkimKeys, assembler, smtp, events, properties, campaigns, clock, throttle, smartSending);
        queue = "magpie.test.throttled-" + UUID.randomUUID();
        for (Declarable declarable : jobQueues.declare(queue).getDeclarables()) {
            if (declarable instanceof Queue declared) {
                admin.declareQueue(declared);
            }
            else if (declarable instanceof Binding binding) {
                admin.declareBinding(binding);
            }
        }
        worker = new SendWorker(delivery, retries, converter, queue);
        fixtures = new SendingFixtures(new ApiStores(mvc, json), profiles);
        inbox = LocalSmtp.inbox().orElseThrow();
    }

    @AfterEach
    void deleteQueues() {
        for (Declarable declarable : jobQueues.declare(queue).getDeclarables()) {
            if (declarable instanceof Queue declared) {
                admin.deleteQueue(declared.getName());
            }
        }
    }

    @Test
    void aLowDomainLimitDelaysButDeliversEveryMessageOnceAndDeadLettersNothing() throws Exception {
        Store store = fixtures.store("Slow Teas");
        String template = fixtures.template(store, "Hello {{ first_name }}");
        String campaign = Ids.newId();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            recipients.add(fixtures.profile(store, "slow" + i, "Sam", true));
        }
        for (String profile : recipients) {
            publisher.publish(queue, store.accountId(), SendJob.of(store.accountId(), campaign, profile, template));
        }

        AtomicInteger putBack = new AtomicInteger();
        Set<Integer> attemptNumbers = ConcurrentHashMap.newKeySet();
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(90).toNanos();
        ExecutorService consumers = Executors.newFixedThreadPool(CONSUMERS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            running.add(consumers.submit(() -> {
                while (messageLog.countSettled(store.accountId(), campaign) < JOBS && System.nanoTime() < deadline) {
                    if (!processNext(queue, attemptNumbers)) {
                        // The embedded broker does not hold a put-back job for its delay: wait a little instead
                        Thread.sleep(300);
                        if (processNext(jobQueues.retryQueue(queue, 1), attemptNumbers)) {
                            putBack.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> consumer : running) {
            consumer.get();
        }
        consumers.shutdown();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        for (String profile : recipients) {
            assertThat(messageLog.find(store.accountId(), campaign, profile).orElseThrow().state())
                .as(profile).isEqualTo(State.SENT);
            String email = fixtures.email(store, profile);
            assertThat(inbox.all().stream().filter(mail -> mail.to().contains(email)).count()).as(email)
                .isEqualTo(1);
        }
        // Two a second after a burst of two: the twelfth can go no sooner than five seconds in
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds((JOBS - PER_SECOND) / PER_SECOND));
        assertThat(putBack.get()).as("jobs put back for later").isPositive();
        // Putting a job back is not a failed attempt: every delivery is still the first attempt
        assertThat(attemptNumbers).containsExactly(1);
        long left = rabbit.<Long>execute(channel -> channel.messageCount(queue));
        long waiting = rabbit.<Long>execute(channel -> channel.messageCount(jobQueues.retryQueue(queue, 1)));
        assertThat(left + waiting).as("jobs left in the queues").isZero();
    }

    /** Has the worker process the next job of {@code from}, if there is one. */
    private boolean processNext(String from, Set<Integer> attemptNumbers) {
        Boolean processed = rabbit.execute(channel -> {
            GetResponse response = channel.basicGet(from, false);
            if (response == null) {
                return false;
            }
            MessageProperties messageProperties = new DefaultMessagePropertiesConverter()
                .toMessageProperties(response.getProps(), response.getEnvelope(), "UTF-8");
            Message message = new Message(response.getBody(), messageProperties);
            attemptNumbers.add(JobRetries.attempt(message));
            worker.onMessage(message, channel);
            return true;
        });
        return Boolean.TRUE.equals(processed);
    }
}
