package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.Metric;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.ProfileScan;
import dev.magpie.profiles.Profiles;
import dev.magpie.testing.Marketers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live estimate against the real engines: on a small account it is exact and agrees with the full evaluation
 * of the saved segment; on a sample smaller than the account it scales the sample to the profile count; and a
 * shard's sample is the whole shard or a run of it. Nothing the estimate does makes anyone a member.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SegmentEstimatorTests {

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
    ProfileScan scan;

    @Autowired
    Segments segments;

    @Autowired
    SegmentEstimator estimator;

    @Autowired
    SegmentMemberStore members;

    @Autowired
    FullEvaluator fullEvaluator;

    @Test
    void exactOnASmallAccountAndAgreesWithTheFullEvaluation() throws Exception {
        String accountId = new Marketers(mvc).signUp("Estimate Goods").accountId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Set<String> expected = new HashSet<>();
        List<String> everyone = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            boolean vip = i % 2 == 0;
            int orders = i % 3;
            String id = profile(accountId, "est-" + i + "@example.com", vip);
            everyone.add(id);
            for (int order = 0; order < orders; order++) {
                order(accountId, id, now.minus(Duration.ofDays(order + 1)), "Acme");
            }
            if (vip && orders >= 2) {
                expected.add(id);
            }
        }
        String placedOrder = metricId(accountId, "Placed Order");
        SegmentDefinition definition = segments.check(accountId, null, JSON.readTree(vipBuyers(placedOrder)));

        SegmentEstimator.Estimate estimate = estimator.estimate(accountId, definition);

        assertThat(estimate.exact()).isTrue();
        assertThat(estimate.profiles()).isEqualTo(everyone.size());
        assertThat(estimate.sampled()).isEqualTo(everyone.size());
        assertThat(estimate.members()).isEqualTo(expected.size()).isPositive();
        for (String id : everyone) {
            assertThat(members.segmentsOf(accountId, id)).as("the estimate makes nobody a member").isEmpty();
        }

        Segment saved = segments.create(accountId, "VIP buyers", JSON.readTree(vipBuyers(placedOrder)), false);
        long until = System.currentTimeMillis() + 30_000;
        while (segments.find(accountId, saved.id()).orElseThrow().status() != Segment.Status.READY) {
            fullEvaluator.runPending();
            assertThat(System.currentTimeMillis()).as("full evaluation").isLessThan(until);
            Thread.sleep(100);
        }
        assertThat(segments.find(accountId, saved.id()).orElseThrow().memberCount()).isEqualTo(estimate.members());
    }

    @Test
    void aSampleSmallerThanTheAccountIsScaledToItsProfileCount() throws Exception {
        String accountId = new Marketers(mvc).signUp("Sampled Goods").accountId();
        int total = 150;
        for (int i = 0; i < total; i++) {
            profile(accountId, "sample-" + i + "@example.com", i % 2 == 0);
        }
        SegmentDefinition everyone = segments.check(accountId, null, JSON.readTree(property("email",
                "{\"type\": \"existence\", \"operator\": \"is-set\"}")));
        SegmentDefinition nobody = segments.check(accountId, null, JSON.readTree(property("phone_number",
                "{\"type\": \"existence\", \"operator\": \"is-set\"}")));

        SegmentEstimator.Estimate all = estimator.estimate(accountId, everyone, 40);
        assertThat(all.exact()).isFalse();
        assertThat(all.sampled()).isBetween(40L, total - 1L);
        assertThat(all.profiles()).isEqualTo(total);
        assertThat(all.members()).isEqualTo(total);
        assertThat(estimator.estimate(accountId, nobody, 40).members()).isZero();
        SegmentEstimator.Estimate vips = estimator.estimate(accountId, segments.check(accountId, null,
                JSON.readTree(property("vip", "{\"type\": \"boolean\", \"operator\": \"equals\", \"value\": true}"))),
                40);
        assertThat(vips.members()).isBetween(0L, (long) total);

        // A shard larger than the sample gives a run of its profiles; a small one gives all of them
        for (int shard = 0; shard < scan.shards(); shard++) {
            Set<String> ids = new HashSet<>();
            scan.forEach(accountId, shard, profile -> ids.add(profile.id()));
            if (ids.size() >= 2) {
                List<Profile> one = scan.sample(accountId, shard, 1);
                assertThat(one).hasSize(1);
                assertThat(ids).contains(one.get(0).id());
                assertThat(scan.sample(accountId, shard, ids.size() - 1)).hasSize(ids.size() - 1)
                    .extracting(Profile::id).doesNotHaveDuplicates().allMatch(ids::contains);
            }
            assertThat(scan.sample(accountId, shard, ids.size() + 1)).extracting(Profile::id)
                .containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    private String profile(String accountId, String email, boolean vip) {
        return profiles.upsert(accountId, new ProfileAttributes(new Identifiers(email, null, null, null), null, null,
                null, null, null, null, Map.of("vip", vip), null)).profile().id();
    }

    private void order(String accountId, String profileId, Instant time, String brand) {
        recorder.recordFor(accountId, profileId, new NewEvent("Placed Order", MetricSource.API,
                ProfileAttributes.of(Identifiers.NONE), time, BigDecimal.TEN, "USD", Map.of("Brand", brand),
                profileId + "-" + time.toEpochMilli()));
    }

    private String metricId(String accountId, String name) {
        return activity.metrics(accountId).stream().filter(metric -> metric.name().equals(name)).map(Metric::id)
            .findFirst().orElseThrow();
    }

    private static String vipBuyers(String metricId) {
        return """
                {"condition_groups": [
                  {"conditions": [{"type": "profile-metric", "metric_id": "%s", "measurement": "count",
                    "measurement_filter": {"type": "numeric", "operator": "greater-than-or-equal", "value": 2},
                    "timeframe_filter": {"type": "date", "operator": "in-the-last", "quantity": 30, "unit": "day"},
                    "metric_filters": [{"property": "Brand", "filter": {"type": "string", "operator": "equals",
                      "value": "Acme"}}]}]},
                  {"conditions": [{"type": "profile-property", "property": "properties['vip']",
                    "filter": {"type": "boolean", "operator": "equals", "value": true}}]}]}""".formatted(metricId);
    }

    private static String property(String property, String filter) {
        return """
                {"condition_groups": [{"conditions": [{"type": "profile-property", "property": "%s",
                  "filter": %s}]}]}""".formatted(property, filter);
    }
}
