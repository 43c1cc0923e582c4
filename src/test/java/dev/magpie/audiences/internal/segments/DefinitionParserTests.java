package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefinitionParserTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DefinitionParser parser = new DefinitionParser(ZoneId.of("Europe/Berlin"));

    @Test
    void readsKlaviyosDefinition() {
        SegmentDefinition definition = parse("""
                {"condition_groups": [
                  {"conditions": [{"type": "profile-metric", "metric_id": "M1", "measurement": "count",
                     "measurement_filter": {"type": "numeric", "operator": "greater-than-or-equal", "value": 2},
                     "timeframe_filter": {"type": "date", "operator": "in-the-last", "quantity": 30, "unit": "day"},
                     "metric_filters": [{"property": "Brand", "filter": {"type": "string", "operator": "equals",
                        "value": "Acme"}}]}]},
                  {"conditions": [
                     {"type": "profile-property", "property": "location['country']",
                      "filter": {"type": "string", "operator": "in", "value": ["DE", "AT"]}},
                     {"type": "profile-property", "property": "properties['Birthday']",
                      "filter": {"type": "date", "operator": "anniversary-next", "quantity": 1, "unit": "week"}},
                     {"type": "profile-group-membership", "is_member": true, "group_ids": ["L1"],
                      "timeframe_filter": {"type": "date", "operator": "at-least", "quantity": 7, "unit": "day"}},
                     {"type": "profile-marketing-consent", "consent": {"channel": "sms",
                      "can_receive_marketing": true, "consent_status": {"subscription": "any"}}},
                     {"type": "profile-region", "in_region": true, "region": "european_union"},
                     {"type": "profile-location-distance", "latitude": 52.52, "longitude": 13.405, "unit": "miles",
                      "filter": {"type": "numeric", "operator": "less-than", "value": 10}}]}]}""");

        assertThat(definition.groups()).hasSize(2);
        Condition.Metric metric = (Condition.Metric) definition.groups().get(0).get(0);
        assertThat(metric.metricId()).isEqualTo("M1");
        assertThat(metric.eventFilters()).singleElement()
            .satisfies(filter -> assertThat(filter.property()).isEqualTo("Brand"));
        assertThat(metric.timeFrame().moves()).isTrue();
        assertThat(definition.metricIds()).containsExactly("M1");
        assertThat(definition.groupIds()).containsExactly("L1");
        assertThat(definition.timeRelative()).isTrue();
        assertThat(((Condition.Property) definition.groups().get(1).get(1)).property().custom()).isEqualTo("Birthday");
        Condition.Distance distance = (Condition.Distance) definition.groups().get(1).get(5);
        assertThat(distance.kilometres().value()).isEqualByComparingTo(new BigDecimal("16.09344"));
    }

    @Test
    void datesWithoutATimeAreMidnightInTheAccountsZone() {
        SegmentDefinition definition = parse("""
                {"condition_groups": [{"conditions": [{"type": "profile-metric", "metric_id": "M1",
                  "measurement": "count", "measurement_filter": {"type": "numeric", "operator": "equals", "value": 0},
                  "timeframe_filter": {"type": "date", "operator": "after", "date": "2026-07-01"}}]}]}""");
        TimeFrame frame = ((Condition.Metric) definition.conditions().get(0)).timeFrame();
        assertThat(frame.from(Instant.now(), ZoneId.of("UTC"))).isEqualTo(Instant.parse("2026-06-30T22:00:00Z"));
    }

    @Test
    void refusesBadDefinitionsNamingTheField() {
        assertPointer("{}", "/condition_groups");
        assertPointer("{\"condition_groups\": [{\"conditions\": []}]}", "/condition_groups/0/conditions");
        assertPointer("{\"condition_groups\": [{\"conditions\": [{\"type\": \"profile-nonsense\"}]}]}",
                "/condition_groups/0/conditions/0/type");
        assertPointer("""
                {"condition_groups": [{"conditions": [{"type": "profile-metric", "metric_id": "M1",
                  "measurement": "count", "measurement_filter": {"type": "numeric", "operator": "about", "value": 1},
                  "timeframe_filter": {"type": "date", "operator": "alltime"}}]}]}""",
                "/condition_groups/0/conditions/0/measurement_filter/operator");
        assertPointer("""
                {"condition_groups": [{"conditions": [{"type": "profile-metric", "metric_id": "M1",
                  "measurement": "count", "measurement_filter": {"type": "numeric", "operator": "equals", "value": 1},
                  "timeframe_filter": {"type": "date", "operator": "in-the-last", "quantity": 3, "unit": "year"}}]}]}""",
                "/condition_groups/0/conditions/0/timeframe_filter/unit");
        assertPointer("""
                {"condition_groups": [{"conditions": [{"type": "profile-property", "property": "first_name",
                  "filter": {"type": "string", "operator": "equals"}}]}]}""",
                "/condition_groups/0/conditions/0/filter/value");
        assertPointer("""
                {"condition_groups": [{"conditions": [{"type": "profile-group-membership", "is_member": true,
                  "group_ids": []}]}]}""", "/condition_groups/0/conditions/0/group_ids");
        assertPointer("""
                {"condition_groups": [{"conditions": [{"type": "profile-marketing-consent",
                  "consent": {"channel": "fax", "can_receive_marketing": true}}]}]}""",
                "/condition_groups/0/conditions/0/consent/channel");
        assertPointer("""
                {"condition_groups": [{"conditions": [{"type": "profile-property", "property": "location['planet']",
                  "filter": {"type": "existence", "operator": "is-set"}}]}]}""",
                "/condition_groups/0/conditions/0/property");
    }

    private SegmentDefinition parse(String json) {
        return parser.parse(JSON.readTree(json));
    }

    private void assertPointer(String json, String pointer) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(DefinitionException.class,
                failure -> assertThat(failure.pointer()).isEqualTo(pointer));
    }
}
