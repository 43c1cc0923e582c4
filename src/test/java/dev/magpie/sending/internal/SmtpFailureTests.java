package dev.magpie.sending.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.rabbitmq.client.GetResponse;
import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.activity.EventRecorder;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.content.TemplateRenderer;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.deliverability.UnsubscribeLinks;
import dev.magpie.engines.JobPublisher;
import dev.magpie.engines.JobQueues;
import dev.magpie.engines.JobRetries;
import dev.magpie.profiles.Profiles;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.internal.MessageLog.Entry;
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
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMTP failures through a send worker whose connections go to a scripted SMTP server and whose jobs come from a
 * job queue of this test (so no other consumer takes them): a 4xx is scheduled for another attempt, which sends once;
 * a 5xx records a bounce and suppresses the address and is never retried.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SmtpFailureTests {

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
    EventRecorder events;

    @Autowired
    SendingProperties properties;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Clock clock;

    @Autowired
    SendThrottle throttle;

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

    @Autowired
    ActivityQueries activity;

    ScriptedSmtp smtp;

    SmtpConnections connections;

    SendWorker worker;

    String queue;

    SendingFixtures fixtures;

    @BeforeEach
    void scriptedWorker() throws Exception {
        smtp = new ScriptedSmtp();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.port());
        sender.getJavaMailProperties().put("mail.smtp.timeout", "10000");
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("scriptedMailSender", sender);
        connections = new SmtpConnections(beans.getBeanProvider(JavaMailSender.class), properties);
        EmailDelivery delivery = new EmailDelivery(messageLog, profiles, accounts, suppressions, unsubscribeLinks,
                renderer, dkimKeys, assembler, connections, events, properties, campaigns, clock, throttle, smartSending);
        queue = "magpie.test.sending-" + UUID.randomUUID();
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
    }

    @AfterEach
    void stop() throws Exception {
        connections.destroy();
        smtp.close();
        for (Declarable declarable : jobQueues.declare(queue).getDeclarables()) {
            if (declarable instanceof Queue declared) {
                admin.deleteQueue(declared.getName());
            }
        }
    }

    @Test
    void aPermanentFailureRecordsABounceSuppressesTheAddressAndIsNotRetried() throws Exception {
        Store store = fixtures.store("Bounce Teas");
        String template = fixtures.template(store, "Hello {{ first_name }}");
        String profile = fixtures.profile(store, "hard", "Hal", true);
        String email = fixtures.email(store, profile);
        SendJob job = SendJob.of(store.accountId(), Ids.newId(), profile, template);

        publisher.publish(queue, store.accountId(), job);
        assertThat(processNext(queue, Duration.ofSeconds(10))).as("a job to process").isTrue();

        Entry logged = messageLog.find(store.accountId(), job.sourceId(), profile).orElseThrow();
        assertThat(logged.state()).isEqualTo(State.BOUNCED);
        assertThat(logged.smtpReply()).startsWith("550 5.1.1");
        assertThat(suppressions.find(store.accountId(), email)).hasValueSatisfying(suppression -> {
            assertThat(suppression.reason()).isEqualTo(SuppressionReason.BOUNCED);
            assertThat(suppression.detail()).startsWith("550 5.1.1");
            assertThat(suppression.source()).isEqualTo(job.sourceId());
        });
        Event bounced = activity.timeline(store.accountId(), profile, Optional.empty(), 20)
            .events()
            .stream()
            .filter(event -> event.metricName().equals(EmailDelivery.BOUNCED_METRIC))
            .findFirst()
            .orElseThrow();
        assertThat(String.valueOf(bounced.properties().get("smtp_reply"))).startsWith("550 5.1.1");

        // No attempt is scheduled: neither the retry queue nor the job queue holds it
        assertThat(processNext(jobQueues.retryQueue(queue, 1), Duration.ofSeconds(2))).as("a retry").isFalse();
        assertThat(processNext(queue, Duration.ofSeconds(1))).as("a redelivery").isFalse();
        assertThat(smtp.rcptsFor(email)).isEqualTo(1);
        assertThat(smtp.acceptedFor(email)).isEmpty();
    }

    @Test
    void aTransientFailureIsRetriedAfterABackOffAndThenSentOnce() throws Exception {
        Store store = fixtures.store("Greylisted Teas");
        String template = fixtures.template(store, "Hello {{ first_name }}");
        String profile = fixtures.profile(store, "soft", "Sol", true);
        String email = fixtures.email(store, profile);
        SendJob job = SendJob.of(store.accountId(), Ids.newId(), profile, template);

        publisher.publish(queue, store.accountId(), job);
        assertThat(processNext(queue, Duration.ofSeconds(10))).as("a job to process").isTrue();

        Entry deferred = messageLog.find(store.accountId(), job.sourceId(), profile).orElseThrow();
        assertThat(deferred.state()).isEqualTo(State.DEFERRED);
        assertThat(deferred.smtpReply()).startsWith("451 4.7.1");
        assertThat(suppressions.isSuppressed(store.accountId(), email)).isFalse();
        assertThat(smtp.acceptedFor(email)).isEmpty();

        // The retry waits out its back-off in the first retry queue, which RabbitMQ empties back into the job
        // queue when the delay has passed; the test takes it from there at once (the embedded broker has no TTLs)
        assertThat(processNext(jobQueues.retryQueue(queue, 1), Duration.ofSeconds(5))).as("the retry").isTrue();
        assertThat(messageLog.find(store.accountId(), job.sourceId(), profile).orElseThrow().state())
            .isEqualTo(State.SENT);
        assertThat(smtp.rcptsFor(email)).isEqualTo(2);
        assertThat(smtp.acceptedFor(email)).singleElement()
            .satisfies(accepted -> assertThat(accepted.raw()).contains("Subject: Hello Sol"));
    }

    @Test
    void aJobToSeveralRecipientsSettlesEachOnItsOwnAndRetriesOnlyTheDeferredOne() throws Exception {
        Store store = fixtures.store("Mixed Teas");
        String template = fixtures.template(store, "Hello {{ first_name }}");
        String fine = fixtures.profile(store, "fine", "Fay", true);
        String soft = fixtures.profile(store, "soft", "Sol", true);
        String hard = fixtures.profile(store, "hard", "Hal", true);
        String unsubscribed = fixtures.profile(store, "gone", "Gus", false);
        SendJob job = new SendJob(store.accountId(), Ids.newId(), List.of(fine, soft, hard, unsubscribed), template,
                null, null, null, null);

        publisher.publish(queue, store.accountId(), job);
        assertThat(processNext(queue, Duration.ofSeconds(10))).as("a job to process").isTrue();

        assertThat(stateOf(job, fine)).isEqualTo(State.SENT);
        assertThat(stateOf(job, soft)).isEqualTo(State.DEFERRED);
        assertThat(stateOf(job, hard)).isEqualTo(State.BOUNCED);
        assertThat(stateOf(job, unsubscribed)).isEqualTo(State.SKIPPED);
        assertThat(smtp.acceptedFor(fixtures.email(store, fine))).singleElement()
            .satisfies(accepted -> assertThat(accepted.raw()).contains("Subject: Hello Fay"));

        // Only the deferred recipient is tried again, in a job of its own
        Message retry = rabbit.receive(jobQueues.retryQueue(queue, 1), 5000);
        assertThat(retry).as("the retry").isNotNull();
        SendJob again = (SendJob) converter.fromMessage(retry);
        assertThat(again.profileIds()).containsExactly(soft);
        assertThat(again.sourceId()).isEqualTo(job.sourceId());
        assertThat(JobRetries.attempt(retry)).isEqualTo(2);
        rabbit.send("", queue, retry);
        assertThat(processNext(queue, Duration.ofSeconds(5))).as("the retried job").isTrue();

        assertThat(stateOf(job, soft)).isEqualTo(State.SENT);
        assertThat(smtp.acceptedFor(fixtures.email(store, soft))).singleElement()
            .satisfies(accepted -> assertThat(accepted.raw()).contains("Subject: Hello Sol"));
        assertThat(smtp.acceptedFor(fixtures.email(store, fine))).hasSize(1);
        assertThat(smtp.rcptsFor(fixtures.email(store, hard))).isEqualTo(1);
        assertThat(processNext(jobQueues.retryQueue(queue, 2), Duration.ofSeconds(1))).as("another retry").isFalse();
    }

    @Test
    void aJobToSeveralRecipientsWithAnUnknownTemplateFailsThemAllAndIsDeadLettered() throws Exception {
        Store store = fixtures.store("Poisoned Teas");
        List<String> recipients = List.of(fixtures.profile(store, "one", "Una", true),
                fixtures.profile(store, "two", "Tam", true), fixtures.profile(store, "three", "Tre", true));
        SendJob job = new SendJob(store.accountId(), Ids.newId(), recipients, Ids.newId(), null, null, null, null);

        publisher.publish(queue, store.accountId(), job);
        assertThat(processNext(queue, Duration.ofSeconds(10))).as("a job to process").isTrue();

        assertThat(recipients).allSatisfy(profile -> assertThat(stateOf(job, profile)).isEqualTo(State.FAILED));
        assertThat(processNext(jobQueues.retryQueue(queue, 1), Duration.ofSeconds(1))).as("a retry").isFalse();
        assertThat(smtp.acceptedFor(fixtures.email(store, recipients.get(0)))).isEmpty();
    }

    private State stateOf(SendJob job, String profile) {
        return messageLog.find(job.accountId(), job.sourceId(), profile).orElseThrow().state();
    }

    /** Takes the next job of {@code from}, if one comes within {@code timeout}, and has the worker process it. */
    private boolean processNext(String from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Boolean processed = rabbit.execute(channel -> {
                GetResponse response = channel.basicGet(from, false);
                if (response == null) {
                    return false;
                }
                MessageProperties messageProperties = new DefaultMessagePropertiesConverter()
                    .toMessageProperties(response.getProps(), response.getEnvelope(), "UTF-8");
                worker.onMessage(new Message(response.getBody(), messageProperties), channel);
                return true;
            });
            if (Boolean.TRUE.equals(processed)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
