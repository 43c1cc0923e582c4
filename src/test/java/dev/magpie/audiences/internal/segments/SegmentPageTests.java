package dev.magpie.audiences.internal.segments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.EventRecorder;
import dev.magpie.audiences.internal.segments.SegmentSizeHistory.DailySize;
import dev.magpie.profiles.IdentifierKind;
import dev.magpie.profiles.Profiles;
import dev.magpie.shared.Ids;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The segment page and the profile page's segments section against the real engines: the progress card polls
 * while a full evaluation runs and stops after; sizes are recorded when an evaluation completes and by snapshots
 * (not by each membership change) and drawn day by day; members page over the shards and are found by email phone
 * or name; the why view explains and notices a pending evaluation; deleting asks first; another store gets 404 for
 * all of it and changes nothing.
 */
@SpringBootTest(properties = { "magpie.audiences.segments.background=false",
        "magpie.sending.launcher.background=false" })
@AutoConfigureMockMvc
@Import(SegmentsEndToEndTests.Config.class)
class SegmentPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Profiles profiles;

    @Autowired
    EventRecorder recorder;

    @Autowired
    ActivityQueries activity;

    @Autowired
    Segments segments;

    @Autowired
    FullEvaluator fullEvaluator;

    @Autowired
    SegmentTriggers triggers;

    @Autowired
    SegmentSizeHistory sizes;

    @Autowired
    SegmentSizeSnapshots snapshots;

    @Autowired
    SegmentsEndToEndTests.TestClock clock;

    Marketers marketers;

    SegmentFixtures fixtures;

    @BeforeEach
    void setUp() {
        marketers = new Marketers(mvc);
        fixtures = new SegmentFixtures(profiles, recorder, activity, segments, json);
    }

    @Test
    void sizeHistoryProgressAndWhy() throws Exception {
        Marketer owner = marketers.signUp("Size Store");
        String account = owner.accountId();
        Instant now = clock.instant();
        String ann = fixtures.profile(account, unique("ann"), null, "Ann", "silver");
        String bob = fixtures.profile(account, unique("bob"), null, "Bob", "gold");
        fixtures.profile(account, unique("cid"), null, "Cid", "gold");
        fixtures.order(account, ann, now.minus(Duration.ofDays(1)));
        fixtures.order(account, ann, now.minus(Duration.ofDays(3)));
        fixtures.order(account, bob, now.minus(Duration.ofDays(2)));
        String segment = fixtures.repeatBuyers(account);

        // Before the full evaluation: the card polls, and the why view says the stored answer is not settled
        String waiting = marketers.page(owner, "/segments/" + segment);
        assertThat(waiting).contains("id=\"segment-progress\"").contains("hx-trigger=\"every 2s\"")
            .contains("Waiting for the evaluation to start");
        MvcResult polled = mvc.perform(get("/segments/" + segment + "/progress").param("watching", "true")
            .session(owner.session())).andReturn();
        assertThat(polled.getResponse().getHeader("HX-Refresh")).isNull();
        assertThat(polled.getResponse().getContentAsString()).contains("every 2s");
        String pending = why(owner, ann, segment);
        assertThat(pending).contains("data-member=\"true\"").contains("id=\"why-disagrees\"")
            .contains("a full evaluation of the segment is pending or running");

        fullEvaluator.runPending();
        MvcResult done = mvc.perform(get("/segments/" + segment + "/progress").param("watching", "true")
            .session(owner.session())).andReturn();
        assertThat(done.getResponse().getHeader("HX-Refresh")).isEqualTo("true");
        assertThat(done.getResponse().getContentAsString()).doesNotContain("every 2s").doesNotContain("segment-progress");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        assertThat(sizes.since(account, segment, today.minusDays(10))).containsExactly(new DailySize(today, 1));

        // A member entering moves the count, not the history; the next day's snapshot records the new size
        fixtures.order(account, bob, clock.instant());
        assertThat(triggers.awaitIdle(10_000)).isTrue();
        assertThat(segments.find(account, segment).orElseThrow().memberCount()).isEqualTo(2);
        assertThat(sizes.since(account, segment, today.minusDays(10))).containsExactly(new DailySize(today, 1));
        clock.advance(Duration.ofDays(1));
        assertThat(snapshots.snapshot()).isPositive();
        snapshots.snapshot();
        assertThat(sizes.since(account, segment, today.minusDays(10)))
            .containsExactly(new DailySize(today, 1), new DailySize(today.plusDays(1), 2));

        String page = marketers.page(owner, "/segments/" + segment);
        assertThat(page).doesNotContain("id=\"segment-progress\"").doesNotContain("every 2s");
        assertThat(text(page, "segment-size")).isEqualTo("2");
        JsonNode chart = json.readTree(HtmlUtils.htmlUnescape(attribute(page, "data-size-chart")));
        assertThat(chart.at("/days").toString()).isEqualTo("[\"%s\",\"%s\"]".formatted(today, today.plusDays(1)));
        assertThat(chart.at("/sizes").toString()).isEqualTo("[1,2]");
        assertThat(page).contains("Placed Order").contains("at least 2 times in the last 30 days")
            .contains("email is set").contains("/segments/" + segment + "/edit");

        // Now settled: no disagreement, and the actual values with their marks
        String settled = why(owner, ann, segment);
        assertThat(settled).contains("data-member=\"true\"").doesNotContain("why-disagrees")
            .contains("Stored membership: in the segment since");
        assertThat(text(settled, "why-condition-0-0")).contains("Actual value: 2").contains("Held");

        // Deleting asks first, then the segment and its history are gone
        assertThat(marketers.page(owner, "/segments/" + segment + "/delete"))
            .contains("Its 2 members will be taken out of it.");
        MvcResult deleted = mvc.perform(post("/segments/" + segment + "/delete").session(owner.session())
            .with(csrf())).andReturn();
        assertThat(deleted.getResponse().getRedirectedUrl()).isEqualTo("/segments");
        assertThat(segments.find(account, segment)).isEmpty();
        assertThat(sizes.since(account, segment, today.minusDays(10))).isEmpty();
        assertThat(marketers.status(owner, "/segments/" + segment)).isEqualTo(404);
    }

    @Test
    void membersArePagedOverTheShardsAndFoundByEmailPhoneOrName() throws Exception {
        Marketer owner = marketers.signUp("Paging Store");
        String account = owner.accountId();
        Set<String> gold = new HashSet<>();
        for (int i = 0; i < SegmentPageController.PAGE_SIZE + 3; i++) {
            gold.add(fixtures.profile(account, unique("gold" + i), null, "Goldie", "gold"));
        }
        String phone = "+1415555" + (1000 + (int) (Math.random() * 9000));
        String zelda = fixtures.profile(account, unique("zelda"), phone, "Zelda", "gold");
        gold.add(zelda);
        String silverEmail = unique("silver");
        fixtures.profile(account, silverEmail, null, "Sam", "silver");
        String segment = fixtures.tier(account, "Gold tier", "gold");
        fullEvaluator.runPending();

        List<String> seen = new ArrayList<>();
        String path = "/segments/" + segment;
        int pages = 0;
        while (path != null) {
            String page = marketers.page(owner, path);
            seen.addAll(memberIds(page));
            String next = attributeOf(page, "members-next", "href");
            path = next == null ? null : HtmlUtils.htmlUnescape(next);
            pages++;
        }
        assertThat(pages).isEqualTo(2);
        assertThat(seen).hasSize(gold.size()).containsExactlyInAnyOrderElementsOf(gold);

        // The members card alone, as htmx asks for it
        String fragment = marketers.page(owner, "/segments/" + segment + "/members");
        assertThat(fragment).startsWith("<div").contains("id=\"segment-members\"");
        assertThat(memberIds(fragment)).hasSize(SegmentPageController.PAGE_SIZE);

        assertThat(memberIds(marketers.page(owner, "/segments/" + segment + "?q=" + unique("gold3"))))
            .containsExactly(profiles.findBy(account, IdentifierKind.EMAIL, unique("gold3"))
                .orElseThrow().id());
        assertThat(memberIds(mvc.perform(get("/segments/" + segment + "/members").param("q", phone)
            .session(owner.session())).andReturn().getResponse().getContentAsString())).containsExactly(zelda);
        assertThat(memberIds(marketers.page(owner, "/segments/" + segment + "?q=zeld"))).containsExactly(zelda);
        String notMember = marketers.page(owner, "/segments/" + segment + "?q=" + silverEmail);
        assertThat(memberIds(notMember)).isEmpty();
        assertThat(notMember).contains("No member matches");
    }

    @Test
    void anotherStoreGetsNotFoundAndChangesNothing() throws Exception {
        Marketer a = marketers.signUp("Tenant A Segments");
        Marketer b = marketers.signUp("Tenant B Segments");
        String ann = fixtures.profile(a.accountId(), unique("ann"), null, "Ann", "gold");
        String segment = fixtures.tier(a.accountId(), "Gold tier", "gold");
        fullEvaluator.runPending();
        String bProfile = fixtures.profile(b.accountId(), unique("bea"), null, "Bea", "gold");

        for (String path : List.of("/segments/" + segment, "/segments/" + segment + "/members",
                "/segments/" + segment + "/progress", "/segments/" + segment + "/delete",
                "/profiles/" + ann + "/segments", "/profiles/" + ann + "/segments/" + segment + "/why",
                "/profiles/" + ann + "/segments/why?segment=" + segment,
                "/profiles/" + bProfile + "/segments/" + segment + "/why")) {
            assertThat(marketers.status(b, path)).as(path).isEqualTo(404);
        }
        MvcResult delete = mvc.perform(post("/segments/" + segment + "/delete").session(b.session()).with(csrf()))
            .andReturn();
        assertThat(delete.getResponse().getStatus()).isEqualTo(404);

        assertThat(segments.find(a.accountId(), segment).orElseThrow().memberCount()).isEqualTo(1);
        String section = marketers.page(a, "/profiles/" + ann + "/segments");
        assertThat(section).contains("profile-segment-" + segment).contains("Gold tier");
        assertThat(memberIds(marketers.page(a, "/segments/" + segment))).containsExactly(ann);
        // Opened directly rather than by htmx, the why view is a page of its own
        assertThat(marketers.page(a, "/profiles/" + ann + "/segments/" + segment + "/why"))
            .contains("Back to the profile").contains("data-member=\"true\"").contains("Actual value:");
        assertThat(marketers.page(b, "/profiles/" + bProfile + "/segments")).doesNotContain("Gold tier");
    }

    private String why(Marketer marketer, String profileId, String segmentId) throws Exception {
        return mvc.perform(get("/profiles/" + profileId + "/segments/" + segmentId + "/why")
            .header("HX-Request", "true").session(marketer.session())).andReturn().getResponse()
            .getContentAsString();
    }

    private static List<String> memberIds(String page) {
        List<String> ids = new ArrayList<>();
        Matcher row = Pattern.compile("<tr id=\"member-([A-Za-z0-9]+)\"").matcher(page);
        while (row.find()) {
            ids.add(row.group(1));
        }
        return ids;
    }

    /** The text of the element with {@code id}, tags removed. */
    private static String text(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isPositive();
        int open = page.lastIndexOf('<', start);
        String tag = page.substring(open + 1, page.indexOf(' ', open));
        int end = page.indexOf("</" + tag + ">", start);
        return HtmlUtils.htmlUnescape(page.substring(page.indexOf('>', start) + 1, end).replaceAll("<[^>]+>", " ")
            .replaceAll("\\s+", " ").strip());
    }

    private static String attribute(String page, String name) {
        Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(page);
        assertThat(value.find()).as(name).isTrue();
        return value.group(1);
    }

    private static String attributeOf(String page, String id, String name) {
        int start = page.indexOf("id=\"" + id + "\"");
        if (start < 0) {
            return null;
        }
        int open = page.lastIndexOf('<', start);
        Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(page.substring(open, page.indexOf('>', start)));
        return value.find() ? value.group(1) : null;
    }

    private final String run = Ids.newId().toLowerCase(Locale.ROOT);

    private String unique(String name) {
        return name + "-" + run + "@example.com";
    }
}
