package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import dev.magpie.activity.Event;
import dev.magpie.activity.ProfileRollups.RolledUpEvent;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random profiles, events and definitions: the engine's evaluator must agree with a reference evaluator written
 * plainly here — at once, and after the clock moves forward when the engine only re-evaluates at the times it
 * said the answer could next change (which is what the scheduler does). Zones with half- and quarter-hour
 * offsets and daylight-saving changes, events in the future and far in the past are all in the mix.
 */
class SegmentEvaluatorPropertyTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Chatham"), ZoneId.of("Europe/Berlin"));

    /** Around the 2026 daylight-saving changes in Europe (29 March, 25 October) and America (8 March, 1 November). */
    private static final List<Instant> STARTS = List.of(Instant.parse("2026-03-07T22:13:00Z"),
            Instant.parse("2026-03-28T23:30:00Z"), Instant.parse("2026-10-24T12:00:00Z"),
            Instant.parse("2026-12-31T23:59:59Z"), Instant.parse("2027-02-27T05:00:00Z"));

    private static final List<String> METRICS = List.of("M1", "M2");

    private static final List<String> LISTS = List.of("L1", "L2");

    @Test
    void theEngineAgreesWithTheReferenceNowAndAsTimePasses() {
        Random random = new Random(20261126L);
        int checks = 0;
        for (int round = 0; round < 300; round++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            Instant start = STARTS.get(random.nextInt(STARTS.size())).plusSeconds(random.nextInt(86_400) - 43_200);
            String json = randomDefinition(random);
            SegmentDefinition definition = new DefinitionParser(zone).parse(JSON.readTree(json));
            for (int p = 0; p < 20; p++) {
                FakeProfile profile = randomProfile(random, start, zone);
                Evaluation first = SegmentEvaluator.evaluate(definition, profile, start, zone);
                assertThat(first.member()).as("%s at %s in %s for %s", json, start, zone, profile)
                    .isEqualTo(Reference.member(JSON.readTree(json), profile, start, zone));
                // The clock moves on; the engine looks again only when it said it should
                boolean member = first.member();
                Instant next = first.nextCheck();
                Instant now = start;
                for (int step = 0; step < 6; step++) {
                    now = now.plusSeconds(1 + random.nextInt(random.nextBoolean() ? 3 * 3600 : 9 * 86_400));
                    while (next != null && !next.isAfter(now)) {
                        Evaluation again = SegmentEvaluator.evaluate(definition, profile, next, zone);
                        member = again.member();
                        Instant following = again.nextCheck();
                        assertThat(following == null || following.isAfter(next)).as("the next check moves forward")
                            .isTrue();
                        next = following;
                    }
                    assertThat(member).as("%s at %s (from %s) in %s for %s", json, now, start, zone, profile)
                        .isEqualTo(Reference.member(JSON.readTree(json), profile, now, zone));
                    checks++;
                }
            }
        }
        assertThat(checks).isGreaterThan(30_000);
    }

    // ---- random inputs ----

    private static String randomDefinition(Random random) {
        int groups = 1 + random.nextInt(3);
        List<String> groupJson = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int conditions = 1 + random.nextInt(2);
            List<String> conditionJson = new ArrayList<>();
            for (int c = 0; c < conditions; c++) {
                conditionJson.add(randomCondition(random));
            }
            groupJson.add("{\"conditions\":[" + String.join(",", conditionJson) + "]}");
        }
        return "{\"condition_groups\":[" + String.join(",", groupJson) + "]}";
    }

    static String randomCondition(Random random) {
        return switch (random.nextInt(7)) {
            case 0, 1, 2 -> {
                String[] ops = { "equals", "greater-than", "greater-than-or-equal", "less-than", "less-than-or-equal",
                        "not-equals" };
                String measurement = random.nextInt(4) == 0 ? "sum" : "count";
                yield "{\"type\":\"profile-metric\",\"metric_id\":\"" + METRICS.get(random.nextInt(2))
                        + "\",\"measurement\":\"" + measurement + "\",\"measurement_filter\":{\"type\":\"numeric\","
                        + "\"operator\":\"" + ops[random.nextInt(ops.length)] + "\",\"value\":" + random.nextInt(4)
                        + "},\"timeframe_filter\":" + randomFrame(random, true) + "}";
            }
            case 3 -> "{\"type\":\"profile-property\",\"property\":\"properties['birthday']\",\"filter\":"
                    + (random.nextBoolean() ? randomFrame(random, false)
                            : "{\"type\":\"date\",\"operator\":\"anniversary-" + (random.nextBoolean() ? "next" : "last")
                                    + "\",\"unit\":\"day\",\"quantity\":" + random.nextInt(10) + "}")
                    + "}";
            case 4 -> "{\"type\":\"profile-property\",\"property\":\"" + (random.nextBoolean() ? "location['country']"
                    : "properties['tier']") + "\",\"filter\":" + switch (random.nextInt(3)) {
                        case 0 -> "{\"type\":\"string\",\"operator\":\"equals\",\"value\":\"de\"}";
                        case 1 -> "{\"type\":\"string\",\"operator\":\"in\",\"value\":[\"gold\",\"FR\"]}";
                        default -> "{\"type\":\"existence\",\"operator\":\"" + (random.nextBoolean() ? "is-set" : "not-set")
                                + "\"}";
                    } + "}";
            case 5 -> "{\"type\":\"profile-group-membership\",\"is_member\":" + random.nextBoolean()
                    + ",\"group_ids\":[\"" + LISTS.get(random.nextInt(2)) + "\"]}";
            default -> random.nextBoolean()
                    ? "{\"type\":\"profile-group-membership\",\"is_member\":true,\"group_ids\":[\"L1\"],"
                            + "\"timeframe_filter\":{\"type\":\"date\",\"operator\":\"at-least\",\"unit\":\"day\","
                            + "\"quantity\":" + random.nextInt(5) + "}}"
                    : "{\"type\":\"profile-marketing-consent\",\"consent\":{\"channel\":\"email\","
                            + "\"can_receive_marketing\":" + random.nextBoolean()
                            + ",\"consent_status\":{\"subscription\":\"any\"}}}";
        };
    }

    private static String randomFrame(Random random, boolean allTime) {
        String[] units = { "hour", "day", "week" };
        String unit = units[random.nextInt(3)];
        int quantity = random.nextInt(unit.equals("hour") ? 50 : 5);
        return switch (random.nextInt(allTime ? 7 : 6)) {
            case 0 -> "{\"type\":\"date\",\"operator\":\"in-the-last\",\"unit\":\"" + unit + "\",\"quantity\":" + quantity + "}";
            case 1 -> "{\"type\":\"date\",\"operator\":\"in-the-next\",\"unit\":\"" + unit + "\",\"quantity\":" + quantity + "}";
            case 2 -> "{\"type\":\"date\",\"operator\":\"at-least\",\"unit\":\"" + unit + "\",\"quantity\":" + quantity + "}";
            case 3 -> "{\"type\":\"date\",\"operator\":\"between\",\"unit\":\"" + unit + "\",\"start\":" + quantity
                    + ",\"end\":" + random.nextInt(6) + "}";
            case 4 -> "{\"type\":\"date\",\"operator\":\"after\",\"date\":\"2026-03-20T00:00:00+00:00\"}";
            case 5 -> "{\"type\":\"date\",\"operator\":\"before\",\"date\":\"2026-10-20\"}";
            default -> "{\"type\":\"date\",\"operator\":\"alltime\"}";
        };
    }

    private static FakeProfile randomProfile(Random random, Instant now, ZoneId zone) {
        Map<String, Object> properties = new HashMap<>();
        if (random.nextBoolean()) {
            LocalDate birthday = LocalDate.ofInstant(now, zone).plusDays(random.nextInt(30) - 15)
                .minusYears(random.nextInt(3) == 0 ? 0 : 30);
            properties.put("birthday", random.nextInt(5) == 0 ? "1992-02-29" : birthday.toString());
        }
        if (random.nextBoolean()) {
            properties.put("tier", random.nextBoolean() ? "Gold" : "silver");
        }
        String country = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "DE";
            case 2 -> "fr";
            default -> "US";
        };
        Map<Channel, Consent> consent = new HashMap<>();
        if (random.nextBoolean()) {
            consent.put(Channel.EMAIL_MARKETING, new Consent(random.nextBoolean() ? Consent.State.SUBSCRIBED
                    : Consent.State.UNSUBSCRIBED, now, "API", null));
        }
        Profile profile = new Profile("P" + random.nextInt(1_000_000), "x@example.com", null, null, java.util.Set.of(),
                null, null, null, null, null,
                country == null ? null : new Location(null, null, null, country, null, null, null, null, null),
                properties, consent, now.minus(Duration.ofDays(400)), now);
        List<Event> events = new ArrayList<>();
        int count = random.nextInt(8);
        for (int i = 0; i < count; i++) {
            // Mostly recent, some far in the past, some ahead (events may be dated up to a year ahead)
            long offset = switch (random.nextInt(4)) {
                case 0 -> -random.nextInt(400 * 86_400);
                case 1 -> random.nextInt(10 * 86_400);
                default -> -random.nextInt(12 * 86_400);
            };
            Instant time = now.plusSeconds(offset).truncatedTo(ChronoUnit.SECONDS);
            events.add(new Event("E" + i + "-" + time.getEpochSecond(), METRICS.get(random.nextInt(2)), null,
                    profile.id(), time, BigDecimal.valueOf(random.nextInt(3)), null, Map.of(), null, time));
        }
        Map<String, Instant> lists = new HashMap<>();
        for (String list : LISTS) {
            if (random.nextBoolean()) {
                lists.put(list, now.minusSeconds(random.nextInt(8 * 86_400)).plusSeconds(random.nextInt(3 * 86_400)));
            }
        }
        return new FakeProfile(profile, events, lists);
    }

    /** A profile's facts in memory, the events as the rollups would give them. */
    record FakeProfile(Profile profile, List<Event> allEvents, Map<String, Instant> lists) implements ProfileFacts {

        @Override
        public List<RolledUpEvent> events(String metricId) {
            return allEvents.stream().filter(e -> e.metricId().equals(metricId))
                .sorted(Comparator.comparing(Event::time))
                .map(e -> new RolledUpEvent(e.id(), e.time(), e.value()))
                .toList();
        }

        @Override
        public List<Event> timeline(String metricId, Instant from) {
            return allEvents.stream().filter(e -> e.metricId().equals(metricId))
                .filter(e -> from == null || !e.time().isBefore(from))
                .toList();
        }

        @Override
        public Optional<Instant> memberSince(String groupId) {
            // A membership that starts in the future has not started yet: the list module would not report it
            return Optional.ofNullable(lists.get(groupId));
        }
    }

    /** The meaning of a definition, spelled out as plainly as possible, straight from the JSON. */
    static final class Reference {

        static boolean member(JsonNode definition, FakeProfile facts, Instant now, ZoneId zone) {
            for (JsonNode group : definition.get("condition_groups")) {
                boolean any = false;
                for (JsonNode condition : group.get("conditions")) {
                    any |= holds(condition, facts, now, zone);
                }
                if (!any) {
                    return false;
                }
            }
            return true;
        }

        private static boolean holds(JsonNode c, FakeProfile facts, Instant now, ZoneId zone) {
            switch (c.get("type").asString()) {
                case "profile-metric": {
                    BigDecimal total = BigDecimal.ZERO;
                    for (Event event : facts.allEvents()) {
                        if (event.metricId().equals(c.get("metric_id").asString())
                                && inFrame(c.get("timeframe_filter"), event.time(), now, zone)) {
                            total = total.add(c.get("measurement").asString().equals("sum") ? event.value() : BigDecimal.ONE);
                        }
                    }
                    return compare(total, c.get("measurement_filter"));
                }
                case "profile-property": {
                    String property = c.get("property").asString();
                    JsonNode filter = c.get("filter");
                    Object value;
                    if (property.equals("location['country']")) {
                        value = facts.profile().location() == null ? null : facts.profile().location().country();
                    }
                    else {
                        value = facts.profile().properties().get(property.substring(12, property.length() - 2));
                    }
                    String operator = filter.get("operator").asString();
                    if (operator.equals("is-set")) {
                        return value != null;
                    }
                    if (operator.equals("not-set")) {
                        return value == null;
                    }
                    if (value == null) {
                        return false;
                    }
                    if (operator.equals("equals")) {
                        return value.toString().equalsIgnoreCase(filter.get("value").asString());
                    }
                    if (operator.equals("in")) {
                        for (JsonNode v : filter.get("value")) {
                            if (v.asString().equalsIgnoreCase(value.toString())) {
                                return true;
                            }
                        }
                        return false;
                    }
                    LocalDate date = LocalDate.parse(value.toString());
                    if (operator.startsWith("anniversary")) {
                        LocalDate today = LocalDate.ofInstant(now, zone);
                        int days = filter.get("quantity").asInt();
                        for (int i = 0; i <= days; i++) {
                            LocalDate day = operator.endsWith("next") ? today.plusDays(i) : today.minusDays(i);
                            boolean leapBirthday = date.getMonthValue() == 2 && date.getDayOfMonth() == 29;
                            if (day.getMonth() == date.getMonth() && day.getDayOfMonth() == date.getDayOfMonth()) {
                                return true;
                            }
                            if (leapBirthday && !day.isLeapYear() && day.getMonthValue() == 2 && day.getDayOfMonth() == 28) {
                                return true;
                            }
                        }
                        return false;
                    }
                    return inFrame(filter, date.atStartOfDay(zone).toInstant(), now, zone);
                }
                case "profile-group-membership": {
                    Instant since = facts.lists().get(c.get("group_ids").get(0).asString());
                    if (!c.get("is_member").asBoolean()) {
                        return since == null;
                    }
                    if (since == null) {
                        return false;
                    }
                    return !c.has("timeframe_filter") || inFrame(c.get("timeframe_filter"), since, now, zone);
                }
                default: {
                    Consent consent = facts.profile().consent().get(Channel.EMAIL_MARKETING);
                    boolean subscribed = consent != null && consent.state() == Consent.State.SUBSCRIBED;
                    return subscribed == c.get("consent").get("can_receive_marketing").asBoolean();
                }
            }
        }

        private static boolean compare(BigDecimal actual, JsonNode filter) {
            int c = actual.compareTo(new BigDecimal(filter.get("value").asString()));
            return switch (filter.get("operator").asString()) {
                case "equals" -> c == 0;
                case "not-equals" -> c != 0;
                case "greater-than" -> c > 0;
                case "greater-than-or-equal" -> c >= 0;
                case "less-than" -> c < 0;
                default -> c <= 0;
            };
        }

        /** Hours roll; days and weeks are whole days of the zone, counted back from today's midnight. */
        private static boolean inFrame(JsonNode f, Instant t, Instant now, ZoneId zone) {
            String operator = f.get("operator").asString();
            if (operator.equals("alltime")) {
                return true;
            }
            if (operator.equals("after")) {
                return !t.isBefore(parse(f.get("date").asString(), zone));
            }
            if (operator.equals("before")) {
                return t.isBefore(parse(f.get("date").asString(), zone));
            }
            String unit = f.get("unit").asString();
            LocalDate today = LocalDate.ofInstant(now, zone);
            if (operator.equals("between")) {
                int a = Math.min(f.get("start").asInt(), f.get("end").asInt());
                int b = Math.max(f.get("start").asInt(), f.get("end").asInt());
                return !t.isBefore(ago(b, unit, now, today, zone)) && t.isBefore(ago(a, unit, now, today, zone));
            }
            int n = f.get("quantity").asInt();
            if (operator.equals("in-the-last")) {
                return !t.isBefore(ago(n, unit, now, today, zone)) && !t.isAfter(now);
            }
            if (operator.equals("at-least")) {
                return t.isBefore(ago(n, unit, now, today, zone));
            }
            // in-the-next
            Instant end = unit.equals("hour") ? now.plus(Duration.ofHours(n))
                    : today.plusDays((unit.equals("week") ? 7L : 1L) * n + 1).atStartOfDay(zone).toInstant();
            return !t.isBefore(now) && t.isBefore(end);
        }

        private static Instant ago(int n, String unit, Instant now, LocalDate today, ZoneId zone) {
            return switch (unit) {
                case "hour" -> now.minus(Duration.ofHours(n));
                case "day" -> today.minusDays(n).atStartOfDay(zone).toInstant();
                default -> today.minusWeeks(n).atStartOfDay(zone).toInstant();
            };
        }

        private static Instant parse(String date, ZoneId zone) {
            return date.length() == 10 ? LocalDate.parse(date).atStartOfDay(zone).toInstant()
                    : java.time.OffsetDateTime.parse(date).toInstant();
        }
    }
}
