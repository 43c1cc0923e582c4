package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.magpie.audiences.internal.segments.TimeFrame.Bound;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent.State;

/**
 * A definition read back as one English sentence, for people: groups joined by AND, the conditions of a group by
 * OR, metrics, lists and segments by their names, e.g. {@code Placed Order at least 2 times in the last 30 days AND
 * email is set}. Built from the parsed definition, so that it says what the evaluator will do (a definition's
 * weeks come back as days, its miles as kilometres).
 */
final class DefinitionSentence {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("id", "profile id"),
            Map.entry("email", "email"), Map.entry("phone_number", "phone number"),
            Map.entry("external_id", "external id"), Map.entry("first_name", "first name"),
            Map.entry("last_name", "last name"), Map.entry("organization", "organization"),
            Map.entry("title", "title"), Map.entry("image", "image"), Map.entry("locale", "locale"),
            Map.entry("created", "created"), Map.entry("updated", "updated"));

    private final Names names;

    private final ZoneId zone;

    /** The names the sentence uses for what the definition names by id. */
    interface Names {

        /** The metric's name (its id when the account has no such metric). */
        String metric(String metricId);

        /** {@code list "Name"} or {@code segment "Name"} (the id, quoted, when the account has neither). */
        String group(String groupId);
    }

    DefinitionSentence(Names names, ZoneId zone) {
        this.names = names;
        this.zone = zone;
    }

    String describe(SegmentDefinition definition) {
        return definition.groups().stream()
            .map(group -> group.stream().map(this::condition).collect(Collectors.joining(" OR ")))
            .map(text -> definition.groups().size() > 1 && text.contains(" OR ") ? "(" + text + ")" : text)
            .collect(Collectors.joining(" AND "));
    }

    String condition(Condition condition) {
        if (condition instanceof Condition.Property property) {
            return property(property.property()) + " " + filter(property.filter());
        }
        if (condition instanceof Condition.Metric metric) {
            return metric(metric);
        }
        if (condition instanceof Condition.Membership membership) {
            return membership(membership);
        }
        if (condition instanceof Condition.Consent consent) {
            return consent(consent);
        }
        if (condition instanceof Condition.Region region) {
            return (region.inRegion() ? "is in " : "is not in ")
                    + (region.region().equals("european_union") ? "the European Union" : "the United States");
        }
        Condition.Distance distance = (Condition.Distance) condition;
        return "is " + comparison(distance.kilometres()) + " km from (" + number(BigDecimal.valueOf(distance.latitude()))
                + ", " + number(BigDecimal.valueOf(distance.longitude())) + ")";
    }

    private static String property(Condition.PropertyPath path) {
        if (path.isCustom()) {
            return path.custom();
        }
        if (path.standard().startsWith("location.")) {
            return path.standard().substring(9).replace('_', ' ');
        }
        return FIELDS.getOrDefault(path.standard(), path.standard());
    }

    private String metric(Condition.Metric metric) {
        StringBuilder text = new StringBuilder(names.metric(metric.metricId())).append(' ');
        if (metric.sum()) {
            text.append("with a total value of ").append(comparison(metric.measurement()));
        }
        else {
            text.append(times(metric.measurement()));
        }
        text.append(' ').append(metricFrame(metric.timeFrame()));
        if (!metric.eventFilters().isEmpty()) {
            text.append(" where ").append(metric.eventFilters().stream()
                .map(filter -> filter.property() + " " + filter(filter.filter()))
                .collect(Collectors.joining(" and ")));
        }
        return text.toString();
    }

    private String membership(Condition.Membership membership) {
        List<String> groups = membership.groupIds().stream().map(names::group).toList();
        String joined = String.join(" or ", groups);
        if (!membership.member()) {
            return groups.size() == 1 ? "is not in " + joined : "is in none of " + String.join(", ", groups);
        }
        String text = "is in " + joined;
        if (membership.since() == null) {
            return text;
        }
        TimeFrame since = membership.since();
        if (since.lower() instanceof Bound.None && ago(since.upper()) != null) {
            return text + " for at least " + ago(since.upper());
        }
        return text + " and joined " + frame(since);
    }

    private static String consent(Condition.Consent consent) {
        String channel = consent.channel() == Channel.SMS_MARKETING ? "SMS marketing" : "email marketing";
        if (consent.canReceive()) {
            return "can receive " + channel;
        }
        String text = "cannot receive " + channel;
        if (consent.state() == State.UNSUBSCRIBED) {
            return text + " (unsubscribed)";
        }
        if (consent.state() == State.NEVER_SUBSCRIBED) {
            return text + " (never subscribed)";
        }
        return text;
    }

    private String filter(ValueFilter filter) {
        if (filter instanceof ValueFilter.Text text) {
            return textOperator(text.operator()) + " " + quoted(text.value());
        }
        if (filter instanceof ValueFilter.TextList list) {
            return (list.in() ? "is one of " : "is none of ")
                    + list.values().stream().map(DefinitionSentence::quoted).collect(Collectors.joining(", "));
        }
        if (filter instanceof ValueFilter.Numeric numeric) {
            return "is " + comparison(numeric);
        }
        if (filter instanceof ValueFilter.Bool bool) {
            return "is " + bool.value();
        }
        if (filter instanceof ValueFilter.Existence existence) {
            return existence.set() ? "is set" : "is not set";
        }
        if (filter instanceof ValueFilter.Date date) {
            return "is " + frame(date.frame());
        }
        ValueFilter.Anniversary anniversary = (ValueFilter.Anniversary) filter;
        return "has its anniversary in the " + (anniversary.next() ? "next " : "last ")
                + quantity(anniversary.days(), "day");
    }

    private static String textOperator(String operator) {
        return switch (operator) {
            case "equals" -> "is";
            case "not-equals" -> "is not";
            case "contains" -> "contains";
            case "not-contains" -> "does not contain";
            case "starts-with" -> "starts with";
            case "not-starts-with" -> "does not start with";
            case "ends-with" -> "ends with";
            case "not-ends-with" -> "does not end with";
            default -> operator;
        };
    }

    /** {@code at least 5}, {@code between 1 and 3}, … */
    private static String comparison(ValueFilter.Numeric numeric) {
        String value = number(numeric.value());
        return switch (numeric.operator()) {
            case "equals" -> value;
            case "not-equals" -> "not " + value;
            case "greater-than" -> "more than " + value;
            case "greater-than-or-equal" -> "at least " + value;
            case "less-than" -> "less than " + value;
            case "less-than-or-equal" -> "at most " + value;
            case "between" -> "between " + value + " and " + number(numeric.end());
            default -> numeric.operator() + " " + value;
        };
    }

    /** A count: {@code at least 2 times}, {@code zero times}, {@code exactly once}, … */
    private static String times(ValueFilter.Numeric count) {
        BigDecimal value = count.value();
        if (count.operator().equals("equals") && value.signum() == 0) {
            return "zero times";
        }
        String unit = count.operator().equals("between") ? "times" : value.compareTo(BigDecimal.ONE) == 0 ? "time"
                : "times";
        return switch (count.operator()) {
            case "equals" -> "exactly " + number(value) + " " + unit;
            case "less-than" -> "fewer than " + number(value) + " " + unit;
            default -> comparison(count) + " " + unit;
        };
    }

    private String metricFrame(TimeFrame frame) {
        if (frame.lower() instanceof Bound.None && frame.upper() instanceof Bound.None) {
            return "over all time";
        }
        return frame(frame);
    }

    /** A time frame as Klaviyo's date filters say it: {@code in the last 30 days}, {@code before 2026-01-31}, … */
    String frame(TimeFrame frame) {
        Bound lower = frame.lower();
        Bound upper = frame.upper();
        if (lower instanceof Bound.None && upper instanceof Bound.None) {
            return "at any time";
        }
        if (lower instanceof Bound.Fixed from && upper instanceof Bound.None) {
            return "after " + date(from.instant());
        }
        if (lower instanceof Bound.None && upper instanceof Bound.Fixed to) {
            return "before " + date(to.instant());
        }
        if (lower instanceof Bound.Fixed from && upper instanceof Bound.Fixed to) {
            return "between " + date(from.instant()) + " and " + date(to.instant());
        }
        if (upper instanceof Bound.Rolling rolling && rolling.offset().toMillis() == 1 && ago(lower) != null) {
            return "in the last " + ago(lower);
        }
        if (lower instanceof Bound.Rolling start && start.offset().isZero()) {
            if (upper instanceof Bound.Rolling end) {
                return "in the next " + quantity(end.offset().toHours(), "hour");
            }
            if (upper instanceof Bound.Stepped end) {
                return "in the next " + quantity(end.days() - 1, "day");
            }
        }
        if (lower instanceof Bound.None && ago(upper) != null) {
            return "at least " + ago(upper) + " ago";
        }
        String far = ago(lower);
        String near = ago(upper);
        if (far != null && near != null) {
            String unit = lower instanceof Bound.Rolling ? "hours" : "days";
            return "between " + near.split(" ")[0] + " and " + far.split(" ")[0] + " " + unit + " ago";
        }
        return "in a custom time frame";
    }

    /** {@code 30 days} for a bound that many days (or hours) before now, else {@code null}. */
    private static String ago(Bound bound) {
        if (bound instanceof Bound.Stepped stepped && stepped.days() <= 0) {
            return quantity(-stepped.days(), "day");
        }
        if (bound instanceof Bound.Rolling rolling && (rolling.offset().isNegative() || rolling.offset().isZero())
                && rolling.offset().toMillis() % 3_600_000 == 0) {
            return quantity(-rolling.offset().toHours(), "hour");
        }
        return null;
    }

    private String date(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? DATE.format(local) : DATE_TIME.format(local);
    }

    private static String quantity(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }

    private static String number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 3) {
            stripped = stripped.setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        }
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }

    private static String quoted(String text) {
        return "\u201c" + text + "\u201d";
    }
}
