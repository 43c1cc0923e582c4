package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.Marketers;
import dev.magpie.testing.Marketers.Marketer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The segment pages as a marketer uses them, without a browser: a refused draft comes back with its message and
 * the pointer of the field at fault; the previews read the draft back and estimate it; a saved segment is stored
 * and listed with its sentence; a rename keeps the definition; and another store reaches none of it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SegmentBuilderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    Profiles profiles;

    @Autowired
    EventRecorder recorder;

    @Autowired
    ActivityQueries activity;

    @Autowired
    Segments segments;

    @Test
    void refusedDraftsComeBackAndASavedSegmentIsListed() throws Exception {
        Marketers marketers = new Marketers(mvc);
        Marketer a = marketers.signUp("Pages Goods");
        String ann = profile(a, "ann@example.com");
        profile(a, "bob@example.com");
        profile(a, "cid@example.com");
        order(a, ann, "Acme");
        String placedOrder = metricId(a, "Placed Order");

        assertThat(marketers.page(a, "/segments")).contains("id=\"segments-empty\"").contains("id=\"nav-segments\"");
        assertThat(marketers.page(a, "/segments/new")).contains("id=\"builder\"").contains(placedOrder)
            .contains("Placed Order");

        String unknown = definition("01JUNKNOWNMETRIC0000000000");
        String refused = send(a, "/segments/new", "Buyers", unknown).getResponse().getContentAsString();
        assertThat(refused).contains("There is no metric with id")
            .contains("data-error-pointer=\"/condition_groups/0/conditions/0/metric_id\"")
            .contains("value=\"Buyers\"")
            .contains(HtmlUtils.htmlEscape(unknown));
        assertThat(segments.all(a.accountId())).isEmpty();

        String good = definition(placedOrder);
        String unnamed = send(a, "/segments/new", " ", good).getResponse().getContentAsString();
        assertThat(unnamed).contains("A segment needs a name.").contains(HtmlUtils.htmlEscape(good));
        assertThat(segments.all(a.accountId())).isEmpty();

        String sentence = send(a, "/segments/preview/sentence", "", good).getResponse().getContentAsString();
        assertThat(sentence).contains("Placed Order at least 1 time over all time where Brand is \u201cAcme\u201d AND "
                + "email is set");
        assertThat(send(a, "/segments/preview/sentence", "", unknown).getResponse().getContentAsString())
            .contains("Not complete yet: There is no metric with id");
        assertThat(send(a, "/segments/preview/estimate", "", good).getResponse().getContentAsString())
            .contains("1 of 3 profiles");

        assertThat(mvc.perform(get("/segments/metric-properties").param("metric_id", placedOrder)
            .session(a.session())).andReturn().getResponse().getContentAsString()).isEqualTo("[\"Brand\"]");

        MvcResult saved = send(a, "/segments/new", "Acme buyers", good);
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/segments");
        Segment segment = segments.all(a.accountId()).get(0);
        assertThat(JSON.readTree(segment.definition())).isEqualTo(JSON.readTree(good));
        String index = mvc.perform(get("/segments").session(a.session()).flashAttrs(saved.getFlashMap())).andReturn()
            .getResponse().getContentAsString();
        assertThat(index).contains("Acme buyers").contains("/segments/" + segment.id())
            .contains("Placed Order at least 1 time over all time where Brand is \u201cAcme\u201d")
            .contains("The segment is saved");

        assertThat(marketers.page(a, "/segments/" + segment.id() + "/edit")).contains("value=\"Acme buyers\"");
        assertThat(send(a, "/segments/" + segment.id() + "/edit", "Acme regulars", good).getResponse()
            .getRedirectedUrl()).isEqualTo("/segments");
        Segment renamed = segments.find(a.accountId(), segment.id()).orElseThrow();
        assertThat(renamed.name()).isEqualTo("Acme regulars");
        assertThat(renamed.definitionVersion()).as("an unchanged definition").isEqualTo(segment.definitionVersion());
        String edited = send(a, "/segments/" + segment.id() + "/edit", "Acme regulars", unknown).getResponse()
            .getContentAsString();
        assertThat(edited).contains("There is no metric with id");
        assertThat(segments.find(a.accountId(), segment.id()).orElseThrow().definition()).isEqualTo(
                renamed.definition());
    }

    @Test
    void anotherStoreReachesNoneOfIt() throws Exception {
        Marketers marketers = new Marketers(mvc);
        Marketer a = marketers.signUp("Alder Segments");
        Marketer b = marketers.signUp("Beech Segments");
        String ann = profile(a, "ann@example.com");
        order(a, ann, "Acme");
        String placedOrder = metricId(a, "Placed Order");
        Segment segment = segments.create(a.accountId(), "Alder buyers", JSON.readTree(definition(placedOrder)), false);

        assertThat(marketers.status(b, "/segments/" + segment.id() + "/edit")).isEqualTo(404);
        assertThat(send(b, "/segments/" + segment.id() + "/edit", "Taken", definition(placedOrder)).getResponse()
            .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/segments/preview/estimate").session(b.session()).with(csrf())
            .param("definition", definition(placedOrder)).param("segmentId", segment.id())).andReturn().getResponse()
            .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/segments/metric-properties").param("metric_id", placedOrder)
            .session(b.session())).andReturn().getResponse().getStatus()).isEqualTo(404);
        // B cannot save a definition on A's metric either
        assertThat(send(b, "/segments/new", "Borrowed", definition(placedOrder)).getResponse().getContentAsString())
            .contains("There is no metric with id");
        assertThat(marketers.page(b, "/segments")).doesNotContain("Alder buyers").doesNotContain(segment.id());
        assertThat(segments.all(b.accountId())).isEmpty();

        Segment unchanged = segments.find(a.accountId(), segment.id()).orElseThrow();
        assertThat(unchanged.name()).isEqualTo("Alder buyers");
        assertThat(unchanged.definitionVersion()).isEqualTo(segment.definitionVersion());
        assertThat(unchanged.definition()).isEqualTo(segment.definition());
    }

    private MvcResult send(Marketer marketer, String path, String name, String definition) throws Exception {
        return mvc.perform(post(path)
            .session(marketer.session()).with(csrf()).param("name", name).param("definition", definition))
            .andReturn();
    }

    private String profile(Marketer marketer, String email) {
        return profiles.upsert(marketer.accountId(), ProfileAttributes.of(new Identifiers(email, null, null, null)))
            .profile().id();
    }

    private void order(Marketer marketer, String profileId, String brand) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        recorder.recordFor(marketer.accountId(), profileId, new NewEvent("Placed Order", MetricSource.API,
                ProfileAttributes.of(Identifiers.NONE), now, BigDecimal.TEN, "USD", Map.of("Brand", brand),
                profileId + "-" + now.toEpochMilli()));
    }

    private String metricId(Marketer marketer, String name) {
        return activity.metrics(marketer.accountId()).stream().filter(metric -> metric.name().equals(name))
            .map(Metric::id).findFirst().orElseThrow();
    }

    private static String definition(String metricId) {
        return "{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-metric\",\"metric_id\":\"" + metricId
                + "\",\"measurement\":\"count\",\"measurement_filter\":{\"type\":\"numeric\",\"operator\":"
                + "\"greater-than-or-equal\",\"value\":1},\"timeframe_filter\":{\"type\":\"date\",\"operator\":"
                + "\"alltime\"},\"metric_filters\":[{\"property\":\"Brand\",\"filter\":{\"type\":\"string\","
                + "\"operator\":\"equals\",\"value\":\"Acme\"}}]}]},{\"conditions\":[{\"type\":\"profile-property\","
                + "\"property\":\"email\",\"filter\":{\"type\":\"existence\",\"operator\":\"is-set\"}}]}]}";
    }
}
