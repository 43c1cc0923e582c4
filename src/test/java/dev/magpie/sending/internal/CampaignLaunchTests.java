package dev.magpie.sending.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.magpie.audiences.ListDirectory;
import dev.magpie.campaigns.CampaignAudience;
import dev.magpie.campaigns.CampaignLaunches;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.devengines.CapturedMailbox;
import dev.magpie.devengines.LocalSmtp;
import dev.magpie.engines.CapturedMail;
import dev.magpie.profiles.Profiles;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.SendQueue;
import dev.magpie.sending.internal.MessageLog.Entry;
import dev.magpie.sending.internal.MessageLog.State;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campaigns launched end to end: sent through the send-job API, claimed and published by the launcher, delivered
 * through RabbitMQ into the development SMTP server once per eligible recipient, personalised and with their
 * unsubscribe headers; a launch run again after a crash sends nothing twice; a cancel stops it; and another account
 * cannot see or touch the send job.
 */
@SpringBootTest(properties = "magpie.sending.launcher.background=false")
@AutoConfigureMockMvc
class CampaignLaunchTests {

    static final Duration WAIT = Duration.ofSeconds(60);

    static final int RECIPIENTS = 200;

    static final String IMMEDIATE = "{\"method\": \"immediate\"}";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    ListDirectory lists;

    @Autowired
    Suppressions suppressions;

    @Autowired
    Campaigns campaigns;

    @Autowired
    CampaignLaunches launches;

    @Autowired
    CampaignAudience audience;

    @Autowired
    CampaignLauncher launcher;

    @Autowired
    SendQueue queue;

    @Autowired
    MessageLog messageLog;

    @Autowired
    dev.magpie.tenancy.AccountDirectory accounts;

    @Autowired
    SendingProperties properties;

    @Autowired
    AmqpAdmin rabbit;

    /** The send workers' container. */
    @Autowired
    SimpleMessageListenerContainer sendingListener;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    ApiStores api;

    SendingFixtures fixtures;

    CapturedMailbox inbox;

    @BeforeEach
    void fixtures() {
        api = new ApiStores(mvc, json);
        fixtures = new SendingFixtures(api, profiles);
        inbox = LocalSmtp.inbox().orElseThrow();
    }

    @Test
    void aCampaignReachesEveryEligibleRecipientOnceEvenWhenItsLaunchRunsAgain() throws Exception {
        Store store = open("Wren Teas");
        Audience members = audience(store, RECIPIENTS);
        String campaign = campaign(store, members.listId());

        Response sent = api.post(store, "/api/campaign-send-jobs", sendJob(campaign));
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        assertThat(sent.body().at("/data/type").asString()).isEqualTo("campaign-send-job");
        assertThat(sent.body().at("/data/id").asString()).isEqualTo(campaign);
        assertThat(sent.body().at("/data/attributes/status").asString()).isEqualTo("queued");
        Response again = api.post(store, "/api/campaign-send-jobs", sendJob(campaign));
        assertThat(again.status()).as(again.text()).isEqualTo(409);

        launcher.launchDue();

        Map<String, CapturedMail> mails = awaitMails(members.emails().keySet(), RECIPIENTS);
        assertThat(mails).hasSize(RECIPIENTS);
        for (Map.Entry<String, CapturedMail> delivered : mails.entrySet()) {
            String firstName = members.emails().get(delivered.getKey());
            CapturedMail mail = delivered.getValue();
            assertThat(mail.subject()).isEqualTo("Hello " + firstName);
            assertThat(mail.htmlBody()).contains("Hi " + firstName + ", tea from Wren Teas.");
            assertThat(mail.from()).isEqualTo("The Store <news@store.example>");
            assertThat(mail.header("List-Unsubscribe")).isNotEmpty();
            assertThat(mail.header("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        }
        awaitStatus(store, campaign, CampaignStatus.SENT);
        assertThat(api.get(store, "/api/campaign-send-jobs/" + campaign).body().at("/data/attributes/status")
            .asString()).isEqualTo("complete");
        assertThat(delivered(members.excluded())).isEmpty();

        // The instance publishing it died: the campaign is sending, unpublished, under a lease that ran out
        jdbc.update("UPDATE campaigns SET status = 'SENDING', published_at = NULL, launch_owner = 'gone', "
                + "launch_lease_until = ? WHERE id = ?", java.sql.Timestamp.from(clock.instant().minusSeconds(60)),
                campaign);
        launcher.launchDue();
        awaitStatus(store, campaign, CampaignStatus.SENT);
        awaitQueueDrained();

        assertThat(delivered(members.emails().keySet())).hasSize(RECIPIENTS);
        assertThat(messageLog.countSettled(store.accountId(), campaign)).isEqualTo(RECIPIENTS);
        assertThat(delivered(members.excluded())).isEmpty();
    }

    @Test
    void cancellingStopsTheLaunchAndSkipsTheJobsAlreadyQueued() throws Exception {
        Store store = open("Stint Teas");
        Audience members = audience(store, RECIPIENTS);
        // Due in an hour, so that only the launcher below, whose clock is two hours ahead, launches it
        String dueAt = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        String campaign = campaign(store, members.listId(),
                "{\"method\": \"static\", \"datetime\": \"" + dueAt + "\", \"options\": {\"is_local\": false}}");
        assertThat(api.post(store, "/api/campaign-send-jobs", sendJob(campaign)).status()).isEqualTo(202);

        // A launcher publishing 50 jobs of one recipient a batch, whose campaign is cancelled as the 50th job is
        // queued. The send workers wait meanwhile (they would otherwise send all 50 before the cancellation), then
        // find the queued jobs cancelled
        AtomicInteger queued = new AtomicInteger();
        SendQueue cancelling = job -> {
            queue.enqueue(job);
            if (job.sourceId().equals(campaign) && queued.incrementAndGet() == 50) {
                Response cancelled = call(() -> api.patch(store, "/api/campaign-send-jobs/" + campaign, """
                        {"data": {"type": "campaign-send-job", "id": "%s", "attributes": {"action": "cancel"}}}"""
                    .formatted(campaign)));
                assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(204);
            }
        };
        SendingProperties batchesOf50 = new SendingProperties(properties.consumers(), properties.smtpConnections(),
                properties.messageIdDomain(), properties.feedbackSender(), properties.defaultFrom(),
                properties.claimLease(), new SendingProperties.Launcher(false, Duration.ofSeconds(5),
                        Duration.ofMinutes(2), 50, 1));
        sendingListener.stop();
        try {
            new CampaignLauncher(launches, campaigns, audience, cancelling, messageLog, accounts, batchesOf50,
                    Clock.offset(clock, Duration.ofHours(2))).launchDue();
        }
        finally {
            sendingListener.start();
        }

        assertThat(queued.get()).isEqualTo(50);
        assertThat(api.get(store, "/api/campaign-send-jobs/" + campaign).body().at("/data/attributes/status")
            .asString()).isEqualTo("cancelled");
        long until = System.currentTimeMillis() + WAIT.toMillis();
        while (messageLog.countSettled(store.accountId(), campaign) < 50) {
            assertThat(System.currentTimeMillis()).as("settled jobs").isLessThan(until);
            Thread.sleep(100);
        }
        awaitQueueDrained();
        int sent = 0;
        int skipped = 0;
        for (String profileId : members.profileIds()) {
            Entry entry = messageLog.find(store.accountId(), campaign, profileId).orElse(null);
            if (entry == null) {
                continue;
            }
            if (entry.state() == State.SENT) {
                sent++;
            }
            else {
                assertThat(entry.state()).isEqualTo(State.SKIPPED);
                assertThat(entry.detail()).isEqualTo("cancelled");
                skipped++;
            }
        }
        assertThat(sent + skipped).isEqualTo(50);
        assertThat(skipped).as("jobs still queued when it was cancelled").isPositive();
        assertThat(delivered(members.emails().keySet())).hasSize(sent);

        // A job of the cancelled campaign arriving later is skipped too
        // (a recipient the launcher did not reach: which ones it reached depends on the audience's order)
        String late = members.profileIds().stream()
            .filter(profileId -> messageLog.find(store.accountId(), campaign, profileId).isEmpty())
            .findFirst().orElseThrow();
        queue.enqueue(SendJob.of(store.accountId(), campaign, late, campaigns.find(store.accountId(), campaign)
            .orElseThrow().message().templateId()));
        until = System.currentTimeMillis() + WAIT.toMillis();
        // The claim row appears before the skip is written over it: wait for the final state
        while (messageLog.find(store.accountId(), campaign, late).filter(entry -> entry.state().isFinal()).isEmpty()) {
            assertThat(System.currentTimeMillis()).as("late job").isLessThan(until);
            Thread.sleep(100);
        }
        assertThat(messageLog.find(store.accountId(), campaign, late).orElseThrow().detail()).isEqualTo("cancelled");
        launcher.completeSent();
        assertThat(campaigns.find(store.accountId(), campaign).orElseThrow().status())
            .isEqualTo(CampaignStatus.CANCELLED);
    }

    @Test
    void aDraftIsSentOnlyWhenReady() throws Exception {
        Store store = open("Teal Teas");
        Audience members = audience(store, 2);
        Response created = api.post(store, "/api/campaigns", campaignDocument(members.listId(), IMMEDIATE));
        String campaign = created.body().at("/data/id").asString();

        Response noTemplate = api.post(store, "/api/campaign-send-jobs", sendJob(campaign));
        assertThat(noTemplate.status()).isEqualTo(400);
        assertThat(noTemplate.error().at("/detail").asString()).contains("template");
        assertThat(api.get(store, "/api/campaign-send-jobs/" + campaign).status()).isEqualTo(404);
        Response wrongType = api.post(store, "/api/campaign-send-jobs",
                "{\"data\": {\"type\": \"campaign\", \"id\": \"%s\"}}".formatted(campaign));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(api.post(store, "/api/campaign-send-jobs", sendJob("01JZZZZZZZZZZZZZZZZZZZZZZZ")).status())
            .isEqualTo(404);
        assertThat(campaigns.find(store.accountId(), campaign).orElseThrow().status())
            .isEqualTo(CampaignStatus.DRAFT);

        assignTemplate(store, created, fixtures.template(store, "Hello {{ first_name }}"));
        assertThat(api.post(store, "/api/campaign-send-jobs", sendJob(campaign)).status()).isEqualTo(202);
        Response badAction = api.patch(store, "/api/campaign-send-jobs/" + campaign, """
                {"data": {"type": "campaign-send-job", "id": "%s", "attributes": {"action": "pause"}}}"""
            .formatted(campaign));
        assertThat(badAction.status()).isEqualTo(400);
        Response reverted = api.patch(store, "/api/campaign-send-jobs/" + campaign, """
                {"data": {"type": "campaign-send-job", "id": "%s", "attributes": {"action": "revert"}}}"""
            .formatted(campaign));
        assertThat(reverted.status()).as(reverted.text()).isEqualTo(204);
        assertThat(campaigns.find(store.accountId(), campaign).orElseThrow().status())
            .isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void anotherAccountsKeyFindsNoSendJob() throws Exception {
        Store a = open("Auk Teas");
        Store b = open("Bittern Teas");
        Audience members = audience(a, 2);
        String campaign = campaign(a, members.listId());
        String cancel = """
                {"data": {"type": "campaign-send-job", "id": "%s", "attributes": {"action": "cancel"}}}"""
            .formatted(campaign);

        assertThat(api.post(b, "/api/campaign-send-jobs", sendJob(campaign)).status()).isEqualTo(404);
        assertThat(api.get(b, "/api/campaign-send-jobs/" + campaign).status()).isEqualTo(404);
        assertThat(api.patch(b, "/api/campaign-send-jobs/" + campaign, cancel).status()).isEqualTo(404);
        assertThat(campaigns.find(a.accountId(), campaign).orElseThrow().status()).isEqualTo(CampaignStatus.DRAFT);

        assertThat(api.post(a, "/api/campaign-send-jobs", sendJob(campaign)).status()).isEqualTo(202);
        assertThat(api.get(b, "/api/campaign-send-jobs/" + campaign).status()).isEqualTo(404);
        assertThat(api.patch(b, "/api/campaign-send-jobs/" + campaign, cancel).status()).isEqualTo(404);
        assertThat(campaigns.find(a.accountId(), campaign).orElseThrow().status())
            .isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(api.patch(a, "/api/campaign-send-jobs/" + campaign, cancel).status()).isEqualTo(204);
        assertThat(api.get(a, "/api/campaign-send-jobs/" + campaign).body().at("/data/attributes/status").asString())
            .isEqualTo("cancelled");
    }

    /** The members of a list: {@code size} subscribed profiles, and two that must not be emailed. */
    record Audience(String listId, Map<String, String> emails, List<String> profileIds, Set<String> excluded) {
    }

    private Store open(String name) throws Exception {
        return api.open(name, "templates:write", "profiles:write", "campaigns:write", "lists:write");
    }

    private Audience audience(Store store, int size) throws Exception {
        Response list = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "Tea lovers"}}}""");
        assertThat(list.status()).as(list.text()).isEqualTo(201);
        String listId = list.body().at("/data/id").asString();
        Map<String, String> emails = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String firstName = "Ada" + i;
            String id = fixtures.profile(store, "ada" + i, firstName, true);
            ids.add(id);
            emails.put(fixtures.email(store, id), firstName);
        }
        String unsubscribed = fixtures.profile(store, "never", "Nell", false);
        String suppressed = fixtures.profile(store, "gone", "Gail", true);
        suppressions.suppress(store.accountId(), fixtures.email(store, suppressed), SuppressionReason.UNSUBSCRIBED,
                null, null);
        List<String> members = new ArrayList<>(ids);
        members.add(unsubscribed);
        members.add(suppressed);
        lists.add(store.accountId(), listId, members);
        return new Audience(listId, emails, ids, Set.of(fixtures.email(store, unsubscribed),
                fixtures.email(store, suppressed)));
    }

    private String campaign(Store store, String listId) throws Exception {
        return campaign(store, listId, IMMEDIATE);
    }

    private String campaign(Store store, String listId, String sendStrategy) throws Exception {
        Response created = api.post(store, "/api/campaigns", campaignDocument(listId, sendStrategy));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assignTemplate(store, created, fixtures.template(store, "Template subject"));
        return created.body().at("/data/id").asString();
    }

    private void assignTemplate(Store store, Response campaign, String template) throws Exception {
        String messageId = campaign.body().at("/data/relationships/campaign-messages/data/0/id").asString();
        Response assigned = api.post(store, "/api/campaign-message-assign-template", """
                {"data": {"type": "campaign-message", "id": "%s", "relationships": {"template": {"data":
                  {"type": "template", "id": "%s"}}}}}""".formatted(messageId, template));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(201);
    }

    private static String campaignDocument(String listId, String sendStrategy) {
        return """
                {"data": {"type": "campaign", "attributes": {
                  "name": "Autumn teas",
                  "audiences": {"included": ["%s"], "excluded": []},
                  "send_strategy": %s,
                  "campaign-messages": {"data": [{"type": "campaign-message", "attributes": {"definition": {
                    "channel": "email", "label": "Autumn",
                    "content": {"subject": "Hello {{ first_name }}", "preview_text": "New teas",
                      "from_email": "news@store.example", "from_label": "The Store"}}}}]}
                }}}""".formatted(listId, sendStrategy);
    }

    private static String sendJob(String campaign) {
        return "{\"data\": {\"type\": \"campaign-send-job\", \"id\": \"%s\"}}".formatted(campaign);
    }

    /** The captured messages to these addresses, by address; fails if one address got two. */
    private Map<String, CapturedMail> delivered(Set<String> addresses) {
        Map<String, CapturedMail> byAddress = new HashMap<>();
        for (CapturedMail mail : inbox.all()) {
            for (String to : mail.to()) {
                if (addresses.contains(to)) {
                    assertThat(byAddress.put(to, mail)).as("a second message to " + to).isNull();
                }
            }
        }
        return byAddress;
    }

    private Map<String, CapturedMail> awaitMails(Set<String> addresses, int count) throws InterruptedException {
        long until = System.currentTimeMillis() + WAIT.toMillis();
        Map<String, CapturedMail> mails = delivered(addresses);
        while (mails.size() < count) {
            assertThat(System.currentTimeMillis()).as(mails.size() + " of " + count + " messages").isLessThan(until);
            Thread.sleep(200);
            mails = delivered(addresses);
        }
        return mails;
    }

    private void awaitStatus(Store store, String campaign, CampaignStatus status) throws InterruptedException {
        long until = System.currentTimeMillis() + WAIT.toMillis();
        while (campaigns.find(store.accountId(), campaign).orElseThrow().status() != status) {
            assertThat(System.currentTimeMillis()).as("campaign " + status).isLessThan(until);
            Thread.sleep(200);
            launcher.completeSent();
        }
    }

    /** Waits until the send queue is empty, then a moment for the consumers to finish what they hold. */
    private void awaitQueueDrained() throws InterruptedException {
        long until = System.currentTimeMillis() + WAIT.toMillis();
        while (rabbit.getQueueInfo(SendQueue.NAME).getMessageCount() > 0) {
            assertThat(System.currentTimeMillis()).as("send queue drained").isLessThan(until);
            Thread.sleep(100);
        }
        Thread.sleep(3000);
    }

    private static <T> T call(java.util.concurrent.Callable<T> work) {
        try {
            return work.call();
        }
        catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }
}
