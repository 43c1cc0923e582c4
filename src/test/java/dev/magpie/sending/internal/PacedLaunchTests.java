package dev.magpie.sending.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.SendQueue;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.testing.ApiStores;
import dev.magpie.testing.ApiStores.Response;
import dev.magpie.testing.ApiStores.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Launches that stop and go on, driven by clocks the tests set: a launch whose instance dies part way is claimed
 * again after its lease and publishes only the recipients after its last recorded position, and the campaign is
 * sent with one message per recipient; a throttled send publishes at its pace across restarts, and a cancel stops
 * it; a local-time send publishes each time zone's recipients when their local time comes, and is sent after the
 * last wave. Every step is a new launcher (a new instance), so the state that carries a launch on is the stored one.
 */
@SpringBootTest(properties = "magpie.sending.launcher.background=false")
@AutoConfigureMockMvc
class PacedLaunchTests {

    static final Duration WAIT = Duration.ofSeconds(60);

    static final String NO_SMART_SENDING = "\"send_options\": {\"use_smart_sending\": false},";

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
    AccountDirectory accounts;

    @Autowired
    SendingProperties properties;

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
    void aLaunchThatDiesResumesFromItsLastRecordedPosition() throws Exception {
        Store store = open("Resume Teas");
        Map<String, String> members = members(store, 120, Map.of());
        String list = list(store, members.keySet());
        String campaign = campaign(store, list, "{\"method\": \"immediate\"}");
        send(store, campaign);

        // An instance publishing 20 jobs a batch dies as it is about to publish the 51st job: 40 are recorded
        Instant now = clock.instant().plusSeconds(1);
        Jobs dying = new Jobs(campaign, 50);
        assertThatThrownBy(() -> launcher(dying, now, 20).launchDue()).hasMessageContaining("died");
        assertThat(dying.profileIds).hasSize(50);
        assertThat(publishedCount(campaign)).isEqualTo(40);
        assertThat(campaigns.find(store.accountId(), campaign).orElseThrow().status())
            .isEqualTo(CampaignStatus.SENDING);

        // Before its lease runs out nobody takes it over; after, another instance continues from job 41
        Jobs early = new Jobs(campaign, Integer.MAX_VALUE);
        launcher(early, now.plusSeconds(60), 20).launchDue();
        assertThat(early.profileIds).isEmpty();
        Jobs resumed = new Jobs(campaign, Integer.MAX_VALUE);
        launcher(resumed, now.plus(properties.launcher().lease()).plusSeconds(1), 20).launchDue();

        assertThat(resumed.profileIds).hasSize(120 - 40);
        assertThat(resumed.profileIds).doesNotContainAnyElementsOf(dying.profileIds.subList(0, 40))
            .containsAll(dying.profileIds.subList(40, 50));
        Set<String> all = new HashSet<>(dying.profileIds);
        all.addAll(resumed.profileIds);
        assertThat(all).containsExactlyInAnyOrderElementsOf(eligible(store, members));
        assertThat(publishedCount(campaign)).isEqualTo(120);

        awaitStatus(store, campaign, CampaignStatus.SENT);
        assertThat(messageLog.countSettled(store.accountId(), campaign)).isEqualTo(120);
        assertThat(delivered(emails(store, eligible(store, members)))).hasSize(120);
    }

    @Test
    void aThrottledSendKeepsItsPaceAcrossRestarts() throws Exception {
        Store store = open("Throttle Teas");
        Map<String, String> members = members(store, 60, Map.of());
        String list = list(store, members.keySet());
        String campaign = campaign(store, list, "{\"method\": \"immediate\", \"throttle_hours\": 1}");
        send(store, campaign);
        Instant start = clock.instant().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        List<String> published = new ArrayList<>();

        // 60 recipients over an hour: one a minute, the first at once
        published.addAll(step(campaign, start));
        assertThat(published).hasSize(1);
        assertThat(launches.resumesAt(store.accountId(), campaign)).contains(start.plus(Duration.ofMinutes(1)));
        assertThat(step(campaign, start.plusSeconds(59))).isEmpty();

        published.addAll(step(campaign, start.plus(Duration.ofMinutes(30))));
        assertThat(published).hasSize(31);
        assertThat(launches.resumesAt(store.accountId(), campaign)).contains(start.plus(Duration.ofMinutes(31)));
        assertThat(step(campaign, start.plus(Duration.ofMinutes(30)).plusSeconds(30))).isEmpty();

        published.addAll(step(campaign, start.plus(Duration.ofMinutes(45))));
        assertThat(published).hasSize(46);
        assertThat(campaigns.find(store.accountId(), campaign).orElseThrow().status())
            .isEqualTo(CampaignStatus.SENDING);

        published.addAll(step(campaign, start.plus(Duration.ofMinutes(60))));
        assertThat(published).hasSize(60).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(eligible(store, members));
        awaitStatus(store, campaign, CampaignStatus.SENT);
        assertThat(delivered(emails(store, eligible(store, members)))).hasSize(60);
    }

    @Test
    void cancellingAThrottledSendStopsItWhileItWaits() throws Exception {
        Store store = open("Halt Teas");
        Map<String, String> members = members(store, 30, Map.of());
        String campaign = campaign(store, list(store, members.keySet()),
                "{\"method\": \"immediate\", \"throttle_hours\": 2}");
        send(store, campaign);
        Instant start = clock.instant().plusSeconds(1);

        assertThat(step(campaign, start)).hasSize(1);
        assertThat(step(campaign, start.plus(Duration.ofMinutes(20)))).hasSize(5);
        campaigns.cancel(store.accountId(), campaign);

        assertThat(step(campaign, start.plus(Duration.ofHours(3)))).isEmpty();
        assertThat(launches.resumesAt(store.accountId(), campaign)).isEmpty();
        assertThat(campaigns.find(store.accountId(), campaign).orElseThrow().status())
            .isEqualTo(CampaignStatus.CANCELLED);
    }

    @Test
    void aLocalTimeSendReachesEachTimeZoneWhenItsLocalTimeComes() throws Exception {
        Store store = open("Local Teas");
        Map<String, String> zones = new LinkedHashMap<>();
        for (String zone : List.of("Pacific/Auckland", "Europe/Paris", "America/New_York")) {
            for (String profileId : members(store, 3, Map.of("timezone", zone)).keySet()) {
                zones.put(profileId, zone);
            }
        }
        // Without a time zone: the account's
        for (String profileId : members(store, 3, Map.of()).keySet()) {
            zones.put(profileId, null);
        }
        String list = list(store, zones.keySet());
        // 09:00 in each recipient's zone, three days from now
        LocalDateTime nineAm = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).toLocalDate().plusDays(3)
            .atTime(9, 0);
        String campaign = campaign(store, list,
                "{\"method\": \"static\", \"datetime\": \"%sZ\", \"options\": {\"is_local\": true}}"
                    .formatted(nineAm));

        String accountZone = accounts.find(store.accountId()).orElseThrow().timezone();
        ZoneId fallback = accountZone == null ? ZoneOffset.UTC : ZoneId.of(accountZone);
        Set<String> recipients = eligible(store, zones.keySet());
        TreeMap<Instant, Set<String>> waves = new TreeMap<>();
        for (String profileId : recipients) {
            String zone = zones.get(profileId);
            Instant moment = nineAm.atZone(zone == null ? fallback : ZoneId.of(zone)).toInstant();
            waves.computeIfAbsent(moment, any -> new HashSet<>()).add(profileId);
        }
        assertThat(waves).hasSizeGreaterThanOrEqualTo(3);
        send(store, campaign);

        // Claimed when 09:00 comes in the earliest zone there is (UTC+14): nobody here is due yet
        Instant first = nineAm.toInstant(ZoneOffset.UTC).minus(CampaignLaunches.LOCAL_LEAD);
        assertThat(step(campaign, first.minusSeconds(60))).isEmpty();
        assertThat(campaigns.find(store.accountId(), campaign).orElseThrow().status())
            .isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(step(campaign, first)).isEmpty();
        assertThat(campaigns.find(store.accountId(), campaign).orElseThrow().status())
            .isEqualTo(CampaignStatus.SENDING);
        assertThat(launches.resumesAt(store.accountId(), campaign)).contains(waves.firstKey());

        Set<String> published = new HashSet<>();
        for (Map.Entry<Instant, Set<String>> wave : waves.entrySet()) {
            assertThat(step(campaign, wave.getKey().minusSeconds(60))).as("a minute before " + wave.getKey())
                .isEmpty();
            List<String> due = step(campaign, wave.getKey());
            assertThat(due).as("at " + wave.getKey()).containsExactlyInAnyOrderElementsOf(wave.getValue());
            published.addAll(due);
            Instant next = waves.higherKey(wave.getKey());
            if (next != null) {
                assertThat(launches.resumesAt(store.accountId(), campaign)).contains(next);
            }
        }
        assertThat(published).containsExactlyInAnyOrderElementsOf(recipients);
        assertThat(publishedCount(campaign)).isEqualTo(recipients.size());
        awaitStatus(store, campaign, CampaignStatus.SENT);
        assertThat(delivered(emails(store, recipients))).hasSize(recipients.size());
    }

    /** The campaign's send jobs one new launcher publishes at {@code now}, in batches of 5. */
    private List<String> step(String campaign, Instant now) {
        Jobs jobs = new Jobs(campaign, Integer.MAX_VALUE);
        launcher(jobs, now, 5).launchDue();
        return jobs.profileIds;
    }

    /** A launcher publishing a job per recipient (the tests count jobs), in batches of {@code batchSize}. */
    private CampaignLauncher launcher(SendQueue jobs, Instant now, int batchSize) {
        SendingProperties batches = new SendingProperties(properties.consumers(), properties.smtpConnections(),
                properties.messageIdDomain(), properties.feedbackSender(), properties.defaultFrom(),
                properties.claimLease(), new SendingProperties.Launcher(false, Duration.ofSeconds(5),
                        properties.launcher().lease(), batchSize, 1));
        return new CampaignLauncher(launches, campaigns, audience, jobs, messageLog, accounts, batches,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /**
     * Queues a campaign's jobs (others' pass through) and remembers whose they are; the instance "dies" (throws)
     * when asked for one job more than {@code limit}.
     */
    private final class Jobs implements SendQueue {

        final String campaign;

        final int limit;

        final List<String> profileIds = Collections.synchronizedList(new ArrayList<>());

        Jobs(String campaign, int limit) {
            this.campaign = campaign;
            this.limit = limit;
        }

        @Override
        public void enqueue(SendJob job) {
            if (job.sourceId().equals(campaign)) {
                if (profileIds.size() + job.profileIds().size() > limit) {
                    throw new IllegalStateException("The instance died");
                }
                profileIds.addAll(job.profileIds());
            }
            queue.enqueue(job);
        }
    }

    private Store open(String name) throws Exception {
        return api.open(name, "templates:write", "profiles:write", "campaigns:write", "lists:write");
    }

    /**
     * {@code size} subscribed profiles with these location properties, and one unsubscribed and one suppressed
     * profile that are no recipients; by id, their first names.
     */
    private Map<String, String> members(Store store, int size, Map<String, String> location) {
        Map<String, String> members = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            members.put(profile(store, "Ada" + i, true, location.get("timezone")), "Ada" + i);
        }
        members.put(profile(store, "Nell", false, location.get("timezone")), "Nell");
        String suppressed = profile(store, "Gail", true, location.get("timezone"));
        suppressions.suppress(store.accountId(), fixtures.email(store, suppressed), SuppressionReason.UNSUBSCRIBED,
                null, null);
        members.put(suppressed, "Gail");
        return members;
    }

    private String profile(Store store, String firstName, boolean subscribed, String timezone) {
        String email = firstName.toLowerCase(Locale.ROOT) + "-" + Ids.newId().toLowerCase(Locale.ROOT)
                + "@inbox.example";
        Consent consent = new Consent(subscribed ? Consent.State.SUBSCRIBED : Consent.State.NEVER_SUBSCRIBED,
                Instant.now(), "API", "tests");
        Location location = timezone == null ? null
                : new Location(null, null, null, null, null, null, timezone, null, null);
        return profiles.upsert(store.accountId(), new ProfileAttributes(new Identifiers(email, null, null, null),
                firstName, "Lee", null, null, null, location, Map.of(), Map.of(Channel.EMAIL_MARKETING, consent)))
            .profile()
            .id();
    }

    /** The profiles among these that may be emailed: subscribed and not suppressed. */
    private Set<String> eligible(Store store, Map<String, String> members) {
        return eligible(store, members.keySet());
    }

    private Set<String> eligible(Store store, Set<String> profileIds) {
        Set<String> eligible = new HashSet<>();
        for (String profileId : profileIds) {
            var profile = profiles.find(store.accountId(), profileId).orElseThrow();
            if (profile.consent().get(Channel.EMAIL_MARKETING).allows()
                    && suppressions.suppressedAmong(store.accountId(), List.of(profile.email())).isEmpty()) {
                eligible.add(profileId);
            }
        }
        return eligible;
    }

    private Set<String> emails(Store store, Set<String> profileIds) {
        Set<String> emails = new HashSet<>();
        profileIds.forEach(profileId -> emails.add(fixtures.email(store, profileId)));
        return emails;
    }

    private String list(Store store, Set<String> profileIds) throws Exception {
        Response list = api.post(store, "/api/lists", """
                {"data": {"type": "list", "attributes": {"name": "Tea lovers"}}}""");
        assertThat(list.status()).as(list.text()).isEqualTo(201);
        String listId = list.body().at("/data/id").asString();
        lists.add(store.accountId(), listId, new ArrayList<>(profileIds));
        return listId;
    }

    private String campaign(Store store, String listId, String sendStrategy) throws Exception {
        Response created = api.post(store, "/api/campaigns", """
                {"data": {"type": "campaign", "attributes": {
                  "name": "Autumn teas",
                  "audiences": {"included": ["%s"], "excluded": []},
                  "send_strategy": %s,
                  %s
                  "campaign-messages": {"data": [{"type": "campaign-message", "attributes": {"definition": {
                    "channel": "email", "label": "Autumn",
                    "content": {"subject": "Hello {{ first_name }}", "from_email": "news@store.example"}}}}]}
                }}}""".formatted(listId, sendStrategy, NO_SMART_SENDING));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String messageId = created.body().at("/data/relationships/campaign-messages/data/0/id").asString();
        Response assigned = api.post(store, "/api/campaign-message-assign-template", """
                {"data": {"type": "campaign-message", "id": "%s", "relationships": {"template": {"data":
                  {"type": "template", "id": "%s"}}}}}""".formatted(messageId,
                fixtures.template(store, "Template subject")));
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(201);
        return created.body().at("/data/id").asString();
    }

    private void send(Store store, String campaign) throws Exception {
        Response sent = api.post(store, "/api/campaign-send-jobs",
                "{\"data\": {\"type\": \"campaign-send-job\", \"id\": \"%s\"}}".formatted(campaign));
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
    }

    private long publishedCount(String campaign) {
        return jdbc.queryForObject("SELECT published_count FROM campaigns WHERE id = ?", Long.class, campaign);
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

    private void awaitStatus(Store store, String campaign, CampaignStatus status) throws InterruptedException {
        long until = System.currentTimeMillis() + WAIT.toMillis();
        while (campaigns.find(store.accountId(), campaign).orElseThrow().status() != status) {
            assertThat(System.currentTimeMillis()).as("campaign " + status).isLessThan(until);
            Thread.sleep(200);
            launcher.completeSent();
        }
    }
}
