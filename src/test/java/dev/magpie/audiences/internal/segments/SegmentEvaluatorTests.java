package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.magpie.activity.Event;
import dev.magpie.audiences.internal.segments.Evaluation.ConditionResult;
import dev.magpie.audiences.internal.segments.SegmentEvaluatorPropertyTests.FakeProfile;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The "why" of a profile's membership: every condition with the profile's actual value and whether it held. */
class SegmentEvaluatorTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void explainsEachConditionWithTheProfilesActualValue() {
        SegmentDefinition definition = new DefinitionParser(BERLIN).parse(JsonMapper.builder().build().readTree("""
                {"condition_groups": [
                  {"conditions": [{"type": "profile-metric", "metric_id": "M1", "measurement": "count",
                     "measurement_filter": {"type": "numeric", "operator": "greater-than-or-equal", "value": 2},
                     "timeframe_filter": {"type": "date", "operator": "in-the-last", "quantity": 30, "unit": "day"}},
                    {"type": "profile-metric", "metric_id": "M1", "measurement": "sum",
                     "measurement_filter": {"type": "numeric", "operator": "greater-than", "value": 100},
                     "timeframe_filter": {"type": "date", "operator": "alltime"},
                     "metric_filters": [{"property": "Brand", "filter": {"type": "string", "operator": "equals",
                        "value": "acme"}}]}]},
                  {"conditions": [{"type": "profile-property", "property": "properties['tier']",
                     "filter": {"type": "existence", "operator": "is-set"}},
                    {"type": "profile-region", "in_region": true, "region": "european_union"},
                    {"type": "profile-location-distance", "latitude": 52.52, "longitude": 13.405,
                     "unit": "kilometers", "filter": {"type": "numeric", "operator": "less-than", "value": 300}}]}]}"""));
        Profile profile = new Profile("P1", "ann@example.com", null, null, Set.of(), null, null, null, null, null,
                new Location(null, null, "Hamburg", "DE", null, null, null, 53.55, 9.99), Map.of(), Map.of(),
                NOW, NOW);
        List<Event> events = List.of(
                event("E1", "2026-11-20T12:00:00Z", "80", Map.of("Brand", "Acme")),
                event("E2", "2026-10-01T12:00:00Z", "30", Map.of("Brand", "ACME")),
                event("E3", "2026-11-25T12:00:00Z", "500", Map.of("Brand", "Other")));

        Evaluation evaluation = SegmentEvaluator.evaluate(definition, new FakeProfile(profile, events, Map.of()), NOW,
                BERLIN);

        assertThat(evaluation.member()).isTrue();
        List<ConditionResult> first = evaluation.groups().get(0).conditions();
        assertThat(first.get(0)).isEqualTo(
                new ConditionResult("/condition_groups/0/conditions/0", "profile-metric", "2", true));
        assertThat(first.get(1).actual()).isEqualTo("110");
        assertThat(first.get(1).held()).isTrue();
        List<ConditionResult> second = evaluation.groups().get(1).conditions();
        assertThat(second.get(0)).extracting(ConditionResult::actual, ConditionResult::held)
            .containsExactly("not set", false);
        assertThat(second.get(1)).extracting(ConditionResult::actual, ConditionResult::held)
            .containsExactly("DE", true);
        assertThat(second.get(2).actual()).startsWith("255.");
        assertThat(second.get(2).held()).isTrue();
        // E1 (20 November) leaves "the last 30 days" at Berlin's midnight starting 21 December
        assertThat(evaluation.nextCheck()).isEqualTo(Instant.parse("2026-12-20T23:00:00Z"));
    }

    private static Event event(String id, String time, String value, Map<String, Object> properties) {
        Instant at = Instant.parse(time);
        return new Event(id, "M1", "Placed Order", "P1", at, new BigDecimal(value), null, properties, null, at);
    }
}
