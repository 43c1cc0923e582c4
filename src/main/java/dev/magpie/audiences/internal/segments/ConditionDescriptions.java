package dev.magpie.audiences.internal.segments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Metric;
import dev.magpie.audiences.ListDirectory;
import dev.magpie.audiences.internal.segments.SegmentCatalog.Compiled;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A plain-English line for each condition of a definition ("Placed Order at least 2 times in the last 30 days"),
 * naming metrics, lists and segments by name, for the segment page and the "why" view. A simple stand-in: the
 * builder's sentence of a whole definition is meant to replace it, which is why nothing else describes conditions
 * and the pages show these lines through one fragment ({@code audiences/segment-definition.html}).
 */
@Component
class ConditionDescriptions {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ActivityQueries activity;

    private final ObjectProvider<ListDirectory> lists;

    private final SegmentCatalog catalog;

    ConditionDescriptions(ActivityQueries activity, ObjectProvider<ListDirectory> lists, SegmentCatalog catalog) {
        this.activity = activity;
        this.lists = lists;
        this.catalog = catalog;
    }

    /** Each group's conditions, described; groups are joined by AND, a group's conditions by OR. */
    List<List<String>> describe(String accountId, SegmentDefinition definition) {
        Names names = names(accountId);
        return definition.groups().stream()
            .map(group -> group.stream().map(condition -> describe(condition, names)).toList())
            .toList();
    }

    /** The names of the account's metrics, lists and segments, and its time zone. */
    Names names(String accountId) {
        Map<String, String> groups = new HashMap<>();
        ListDirectory directory = lists.getIfAvailable();
        if (directory != null) {
            directory.all(accountId).forEach(list -> groups.put(list.id(), "list " + quoted(list.name())));
        }
        SegmentCatalog.Account account = catalog.account(accountId);
        for (Compiled segment : account.segments()) {
            groups.put(segment.id(), "segment " + quoted(segment.name()));
        }
        Map<String, String> metrics = activity.metrics(accountId).stream()
            .collect(Collectors.toMap(Metric::id, Metric::name, (one, other) -> one));
        return new Names(metrics, groups, account.zone());
    }

    String describe(Condition condition, Names names) {
        if (condition instanceof Condition.Property property) {
            return property.property().spelled() + " " + filter(property.filter(), names.zone());
        }
        if (condition instanceof Condition.Metric metric) {
            String name = quoted(names.metrics().getOrDefault(metric.metricId(), metric.metricId()));
            String text = metric.sum() ? "the value of " + name + " adds up to " + number(metric.measurement())
                    : metric.measurement().operator().equals("equals") && metric.measurement().value().signum() == 0
                            ? "did not do " + name : "did " + name + " " + times(metric.measurement());
            text += " " + frame(metric.timeFrame(), names.zone());
            for (Condition.EventPropertyFilter filter : metric.eventFilters()) {
                text += ", where " + filter.property() + " " + filter(filter.filter(), names.zone());
            }
            return text;
        }
        if (condition instanceof Condition.Membership membership) {
            String groups = membership.groupIds().stream()
                .map(id -> names.groups().getOrDefault(id, id))
                .collect(Collectors.joining(" or "));
            String text = (membership.member() ? "is in " : "is not in ") + groups;
            return membership.since() == null ? text : text + ", having joined " + frame(membership.since(),
                    names.zone());
        }
        if (condition instanceof Condition.Consent consent) {
            String channel = consent.channel().name().toLowerCase(Locale.ROOT);
            if (consent.canReceive()) {
                return "can receive " + channel + " marketing";
            }
            return "cannot receive " + channel + " marketing" + (consent.state() == null ? ""
                    : " (" + consent.state().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        if (condition instanceof Condition.Region region) {
            String where = region.region().replace('_', ' ');
            return (region.inRegion() ? "lives in the " : "does not live in the ") + where;
        }
        Condition.Distance distance = (Condition.Distance) condition;
        return "is " + number(distance.kilometres()) + " km from " + distance.latitude() + ", "
                + distance.longitude();
    }

    private static String filter(ValueFilter filter, ZoneId zone) {
        if (filter instanceof ValueFilter.Text text) {
            return text.operator().replace('-', ' ') + " " + quoted(text.value());
        }
        if (filter instanceof ValueFilter.TextList list) {
            return (list.in() ? "is one of " : "is none of ")
                    + list.values().stream().map(ConditionDescriptions::quoted).collect(Collectors.joining(", "));
        }
        if (filter instanceof ValueFilter.Numeric numeric) {
            return "is " + number(numeric);
        }
        if (filter instanceof ValueFilter.Bool bool) {
            return "is " + bool.value();
        }
        if (filter instanceof ValueFilter.Existence existence) {
            return existence.set() ? "is set" : "is not set";
        }
        if (filter instanceof ValueFilter.Date date) {
            return "falls " + frame(date.frame(), zone);
        }
        ValueFilter.Anniversary anniversary = (ValueFilter.Anniversary) filter;
        return "has its anniversary in the " + (anniversary.next() ? "next " : "last ") + anniversary.days()
                + " days";
    }

    private static String times(ValueFilter.Numeric count) {
        BigDecimal value = count.value();
        String n = plain(value);
        return switch (count.operator()) {
            case "equals" -> "exactly " + n + " times";
            case "not-equals" -> "any number of times but " + n;
            case "greater-than" -> "more than " + n + " times";
            case "greater-than-or-equal" -> "at least " + n + " times";
            case "less-than" -> "fewer than " + n + " times";
            case "less-than-or-equal" -> "at most " + n + " times";
            case "between" -> "between " + n + " and " + plain(count.end()) + " times";
            default -> count.operator() + " " + n + " times";
        };
    }

    private static String number(ValueFilter.Numeric numeric) {
        String n = plain(numeric.value());
        return switch (numeric.operator()) {
            case "equals" -> "exactly " + n;
            case "not-equals" -> "anything but " + n;
            case "greater-than" -> "more than " + n;
            case "greater-than-or-equal" -> "at least " + n;
            case "less-than" -> "less than " + n;
            case "less-than-or-equal" -> "at most " + n;
            case "between" -> "between " + n + " and " + plain(numeric.end());
            default -> numeric.operator() + " " + n;
        };
    }

    /** A time frame as words, read back from its bounds (see {@link TimeFrame}'s factories). */
    static String frame(TimeFrame frame, ZoneId zone) {
        TimeFrame.Bound lower = frame.lower();
        TimeFrame.Bound upper = frame.upper();
        boolean lowerNone = lower instanceof TimeFrame.Bound.None;
        boolean upperNone = upper instanceof TimeFrame.Bound.None;
        if (lowerNone && upperNone) {
            return "over all time";
        }
        if (lower instanceof TimeFrame.Bound.Fixed from && upperNone) {
            return "after " + at(from.instant(), zone);
        }
        if (lowerNone && upper instanceof TimeFrame.Bound.Fixed to) {
            return "before " + at(to.instant(), zone);
        }
        if (lower instanceof TimeFrame.Bound.Fixed from && upper instanceof TimeFrame.Bound.Fixed to) {
            return "between " + at(from.instant(), zone) + " and " + at(to.instant(), zone);
        }
        if (upper instanceof TimeFrame.Bound.Rolling now && now.offset().equals(Duration.ofMillis(1))) {
            return "in the last " + ago(lower);
        }
        if (lower instanceof TimeFrame.Bound.Rolling now && now.offset().isZero()) {
            return upper instanceof TimeFrame.Bound.Rolling ahead ? "in the next " + hours(ahead.offset())
                    : "in the next " + days(((TimeFrame.Bound.Stepped) upper).days() - 1);
        }
        if (lowerNone) {
            return "at least " + ago(upper) + " ago";
        }
        return "between " + ago(upper) + " and " + ago(lower) + " ago";
    }

    private static String ago(TimeFrame.Bound bound) {
        if (bound instanceof TimeFrame.Bound.Rolling rolling) {
            return hours(rolling.offset().negated());
        }
        return days(-((TimeFrame.Bound.Stepped) bound).days());
    }

    private static String hours(Duration duration) {
        long hours = duration.toHours();
        return hours == 1 ? "1 hour" : hours + " hours";
    }

    private static String days(int days) {
        return days == 1 ? "1 day" : days + " days";
    }

    private static String at(Instant instant, ZoneId zone) {
        return DAY.format(instant.atZone(zone));
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private static String quoted(String text) {
        return "\u201c" + text + "\u201d";
    }

    /** Names of what conditions refer to by id, and the account's zone. */
    record Names(Map<String, String> metrics, Map<String, String> groups, ZoneId zone) {
    }
}
