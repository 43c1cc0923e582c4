package dev.magpie.audiences.internal.segments;

import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Definitions read back as sentences: every condition type and operator, with names for ids. */
class DefinitionSentenceTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private static final Map<String, String> METRICS = Map.of("M1", "Placed Order", "M2", "Viewed Product");

    private static final Map<String, String> GROUPS = Map.of("L1", "list \u201cNewsletter\u201d", "S1",
            "segment \u201cVIPs\u201d");

    private final DefinitionSentence sentence = new DefinitionSentence(new DefinitionSentence.Names() {

        @Override
        public String metric(String metricId) {
            return METRICS.getOrDefault(metricId, metricId);
        }

        @Override
        public String group(String groupId) {
            return GROUPS.getOrDefault(groupId, "\u201c" + groupId + "\u201d");
        }
    }, ZONE);

    @Test
    void groupsJoinWithAndConditionsWithOr() {
        assertThat(describe("""
                {"condition_groups": [
                  {"conditions": [%s]},
                  {"conditions": [{"type": "profile-property", "property": "email",
                     "filter": {"type": "existence", "operator": "is-set"}}]}]}"""
            .formatted(metric("count", "greater-than-or-equal", "2", """
                    {"type": "date", "operator": "in-the-last", "quantity": 30, "unit": "day"}"""))))
            .isEqualTo("Placed Order at least 2 times in the last 30 days AND email is set");

        assertThat(describe("""
                {"condition_groups": [
                  {"conditions": [{"type": "profile-region", "in_region": true, "region": "european_union"},
                                  {"type": "profile-region", "in_region": false, "region": "united_states"}]},
                  {"conditions": [{"type": "profile-marketing-consent", "consent": {"channel": "email",
                     "can_receive_marketing": true}}]}]}"""))
            .isEqualTo("(is in the European Union OR is not in the United States) AND can receive email marketing");

        assertThat(describe("""
                {"condition_groups": [{"conditions": [
                  {"type": "profile-region", "in_region": true, "region": "european_union"},
                  {"type": "profile-region", "in_region": true, "region": "united_states"}]}]}"""))
            .isEqualTo("is in the European Union OR is in the United States");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            count | greater-than-or-equal | 2   | at least 2 times
            count | greater-than-or-equal | 1   | at least 1 time
            count | greater-than          | 3   | more than 3 times
            count | equals                | 0   | zero times
            count | equals                | 1   | exactly 1 time
            count | not-equals            | 2   | not 2 times
            count | less-than             | 5   | fewer than 5 times
            count | less-than-or-equal    | 4   | at most 4 times
            sum   | greater-than          | 100 | with a total value of more than 100
            sum   | equals                | 9.5 | with a total value of 9.5
            sum   | less-than             | 10  | with a total value of less than 10
            sum   | less-than-or-equal    | 10  | with a total value of at most 10
            """)
    void metricMeasurements(String measurement, String operator, String value, String expected) {
        assertThat(describe(one(metric(measurement, operator, value, ALL_TIME))))
            .isEqualTo("Placed Order " + expected + " over all time");
    }

    @Test
    void metricBetweenAndEventFilters() {
        assertThat(describe(one("""
                {"type": "profile-metric", "metric_id": "M2", "measurement": "count",
                 "measurement_filter": {"type": "numeric", "operator": "between", "value": 1, "end": 3},
                 "timeframe_filter": %s,
                 "metric_filters": [
                   {"property": "Brand", "filter": {"type": "string", "operator": "equals", "value": "Acme"}},
                   {"property": "Price", "filter": {"type": "numeric", "operator": "greater-than", "value": 20}},
                   {"property": "Discounted"}]}""".formatted(ALL_TIME))))
            .isEqualTo("Viewed Product between 1 and 3 times over all time where Brand is \u201cAcme\u201d and "
                    + "Price is more than 20 and Discounted is set");
        assertThat(describe(one(metric("count", "greater-than", "0", ALL_TIME).replace("M1", "M9"))))
            .as("an unknown metric keeps its id").isEqualTo("M9 more than 0 times over all time");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"type": "date", "operator": "alltime"}                                           | over all time
            {"type": "date", "operator": "in-the-last", "quantity": 30, "unit": "day"}         | in the last 30 days
            {"type": "date", "operator": "in-the-last", "quantity": 1, "unit": "day"}          | in the last 1 day
            {"type": "date", "operator": "in-the-last", "quantity": 2, "unit": "week"}         | in the last 14 days
            {"type": "date", "operator": "in-the-last", "quantity": 12, "unit": "hour"}        | in the last 12 hours
            {"type": "date", "operator": "at-least", "quantity": 7, "unit": "day"}             | at least 7 days ago
            {"type": "date", "operator": "at-least", "quantity": 3, "unit": "hour"}            | at least 3 hours ago
            {"type": "date", "operator": "between", "start": 30, "end": 7, "unit": "day"}      | between 7 and 30 days ago
            {"type": "date", "operator": "between", "start": 2, "end": 5, "unit": "hour"}      | between 2 and 5 hours ago
            {"type": "date", "operator": "in-the-next", "quantity": 5, "unit": "day"}          | in the next 5 days
            {"type": "date", "operator": "in-the-next", "quantity": 6, "unit": "hour"}         | in the next 6 hours
            {"type": "date", "operator": "after", "date": "2026-01-31"}                        | after 2026-01-31
            {"type": "date", "operator": "before", "date": "2026-01-31T10:30:00+01:00"}         | before 2026-01-31 10:30
            {"type": "date", "operator": "between-static", "start": "2026-01-01", "end": "2026-02-01"} | between 2026-01-01 and 2026-02-01
            """)
    void timeFrames(String frame, String expected) {
        assertThat(describe(one(metric("count", "greater-than-or-equal", "1", frame))))
            .isEqualTo("Placed Order at least 1 time " + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            email                    | {"type": "existence", "operator": "is-set"}                       | email is set
            phone_number             | {"type": "existence", "operator": "not-set"}                      | phone number is not set
            first_name               | {"type": "string", "operator": "equals", "value": "Ada"}          | first name is “Ada”
            last_name                | {"type": "string", "operator": "not-equals", "value": "Bo"}       | last name is not “Bo”
            email                    | {"type": "string", "operator": "contains", "value": "@x"}         | email contains “@x”
            email                    | {"type": "string", "operator": "not-contains", "value": "@x"}     | email does not contain “@x”
            title                    | {"type": "string", "operator": "starts-with", "value": "Dr"}      | title starts with “Dr”
            title                    | {"type": "string", "operator": "not-starts-with", "value": "Dr"}  | title does not start with “Dr”
            email                    | {"type": "string", "operator": "ends-with", "value": ".de"}       | email ends with “.de”
            email                    | {"type": "string", "operator": "not-ends-with", "value": ".de"}   | email does not end with “.de”
            location['country']      | {"type": "string", "operator": "in", "value": ["DE", "AT"]}       | country is one of “DE”, “AT”
            location.city            | {"type": "string", "operator": "not-in", "value": ["Rome"]}       | city is none of “Rome”
            properties['Orders']     | {"type": "numeric", "operator": "equals", "value": 3}             | Orders is 3
            Orders                   | {"type": "numeric", "operator": "not-equals", "value": 3}         | Orders is not 3
            Orders                   | {"type": "numeric", "operator": "greater-than", "value": 3}       | Orders is more than 3
            Orders                   | {"type": "numeric", "operator": "greater-than-or-equal", "value": 3} | Orders is at least 3
            Orders                   | {"type": "numeric", "operator": "less-than", "value": 3.50}       | Orders is less than 3.5
            Orders                   | {"type": "numeric", "operator": "less-than-or-equal", "value": 3} | Orders is at most 3
            Orders                   | {"type": "numeric", "operator": "between", "value": 1, "end": 9}  | Orders is between 1 and 9
            vip                      | {"type": "boolean", "operator": "equals", "value": true}          | vip is true
            vip                      | {"type": "boolean", "operator": "equals", "value": false}         | vip is false
            created                  | {"type": "date", "operator": "in-the-last", "quantity": 30, "unit": "day"} | created is in the last 30 days
            Birthday                 | {"type": "date", "operator": "anniversary-next", "quantity": 1, "unit": "week"} | Birthday has its anniversary in the next 7 days
            Birthday                 | {"type": "date", "operator": "anniversary-last", "quantity": 3, "unit": "day"} | Birthday has its anniversary in the last 3 days
            """)
    void profileProperties(String property, String filter, String expected) {
        assertThat(describe(one("""
                {"type": "profile-property", "property": "%s", "filter": %s}""".formatted(property, filter))))
            .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            true  | ["L1"]       |                                                                        | is in list “Newsletter”
            true  | ["L1", "S1"] |                                                                        | is in list “Newsletter” or segment “VIPs”
            false | ["S1"]       |                                                                        | is not in segment “VIPs”
            false | ["L1", "S1"] |                                                                        | is in none of list “Newsletter”, segment “VIPs”
            true  | ["L1"]       | {"type": "date", "operator": "at-least", "quantity": 7, "unit": "day"} | is in list “Newsletter” for at least 7 days
            true  | ["XX"]       | {"type": "date", "operator": "in-the-last", "quantity": 2, "unit": "day"} | is in “XX” and joined in the last 2 days
            """)
    void memberships(boolean member, String groupIds, String since, String expected) {
        String timeframe = since == null ? "" : ", \"timeframe_filter\": " + since;
        assertThat(describe(one("""
                {"type": "profile-group-membership", "is_member": %s, "group_ids": %s%s}"""
            .formatted(member, groupIds, timeframe)))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            email | true  | any              | can receive email marketing
            sms   | true  | subscribed       | can receive SMS marketing
            email | false | any              | cannot receive email marketing
            sms   | false | unsubscribed     | cannot receive SMS marketing (unsubscribed)
            email | false | never_subscribed | cannot receive email marketing (never subscribed)
            """)
    void consent(String channel, boolean can, String subscription, String expected) {
        assertThat(describe(one("""
                {"type": "profile-marketing-consent", "consent": {"channel": "%s", "can_receive_marketing": %s,
                 "consent_status": {"subscription": "%s"}}}""".formatted(channel, can, subscription))))
            .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            kilometers | less-than-or-equal | 50 | is at most 50 km from (52.52, 13.405)
            kilometers | greater-than       | 10 | is more than 10 km from (52.52, 13.405)
            miles      | less-than          | 10 | is less than 16.093 km from (52.52, 13.405)
            """)
    void distances(String unit, String operator, String value, String expected) {
        assertThat(describe(one("""
                {"type": "profile-location-distance", "latitude": 52.52, "longitude": 13.405, "unit": "%s",
                 "filter": {"type": "numeric", "operator": "%s", "value": %s}}""".formatted(unit, operator, value))))
            .isEqualTo(expected);
    }

    private static final String ALL_TIME = "{\"type\": \"date\", \"operator\": \"alltime\"}";

    private static String metric(String measurement, String operator, String value, String frame) {
        return """
                {"type": "profile-metric", "metric_id": "M1", "measurement": "%s",
                 "measurement_filter": {"type": "numeric", "operator": "%s", "value": %s},
                 "timeframe_filter": %s}""".formatted(measurement, operator, value, frame);
    }

    private static String one(String condition) {
        return "{\"condition_groups\": [{\"conditions\": [" + condition + "]}]}";
    }

    private String describe(String definition) {
        return sentence.describe(new DefinitionParser(ZONE).parse(JSON.readTree(definition)));
    }
}
