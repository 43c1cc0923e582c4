package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.magpie.activity.Event;
import dev.magpie.activity.ProfileRollups.RolledUpEvent;
import dev.magpie.audiences.internal.segments.Evaluation.ConditionResult;
import dev.magpie.audiences.internal.segments.Evaluation.GroupResult;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Location;
import dev.magpie.profiles.Profile;

/**
 * Decides whether one profile is in a segment, and why, at one instant: the one place where a definition's
 * meaning lives, used alike by full evaluation, incremental re-evaluation, the scheduler and the "why" view.
 *
 * <p>Rules worth knowing: a property that is not set fails every filter except {@code not-set}; text compares
 * without regard to case; a list-valued custom property matches a text filter when any element does; dates
 * without a time, and days of relative windows, are read in the account's time zone (see {@link TimeFrame}).
 */
final class SegmentEvaluator {

    private static final double EARTH_RADIUS_KM = 6371.0088;

    /** How far ahead an anniversary's next change is looked for: a year covers every date. */
    private static final int ANNIVERSARY_HORIZON_DAYS = 367;

    private SegmentEvaluator() {
    }

    static Evaluation evaluate(SegmentDefinition definition, ProfileFacts facts, Instant now, ZoneId zone) {
        Context context = new Context(facts, now, zone);
        List<GroupResult> groups = new ArrayList<>();
        boolean member = true;
        for (List<Condition> group : definition.groups()) {
            List<ConditionResult> results = new ArrayList<>();
            boolean held = false;
            for (Condition condition : group) {
                ConditionResult result = context.evaluate(condition);
                results.add(result);
                held |= result.held();
            }
            groups.add(new GroupResult(held, results));
            member &= held;
        }
        return new Evaluation(member, groups, context.nextCheck);
    }

    /** One evaluation's state: the facts, the instant, and the earliest time-driven change seen so far. */
    private static final class Context {

        private final ProfileFacts facts;

        private final Instant now;

        private final ZoneId zone;

        private Instant nextCheck;

        Context(ProfileFacts facts, Instant now, ZoneId zone) {
            this.facts = facts;
            this.now = now;
            this.zone = zone;
        }

        ConditionResult evaluate(Condition condition) {
            if (condition instanceof Condition.Property property) {
                return property(property);
            }
            if (condition instanceof Condition.Metric metric) {
                return metric(metric);
            }
            if (condition instanceof Condition.Membership membership) {
                return membership(membership);
            }
            if (condition instanceof Condition.Consent consent) {
                Consent actual = facts.profile().consent().get(consent.channel());
                Consent.State state = actual == null ? Consent.State.NEVER_SUBSCRIBED : actual.state();
                boolean held = consent.canReceive() ? state == Consent.State.SUBSCRIBED
                        : state != Consent.State.SUBSCRIBED && (consent.state() == null || consent.state() == state);
                return new ConditionResult(consent.pointer(), "profile-marketing-consent",
                        state.name().toLowerCase(Locale.ROOT), held);
            }
            if (condition instanceof Condition.Region region) {
                Location location = facts.profile().location();
                String country = location == null ? null : location.country();
                boolean in = Regions.contains(region.region(), country);
                return new ConditionResult(region.pointer(), "profile-region", country == null ? "not set" : country,
                        in == region.inRegion());
            }
            Condition.Distance distance = (Condition.Distance) condition;
            Location location = facts.profile().location();
            if (location == null || location.latitude() == null || location.longitude() == null) {
                return new ConditionResult(distance.pointer(), "profile-location-distance", "not set", false);
            }
            double km = kilometres(distance.latitude(), distance.longitude(), location.latitude(),
                    location.longitude());
            BigDecimal rounded = BigDecimal.valueOf(km).setScale(3, java.math.RoundingMode.HALF_UP);
            return new ConditionResult(distance.pointer(), "profile-location-distance", rounded.toPlainString() + " km",
                    distance.kilometres().test(BigDecimal.valueOf(km)));
        }

        private ConditionResult metric(Condition.Metric metric) {
            TimeFrame frame = metric.timeFrame();
            long count = 0;
            BigDecimal sum = BigDecimal.ZERO;
            if (metric.eventFilters().isEmpty()) {
                for (RolledUpEvent event : facts.events(metric.metricId())) {
                    if (frame.contains(event.time(), now, zone)) {
                        count++;
                        sum = sum.add(event.value() == null ? BigDecimal.ZERO : event.value());
                    }
                    watch(frame, event.time());
                }
            }
            else {
                for (Event event : facts.timeline(metric.metricId(), frame.from(now, zone))) {
                    if (!metric.eventFilters().stream().allMatch(filter -> eventMatches(event, filter))) {
                        continue;
                    }
                    if (frame.contains(event.time(), now, zone)) {
                        count++;
                        sum = sum.add(event.value() == null ? BigDecimal.ZERO : event.value());
                    }
                    watch(frame, event.time());
                }
            }
            BigDecimal measured = metric.sum() ? sum : BigDecimal.valueOf(count);
            return new ConditionResult(metric.pointer(), "profile-metric", measured.stripTrailingZeros().toPlainString(),
                    metric.measurement().test(measured));
        }

        private ConditionResult membership(Condition.Membership membership) {
            boolean any = false;
            Instant earliest = null;
            for (String groupId : membership.groupIds()) {
                Optional<Instant> since = facts.memberSince(groupId);
                if (since.isEmpty()) {
                    continue;
                }
                if (earliest == null || since.get().isBefore(earliest)) {
                    earliest = since.get();
                }
                if (membership.since() == null) {
                    any = true;
                }
                else {
                    watch(membership.since(), since.get());
                    any |= membership.since().contains(since.get(), now, zone);
                }
            }
            boolean wasMember = earliest != null;
            String actual = wasMember ? "member since " + earliest : "not a member";
            boolean held = membership.member() ? any : !wasMember;
            return new ConditionResult(membership.pointer(), "profile-group-membership", actual, held);
        }

        private ConditionResult property(Condition.Property property) {
            Object value = value(facts.profile(), property.property());
            ValueFilter filter = property.filter();
            String actual = value == null ? "not set" : String.valueOf(value);
            return new ConditionResult(property.pointer(), "profile-property", actual, test(value, filter, true));
        }

        private boolean eventMatches(Event event, Condition.EventPropertyFilter filter) {
            return test(path(event.properties(), filter.property()), filter.filter(), false);
        }

        private boolean test(Object value, ValueFilter filter, boolean watchTime) {
            if (filter instanceof ValueFilter.Existence existence) {
                return isSet(value) == existence.set();
            }
            if (!isSet(value)) {
                return false;
            }
            if (value instanceof Collection<?> many && !(filter instanceof ValueFilter.Date)) {
                return many.stream().anyMatch(one -> one != null && test(one, filter, watchTime));
            }
            if (filter instanceof ValueFilter.Text text) {
                return text(String.valueOf(value), text);
            }
            if (filter instanceof ValueFilter.TextList list) {
                String actual = String.valueOf(value).toLowerCase(Locale.ROOT);
                boolean found = list.values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).equals(actual));
                return found == list.in();
            }
            if (filter instanceof ValueFilter.Numeric numeric) {
                BigDecimal number = number(value);
                return number != null && numeric.test(number);
            }
            if (filter instanceof ValueFilter.Bool bool) {
                Boolean actual = value instanceof Boolean b ? b
                        : "true".equalsIgnoreCase(String.valueOf(value)) ? Boolean.TRUE
                        : "false".equalsIgnoreCase(String.valueOf(value)) ? Boolean.FALSE : null;
                return actual != null && actual == bool.value();
            }
            Instant date = date(value, zone);
            if (date == null) {
                return false;
            }
            if (filter instanceof ValueFilter.Date dated) {
                if (watchTime) {
                    watch(dated.frame(), date);
                }
                return dated.frame().contains(date, now, zone);
            }
            ValueFilter.Anniversary anniversary = (ValueFilter.Anniversary) filter;
            LocalDate today = LocalDate.ofInstant(now, zone);
            MonthDay birthday = MonthDay.from(LocalDate.ofInstant(date, zone));
            boolean held = anniversaryWithin(birthday, today, anniversary);
            if (watchTime) {
                for (int day = 1; day <= ANNIVERSARY_HORIZON_DAYS; day++) {
                    if (anniversaryWithin(birthday, today.plusDays(day), anniversary) != held) {
                        watch(today.plusDays(day).atStartOfDay(zone).toInstant());
                        break;
                    }
                }
            }
            return held;
        }

        private void watch(TimeFrame frame, Instant point) {
            if (frame.moves()) {
                frame.nextCrossing(point, now, zone).ifPresent(this::watch);
            }
        }

        private void watch(Instant instant) {
            if (nextCheck == null || instant.isBefore(nextCheck)) {
                nextCheck = instant;
            }
        }
    }

    /** Whether the anniversary of {@code birthday} falls within the filter's days around {@code today}. */
    static boolean anniversaryWithin(MonthDay birthday, LocalDate today, ValueFilter.Anniversary filter) {
        for (int offset = 0; offset <= filter.days(); offset++) {
            LocalDate day = filter.next() ? today.plusDays(offset) : today.minusDays(offset);
            // 29 February is celebrated on 28 February in other years
            if (birthday.isValidYear(day.getYear()) ? birthday.atYear(day.getYear()).equals(day)
                    : day.getMonthValue() == 2 && day.getDayOfMonth() == 28) {
                return true;
            }
            if (offset >= 366) {
                break;
            }
        }
        return false;
    }

    private static boolean text(String actual, ValueFilter.Text filter) {
        String a = actual.toLowerCase(Locale.ROOT);
        String v = filter.value().toLowerCase(Locale.ROOT);
        return switch (filter.operator()) {
            case "equals" -> a.equals(v);
            case "not-equals" -> !a.equals(v);
            case "contains" -> a.contains(v);
            case "not-contains" -> !a.contains(v);
            case "starts-with" -> a.startsWith(v);
            case "not-starts-with" -> !a.startsWith(v);
            case "ends-with" -> a.endsWith(v);
            case "not-ends-with" -> !a.endsWith(v);
            default -> false;
        };
    }

    static boolean isSet(Object value) {
        return value != null && !(value instanceof String text && text.isBlank())
                && !(value instanceof Collection<?> many && many.isEmpty());
    }

    static BigDecimal number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.strip());
            }
            catch (NumberFormatException notNumber) {
                return null;
            }
        }
        return null;
    }

    /** A date value: an instant, an ISO date-time, or an ISO date (midnight in {@code zone}). */
    static Instant date(Object value, ZoneId zone) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (!(value instanceof String text)) {
            return null;
        }
        String trimmed = text.strip();
        try {
            if (trimmed.length() == 10) {
                return LocalDate.parse(trimmed).atStartOfDay(zone).toInstant();
            }
            if (trimmed.endsWith("Z") || trimmed.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(trimmed).toInstant();
            }
            return java.time.LocalDateTime.parse(trimmed).atZone(zone).toInstant();
        }
        catch (DateTimeParseException notDate) {
            return null;
        }
    }

    /** The value of a standard field or custom property of {@code profile}, or {@code null}. */
    static Object value(Profile profile, Condition.PropertyPath path) {
        if (path.isCustom()) {
            return profile.properties() == null ? null : profile.properties().get(path.custom());
        }
        Location location = profile.location();
        return switch (path.standard()) {
            case "id" -> profile.id();
            case "email" -> profile.email();
            case "phone_number" -> profile.phoneNumber();
            case "external_id" -> profile.externalId();
            case "first_name" -> profile.firstName();
            case "last_name" -> profile.lastName();
            case "organization" -> profile.organization();
            case "title" -> profile.title();
            case "image" -> profile.image();
            case "created" -> profile.created();
            case "updated" -> profile.updated();
            case "location.address1" -> location == null ? null : location.address1();
            case "location.address2" -> location == null ? null : location.address2();
            case "location.city" -> location == null ? null : location.city();
            case "location.country" -> location == null ? null : location.country();
            case "location.region" -> location == null ? null : location.region();
            case "location.zip" -> location == null ? null : location.zip();
            case "location.timezone" -> location == null ? null : location.timezone();
            case "location.latitude" -> location == null ? null : location.latitude();
            case "location.longitude" -> location == null ? null : location.longitude();
            default -> null;
        };
    }

    /** A top-level key or a dotted path into nested event properties. */
    static Object path(Map<String, Object> properties, String path) {
        if (properties == null) {
            return null;
        }
        if (properties.containsKey(path)) {
            return properties.get(path);
        }
        Object current = properties;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /** Great-circle distance in kilometres (haversine). */
    static double kilometres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
    }
}
