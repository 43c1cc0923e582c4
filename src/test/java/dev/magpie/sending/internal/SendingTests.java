package dev.magpie.sending.internal;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.devengines.CapturedMailbox;
import dev.magpie.devengines.LocalSmtp;
import dev.magpie.engines.CapturedMail;
import dev.magpie.profiles.Profiles;
import dev.magpie.sending.DkimKeys;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.SendQueue;
import dev.magpie.sending.internal.MessageLog.Entry;
import dev.magpie.sending.internal.MessageLog.State;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.TenantContext;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Send jobs through RabbitMQ into the development SMTP server: one personalised message with its headers per job
 * however often the job comes; nothing for a suppressed or non-consenting profile; a DKIM signature a receiver
 * can verify; and nothing across accounts.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SendingTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    SendQueue queue;

    @Autowired
    MessageLog messageLog;

    @Autowired
    EmailDelivery delivery;

    @Autowired
    Suppressions suppressions;

    @Autowired
    DkimKeys dkimKeys;

    @Autowired
    ActivityQueries activity;

    SendingFixtures fixtures;

    CapturedMailbox inbox;

    @BeforeEach
    void fixtures() {
        fixtures = new SendingFixtures(new ApiStores(mvc, json), profiles);
        inbox = LocalSmtp.inbox().orElseThrow();
    }

    @Test
    void aJobDeliversOnePersonalisedMessageWithAllItsHeaders() throws Exception {
        Store store = fixtures.store("Tern Teas");
        String template = fixtures.template(store, "News for {{ first_name }}");
        String profile = fixtures.profile(store, "ana", "Ana", true);
        String email = fixtures.email(store, profile);
        String campaign = Ids.newId();

        queue.enqueue(new SendJob(store.accountId(), campaign, profile, template, null, "news@tern.example",
                "Tern Teas", "help@tern.example"));

        CapturedMail mail = inbox.awaitMessageTo(email, WAIT);
        assertThat(mail.subject()).isEqualTo("News for Ana");
        assertThat(mail.from()).isEqualTo("Tern Teas <news@tern.example>");
        assertThat(mail.header("Reply-To")).containsExactly("help@tern.example");
        assertThat(mail.htmlBody()).contains("Hi Ana, tea from Tern Teas.").contains("style=\"color: #333");
        assertThat(mail.textBody()).contains("Hi Ana, tea from Tern Teas.");
        assertThat(mail.header("Content-Type").get(0)).startsWith("multipart/alternative");
        String messageId = "<" + campaign.toLowerCase() + "." + profile.toLowerCase() + "."
                + store.accountId().toLowerCase() + "@magpie.local>";
        assertThat(mail.header("Message-ID")).containsExactly(messageId);
        String listUnsubscribe = String.join("", mail.header("List-Unsubscribe")).replaceAll("\r\n\\s+", " ");
        assertThat(listUnsubscribe).matches("<https?://[^>]+/unsubscribe/[^>]+>, <mailto:unsubscribe@[^>]+>");
        assertThat(mail.htmlBody()).contains(listUnsubscribe.substring(1, listUnsubscribe.indexOf('>')));
        assertThat(mail.header("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(mail.header("Feedback-ID"))
            .containsExactly(campaign.toLowerCase() + ":" + store.accountId().toLowerCase() + ":magpie");

        Entry logged = awaitLog(store, campaign, profile, entry -> entry.state() == State.SENT);
        assertThat(logged.messageId()).isEqualTo(messageId);
        assertThat(logged.email()).isEqualTo(email);
        assertThat(logged.smtpReply()).startsWith("250");
        Event received = awaitEvent(store, profile, EmailDelivery.RECEIVED_METRIC);
        assertThat(received.properties()).containsEntry("message_id", messageId)
            .containsEntry("$message", campaign);
    }

    @Test
    void theSameJobDeliveredTwiceSendsOnce() throws Exception {
        Store store = fixtures.store("Twice Teas");
        String template = fixtures.template(store, "Once");
        String profile = fixtures.profile(store, "once", "Oona", true);
        String email = fixtures.email(store, profile);
        SendJob job = SendJob.of(store.accountId(), Ids.newId(), profile, template);

        queue.enqueue(job);
        queue.enqueue(job);
        inbox.awaitMessageTo(email, WAIT);
        awaitLog(store, job.sourceId(), profile, entry -> entry.state() == State.SENT);
        // A third delivery, made after the first settled, as a redelivery after a crash would be
        assertThat(TenantContext.callInAccount(store.accountId(), () -> delivery.deliver(job, true)).get(profile)
            .result()).isEqualTo(EmailDelivery.Result.ALREADY_SETTLED);
        Thread.sleep(2000);

        assertThat(messagesTo(email)).hasSize(1);
        assertThat(activity.timeline(store.accountId(), profile, Optional.empty(), 20).events())
            .filteredOn(event -> event.metricName().equals(EmailDelivery.RECEIVED_METRIC))
            .hasSize(1);
    }

    @Test
    void suppressedAndNonConsentingProfilesGetNothing() throws Exception {
        Store store = fixtures.store("Careful Teas");
        String template = fixtures.template(store, "Hello");
        String suppressed = fixtures.profile(store, "gone", "Gail", true);
        suppressions.suppress(store.accountId(), fixtures.email(store, suppressed), SuppressionReason.UNSUBSCRIBED,
                null, null);
        String unsubscribed = fixtures.profile(store, "never", "Nell", false);
        String welcome = fixtures.profile(store, "welcome", "Wes", true);
        String campaign = Ids.newId();

        for (String profile : List.of(suppressed, unsubscribed, welcome)) {
            queue.enqueue(SendJob.of(store.accountId(), campaign, profile, template));
        }

        inbox.awaitMessageTo(fixtures.email(store, welcome), WAIT);
        assertThat(awaitLog(store, campaign, suppressed, entry -> entry.state() == State.SKIPPED).detail())
            .isEqualTo("suppressed: UNSUBSCRIBED");
        assertThat(awaitLog(store, campaign, unsubscribed, entry -> entry.state() == State.SKIPPED).detail())
            .isEqualTo("no email marketing consent");
        assertThat(messagesTo(fixtures.email(store, suppressed))).isEmpty();
        assertThat(messagesTo(fixtures.email(store, unsubscribed))).isEmpty();
    }

    @Test
    void aMessageFromADomainWithAKeyCarriesAValidDkimSignature() throws Exception {
        Store store = fixtures.store("Signed Teas");
        String template = fixtures.template(store, "Signed for {{ first_name }}");
        String profile = fixtures.profile(store, "signed", "Sami", true);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        dkimKeys.set(store.accountId(), "signed-teas.example", "mag1", pem);
        assertThat(dkimKeys.keyFor(store.accountId(), "news@mail.signed-teas.example"))
            .contains(new DkimKeys.DkimKey("signed-teas.example", "mag1"));

        queue.enqueue(new SendJob(store.accountId(), Ids.newId(), profile, template, null,
                "news@mail.signed-teas.example", null, null));

        CapturedMail mail = inbox.awaitMessageTo(fixtures.email(store, profile), WAIT);
        DkimVerifier.Result dkim = DkimVerifier.verify(mail.raw(), keys.getPublic());
        assertThat(dkim.tags()).containsEntry("d", "signed-teas.example").containsEntry("s", "mag1");
        assertThat(dkim.signedHeaders()).map(String::toLowerCase)
            .contains("from", "subject", "message-id", "list-unsubscribe", "list-unsubscribe-post", "feedback-id");
        assertThat(dkim.bodyHashMatches()).as("body hash").isTrue();
        assertThat(dkim.signatureValid()).as("signature").isTrue();

        KeyPair other = generator.generateKeyPair();
        assertThat(DkimVerifier.verify(mail.raw(), other.getPublic()).signatureValid()).as("another key").isFalse();
    }

    @Test
    void aJobCannotReachAnotherAccountsProfileOrTemplate() throws Exception {
        Store a = fixtures.store("Store A");
        Store b = fixtures.store("Store B");
        String templateA = fixtures.template(a, "From A");
        String templateB = fixtures.template(b, "From B");
        String profileA = fixtures.profile(a, "a", "Abe", true);
        String profileB = fixtures.profile(b, "b", "Bea", true);
        String campaign = Ids.newId();

        queue.enqueue(SendJob.of(a.accountId(), campaign, profileB, templateA));
        queue.enqueue(SendJob.of(a.accountId(), campaign, profileA, templateB));

        assertThat(awaitLog(a, campaign, profileB, entry -> entry.state() == State.SKIPPED).detail())
            .isEqualTo("unknown profile");
        assertThat(awaitLog(a, campaign, profileA, entry -> entry.state() == State.FAILED).detail())
            .isEqualTo("unknown template " + templateB);
        // A's own job still goes out, so the two above were read and refused
        queue.enqueue(SendJob.of(a.accountId(), Ids.newId(), profileA, templateA));
        assertThat(inbox.awaitMessageTo(fixtures.email(a, profileA), WAIT).subject()).isEqualTo("From A");
        assertThat(messagesTo(fixtures.email(a, profileA))).hasSize(1);
        assertThat(messagesTo(fixtures.email(b, profileB))).isEmpty();
        assertThat(messageLog.find(b.accountId(), campaign, profileB)).as("B's log").isEmpty();
    }

    private List<CapturedMail> messagesTo(String email) {
        return inbox.all().stream().filter(mail -> mail.to().contains(email)).toList();
    }

    private Entry awaitLog(Store store, String source, String profile, Predicate<Entry> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Optional<Entry> entry;
        do {
            entry = messageLog.find(store.accountId(), source, profile);
            if (entry.isPresent() && condition.test(entry.get())) {
                return entry.get();
            }
            Thread.sleep(50);
        }
        while (System.nanoTime() < deadline);
        throw new AssertionError("The message log holds " + entry);
    }

    private Event awaitEvent(Store store, String profile, String metric) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        do {
            Optional<Event> event = activity.timeline(store.accountId(), profile, Optional.empty(), 20)
                .events()
                .stream()
                .filter(candidate -> candidate.metricName().equals(metric))
                .findFirst();
            if (event.isPresent()) {
                return event.get();
            }
            Thread.sleep(50);
        }
        while (System.nanoTime() < deadline);
        throw new AssertionError("No " + metric + " event");
    }
}
