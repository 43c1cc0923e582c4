package dev.magpie.sending.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.magpie.audiences.ListDirectory;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignDeliveries;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.SendStrategy;
import dev.magpie.devengines.CapturedMailbox;
import dev.magpie.devengines.LocalSmtp;
import dev.magpie.engines.CapturedMail;
import dev.magpie.profiles.Profiles;
import dev.magpie.sending.internal.MessageLog.Entry;
import dev.magpie.sending.internal.MessageLog.State;
import dev.magpie.shared.Ids;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Smart sending on the real engines: a campaign skips the recipient another campaign emailed within its window
 * (the log says why, the campaign page counts it) and sends to the others; with smart sending off everyone gets
 * it; the window's edge is read against an injected clock; and a late record never hides a later send.
 */
@SpringBootTest(properties = "magpie.sending.launcher.background=false")
@AutoConfigureMockMvc
class SmartSendingTests {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    ListDirectory lists;

    @Autowired
    CampaignLauncher launcher;

    @Autowired
    MessageLog messageLog;

    @Autowired
    CampaignDeliveries deliveries;

    @Autowired
    CqlSession session;

    @Autowired
    SmartSending smartSending;

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
    void aCampaignSkipsTheProfileEmailedWithinItsWindowAndSendsToTheOthers() throws Exception {
        Marketers marketers = new Marketers(mvc);
        Marketer owner = marketers.signUp("Smart Teas");
        Store store = keyOf(owner);
        String mailed = fixtures.profile(store, "mailed", "Mae", true);
        String fresh = fixtures.profile(store, "fresh", "Fay", true);
        String other = fixtures.profile(store, "other", "Oli", true);
        String template = fixtures.template(store, "Hello {{ first_name }}");

        String first = campaign(store, list(store, List.of(mailed)), template, true);
        send(store, first);
        awaitSettled(store, first, mailed, State.SENT);
        // The send is recorded for smart sending just after the log says SENT
        long until = System.currentTimeMillis() + WAIT.toMillis();
        while (smartSending.skipReason(store.accountId(), mailed, campaign(store.accountId(), true, 16)).isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the first send recorded").isLessThan(until);
            Thread.sleep(50);
        }

        String everyone = list(store, List.of(mailed, fresh, other));
        String second = campaign(store, everyone, template, true);
        send(store, second);
        assertThat(awaitSettled(store, second, fresh, State.SENT).email()).isEqualTo(fixtures.email(store, fresh));
        awaitSettled(store, second, other, State.SENT);
        Entry skipped = awaitSettled(store, second, mailed, State.SKIPPED);
        assertThat(skipped.detail()).startsWith("smart sending: ")
            .matches("smart sending: received a marketing email \\d+ min ago");
        assertThat(mailsTo(fixtures.email(store, mailed))).hasSize(1);
        assertThat(mailsTo(fixtures.email(store, fresh))).hasSize(1);

        assertThat(deliveries.counts(store.accountId(), second)).isEqualTo(new CampaignDeliveries.Counts(2, 0, 1));
        String progress = marketers.page(owner, "/campaigns/" + second + "/progress");
        assertThat(progress).contains("0 failed, 1 skipped");
        assertThat(marketers.page(owner, "/campaigns/" + second)).contains("0 failed, 1 skipped");

        // Smart sending off: everyone gets it, the profile emailed twice already included
        String third = campaign(store, everyone, template, false);
        send(store, third);
        for (String profile : List.of(mailed, fresh, other)) {
            awaitSettled(store, third, profile, State.SENT);
        }
        assertThat(mailsTo(fixtures.email(store, mailed))).hasSize(2);
        assertThat(mailsTo(fixtures.email(store, fresh))).hasSize(2);
        assertThat(deliveries.counts(store.accountId(), third)).isEqualTo(new CampaignDeliveries.Counts(3, 0, 0));
    }

    @Test
    void theWindowEndsExactlyItsHoursAfterTheLastMarketingEmail() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        SmartSending smartSending = new SmartSending(session, Clock.fixed(now, ZoneOffset.UTC));
        String account = Ids.newId();
        String profile = Ids.newId();
        Campaign smart = campaign(account, true, 16);

        assertThat(smartSending.skipReason(account, profile, smart)).as("never emailed").isEmpty();

        smartSending.recordSent(account, profile, Ids.newId(), now.minus(Duration.ofHours(16)).plusSeconds(1));
        assertThat(smartSending.skipReason(account, profile, smart))
            .contains("smart sending: received a marketing email 15 h ago");
        assertThat(smartSending.skipReason(account, profile, campaign(account, false, 16))).as("smart sending off")
            .isEmpty();
        assertThat(smartSending.skipReason(account, profile, campaign(account, true, 17))).as("a longer window")
            .isPresent();
        assertThat(smartSending.skipReason(account, profile, null)).as("not a campaign").isEmpty();
        assertThat(smartSending.skipReason(Ids.newId(), profile, smart)).as("another account").isEmpty();

        // A second later the email is exactly 16 hours old: the window is over
        SmartSending aSecondLater = new SmartSending(session, Clock.fixed(now.plusSeconds(1), ZoneOffset.UTC));
        assertThat(aSecondLater.skipReason(account, profile, smart)).isEmpty();

        smartSending.recordSent(account, profile, Ids.newId(), now.minusSeconds(12 * 60));
        assertThat(smartSending.skipReason(account, profile, smart))
            .contains("smart sending: received a marketing email 12 min ago");
    }

    @Test
    void aLateRecordOfAnOlderSendNeverHidesALaterOne() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        SmartSending smartSending = new SmartSending(session, Clock.fixed(now, ZoneOffset.UTC));
        String account = Ids.newId();
        String profile = Ids.newId();
        Campaign smart = campaign(account, true, 16);
        Campaign own = campaign(account, true, 16);

        smartSending.recordSent(account, profile, own.id(), now.minus(Duration.ofHours(1)));
        // An older send recorded afterwards, as a redelivery completing a settled job does
        smartSending.recordSent(account, profile, Ids.newId(), now.minus(Duration.ofHours(20)));

        assertThat(smartSending.skipReason(account, profile, smart))
            .contains("smart sending: received a marketing email 1 h ago");
        // The campaign whose email it was does not skip its own recipient (an earlier attempt of the same job)
        assertThat(smartSending.skipReason(account, profile, own)).isEmpty();
    }

    private static Campaign campaign(String accountId, boolean smartSending, int hours) {
        Instant now = Instant.now();
        return new Campaign(Ids.newId(), accountId, "Smart", CampaignStatus.SENDING, List.of(), List.of(),
                SendStrategy.IMMEDIATE, null, null, smartSending, hours, now, now, now, now, null);
    }

    /** An API key of the marketer's account, made on the API keys page as the owner would. */
    private Store keyOf(Marketer owner) throws Exception {
        String key = (String) mvc.perform(post("/settings/api-keys").with(csrf()).session(owner.session())
            .param("name", "Tests")
            .param("access[accounts]", "read")
            .param("access[templates]", "write")
            .param("access[profiles]", "write")
            .param("access[campaigns]", "write")
            .param("access[lists]", "write")).andReturn().getFlashMap().get("newKey");
        assertThat(key).startsWith("pk_");
        return new Store(owner.accountId(), key);
    }

    private String list(Store store, List<String> members) throws Exception {
        Response list = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "Regulars %s"}}}""".formatted(Ids.newId()));
        assertThat(list.status()).as(list.text()).isEqualTo(201);
        String listId = list.body().at("/data/id").asString();
        lists.add(store.accountId(), listId, members);
        return listId;
    }

    private String campaign(Store store, String listId, String template, boolean smartSending) throws Exception {
        return fixtures.campaign(store, listId, template, "Hello {{ first_name }}", "news@store.example",
                smartSending);
    }

    private void send(Store store, String campaign) throws Exception {
        fixtures.send(store, campaign);
        launcher.launchDue();
    }

    private Entry awaitSettled(Store store, String campaign, String profile, State state) throws Exception {
        long until = System.currentTimeMillis() + WAIT.toMillis();
        while (true) {
            Entry entry = messageLog.find(store.accountId(), campaign, profile).orElse(null);
            if (entry != null && entry.state().isFinal()) {
                assertThat(entry.state()).as(entry.detail()).isEqualTo(state);
                return entry;
            }
            assertThat(System.currentTimeMillis()).as(state + " " + profile).isLessThan(until);
            Thread.sleep(100);
        }
    }

    private List<CapturedMail> mailsTo(String email) {
        return inbox.all().stream().filter(mail -> Set.copyOf(mail.to()).contains(email)).toList();
    }
}
