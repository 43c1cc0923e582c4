package dev.magpie.sending.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.magpie.MagpieApplication;
import dev.magpie.audiences.ListDirectory;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.profiles.Profiles;
import dev.magpie.sending.SendQueue;
import dev.magpie.shared.Ids;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Magpie stopped in the middle of a campaign and started again: a first application closes while its launcher and
 * its consumers are at work, a second one on the same MySQL database, Cassandra keyspace, RabbitMQ broker and SMTP
 * server takes over, and every recipient has exactly one message when the campaign is sent.
 *
 * <p>The SMTP server is the JVM's GreenMail (see {@code LocalSmtp}), which outlives both applications; the test
 * counts the messages to its own recipient domain there. It is that server rather than one started here because
 * every application of the JVM sends to it: in a full test run, applications that other test classes left running
 * consume the same send queue and may deliver some of these jobs, and those messages must be counted too.
 */
class CampaignRestartTests {

    /**
     * Enough that the campaign is still sending when the first application has closed, although every application
     * of the JVM consumes its jobs (300 were all delivered while it closed).
     */
    static final int RECIPIENTS = 2_000;

    /**
     * How long the test waits for progress: the next message, the campaign's status. Longer than the default claim
     * lease (2 minutes): the applications other test classes leave running in this JVM consume the same queue with
     * that lease, and a message the stopped application had claimed waits it out when one of them finds it.
     */
    static final Duration WAIT = Duration.ofMinutes(3);

    ConfigurableApplicationContext running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aCampaignInterruptedByARestartReachesEveryRecipientExactlyOnce() throws Exception {
        // One consumer and one connection, held to 20 messages a second, so that the first application is still
        // sending when it stops
        running = start(1, 20);
        ApiStores api = api(running);
        Store store = api.open("Restart Teas", "templates:write", "profiles:write", "campaigns:write", "lists:write");
        String domain = "r" + Ids.newId().toLowerCase(Locale.ROOT) + ".example";
        ProfileSeeder seeder = new ProfileSeeder(running.getBean(CqlSession.class), store.accountId());
        Set<String> members = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < RECIPIENTS; i++) {
            String email = "rae" + i + "@" + domain;
            members.add(seeder.profile(email, "Rae" + i, "gold"));
            addresses.add(email);
        }
        seeder.await();
        Response list = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "Everyone"}}}""");
        assertThat(list.status()).as(list.text()).isEqualTo(201);
        String listId = list.body().at("/data/id").asString();
        running.getBean(ListDirectory.class).add(store.accountId(), listId, members);
        SendingFixtures fixtures = new SendingFixtures(api, running.getBean(Profiles.class));
        String template = fixtures.template(store,
                "Template subject");
        String campaign = fixtures.campaign(store, listId, template, "Hello {{ first_name }}", "news@store.example",
                true);
        fixtures.send(store, campaign);

        // The first application's launcher takes it; stop it once some messages have gone out
        long until = System.currentTimeMillis() + WAIT.toMillis();
        int before;
        while ((before = CampaignMail.countsBySource(domain, campaign).size()) < 20) {
            assertThat(System.currentTimeMillis()).as("first messages").isLessThan(until);
            Thread.sleep(50);
        }
        running.close();
        int atStop = CampaignMail.countsBySource(domain, campaign).size();
        System.out.printf("Stopped the first application after %d messages (%d when it was told to)%n", atStop,
                before);
        assertThat(atStop).as("messages when the first application had stopped").isLessThan(RECIPIENTS);

        running = start(4, 0);
        Campaigns campaigns = running.getBean(Campaigns.class);
        Map<String, Integer> counts;
        int progress = atStop;
        until = System.currentTimeMillis() + WAIT.toMillis();
        while ((counts = CampaignMail.countsBySource(domain, campaign)).size() < RECIPIENTS
                || campaigns.find(store.accountId(), campaign).orElseThrow().status() != CampaignStatus.SENT) {
            if (counts.size() > progress) {
                // Still sending (slowly on a crowded machine): wait on
                progress = counts.size();
                until = System.currentTimeMillis() + WAIT.toMillis();
            }
            assertThat(System.currentTimeMillis()).as(counts.size() + " of " + RECIPIENTS + " recipients, campaign "
                    + campaigns.find(store.accountId(), campaign).orElseThrow().status()).isLessThan(until);
            Thread.sleep(500);
        }
        until = System.currentTimeMillis() + WAIT.toMillis();
        // Sent: every job settled. Let whatever is still queued (a job published twice by a resumed launch) pass
        AmqpAdmin rabbit = running.getBean(AmqpAdmin.class);
        while (rabbit.getQueueInfo(SendQueue.NAME).getMessageCount() > 0) {
            assertThat(System.currentTimeMillis()).as("send queue drained").isLessThan(until);
            Thread.sleep(200);
        }
        Thread.sleep(3000);

        counts = CampaignMail.countsBySource(domain, campaign);
        assertThat(counts.keySet()).isEqualTo(addresses);
        assertThat(counts.values()).as("messages per recipient").containsOnly(1);
        assertThat(running.getBean(MessageLog.class).countSettled(store.accountId(), campaign))
            .isEqualTo(RECIPIENTS);
    }

    /**
     * An application as the tests run it (the engines found by DevEngines), serving on a random port, with short
     * leases so that the second one takes over the first one's launch and claims quickly; {@code perSecond} holds
     * the account to so many messages a second (0: not at all).
     */
    private static ConfigurableApplicationContext start(int consumers, int perSecond) {
        return new SpringApplicationBuilder(MagpieApplication.class).properties(
                "server.port=0",
                "magpie.sending.consumers=" + consumers,
                "magpie.sending.smtp-connections=" + consumers,
                "magpie.sending.launcher.poll-interval=1s",
                "magpie.sending.launcher.lease=10s",
                "magpie.sending.launcher.batch-size=50",
                "magpie.sending.claim-lease=10s",
                "magpie.sending.throttle.account-per-second=" + perSecond)
            .run();
    }

    /** The API of the application, through MockMvc with its filters, as {@code @AutoConfigureMockMvc} makes it. */
    private static ApiStores api(ConfigurableApplicationContext context) {
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context);
        SpringBootMockMvcBuilderCustomizer filters = new SpringBootMockMvcBuilderCustomizer(
                (WebApplicationContext) context);
        filters.setAddFilters(true);
        filters.setPrint(MockMvcPrint.NONE);
        filters.customize(builder);
        MockMvc mvc = builder.build();
        return new ApiStores(mvc, context.getBean(JsonMapper.class));
    }
}
